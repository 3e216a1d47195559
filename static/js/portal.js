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
