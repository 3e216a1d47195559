// No inline scripts: behaviour lives here so a Content-Security-Policy can forbid them.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("htmx-error");
  if (box) { box.hidden = false; }
});

// Date inputs (common.forms.DateInput): dd/mm/yyyy typed or picked, the same on phones and desktops
// (disableMobile keeps flatpickr's own calendar instead of the phone's, whose format follows its locale).
function portalDatePickers(root) {
  if (typeof flatpickr !== "function" || !root.querySelectorAll) { return; }
  root.querySelectorAll("input[data-date-picker]").forEach(function (input) {
    if (input._flatpickr) { return; }
    flatpickr(input, {
      dateFormat: input.getAttribute("data-date-picker") || "d/m/Y",
      allowInput: true,
      disableMobile: true,
      animate: false,
      locale: (flatpickr.l10ns && flatpickr.l10ns.vn) || "default",
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { portalDatePickers(document); });
document.addEventListener("htmx:load", function (event) { portalDatePickers(event.target); });

// Files sent on a slow connection show how much has gone. A form that sends files is submitted by
// htmx (hx-boost: the answer replaces the page and the address, as a plain submit would) because only
// a script can read an upload's progress; the bar and its text come from the page's own language.
function portalUploadForms(root) {
  if (typeof htmx === "undefined" || !root.querySelectorAll) { return; }
  root.querySelectorAll('form[enctype="multipart/form-data"]').forEach(function (form) {
    if (form.hasAttribute("hx-boost")) { return; }
    form.setAttribute("hx-boost", "true");
    form.setAttribute("hx-disabled-elt", "find button[type=submit]");
    htmx.process(form);
  });
}

function portalMegabytes(bytes) {
  return (bytes / 1048576).toFixed(1).replace(".", ",");
}

document.addEventListener("htmx:beforeSend", function (event) {
  var form = event.detail.elt;
  if (!form.matches || !form.matches('form[enctype="multipart/form-data"]')) { return; }
  var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
    return input.files && input.files.length > 0;
  });
  if (!chosen) { return; }
  var box = form.querySelector("[data-upload-progress]");
  if (!box) {
    box = document.createElement("div");
    box.setAttribute("data-upload-progress", "");
    box.setAttribute("role", "status");
    box.className = "mt-2 small";
    box.appendChild(document.createElement("progress"));
    box.appendChild(document.createElement("div"));
    form.appendChild(box);
  }
  var meter = box.querySelector("progress");
  var text = box.querySelector("div");
  var sending = document.body.getAttribute("data-upload-sending") || "";
  meter.max = 100;
  meter.value = 0;
  meter.className = "w-100";
  text.textContent = sending;
  event.detail.xhr.upload.addEventListener("progress", function (progress) {
    if (!progress.lengthComputable) { return; }
    var percent = Math.floor((100 * progress.loaded) / progress.total);
    meter.value = percent;
    text.textContent = sending + " " + percent + "% (" + portalMegabytes(progress.loaded) + " / " +
      portalMegabytes(progress.total) + " MB)";
  });
});
document.addEventListener("DOMContentLoaded", function () { portalUploadForms(document); });
document.addEventListener("htmx:load", function (event) { portalUploadForms(event.target); });

// Unit filter (units/person_list.html): a typed name with suggestions from units:unit-suggest and a
// hidden id. Picking a suggestion fills both and refreshes the list; typing again forgets the id
// (a submit without a pick filters by the best match, as without JavaScript).
document.addEventListener("click", function (event) {
  var pick = event.target.closest && event.target.closest("[data-unit-pick]");
  if (!pick) { return; }
  var box = pick.closest("[data-unit-filter]");
  if (!box) { return; }
  var hidden = box.querySelector("input[type=hidden]");
  var text = box.querySelector("input[type=search]");
  hidden.value = pick.getAttribute("data-unit-pick");
  text.value = pick.getAttribute("data-unit-label");
  text.setAttribute("aria-expanded", "false");
  box.querySelector("#unit-suggestions").innerHTML = "";
  hidden.dispatchEvent(new Event("change", { bubbles: true }));
});
document.addEventListener("input", function (event) {
  var text = event.target;
  if (!text.matches || !text.matches("[data-unit-filter] input[type=search]")) { return; }
  var box = text.closest("[data-unit-filter]");
  var hidden = box.querySelector("input[type=hidden]");
  text.setAttribute("aria-expanded", text.value.trim() ? "true" : "false");
  if (hidden.value) {
    hidden.value = "";
    if (!text.value.trim()) { hidden.dispatchEvent(new Event("change", { bubbles: true })); }
  }
});
