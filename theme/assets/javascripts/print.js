// Print every collapsible block open (content notes above all), then restore the reader's view.
// Browsers hide the inside of a closed <details> on paper, whatever the stylesheet says.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.removeAttribute("open");
    });
    opened = [];
  });
})();
