/*
 * Films hosted elsewhere load only when the reader asks: until the button is pressed the page
 * makes no request to the film's host. The button replaces the placeholder with the
 * privacy-enhanced player (www.youtube-nocookie.com or player.vimeo.com).
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("[data-embed-src]"), function (box) {
    var button = box.querySelector("[data-embed-button]");
    if (!button) return;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed-src");
      frame.title = box.getAttribute("data-embed-title") || "Film";
      frame.setAttribute("allow", "fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.className = "rc-embed__frame";
      box.textContent = "";
      box.appendChild(frame);
      frame.focus();
    });
  });
})();
