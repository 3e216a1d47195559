// No inline scripts: behaviour lives here so a Content-Security-Policy can forbid them.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("htmx-error");
  if (box) { box.hidden = false; }
});
