/*
 * Films hosted elsewhere load only when the reader asks: until the button is pressed the page
 * makes no request to the film's host. The button replaces the placeholder with the
 * privacy-enhanced player.
 *
 * The frame is built only from an address that is https, on one of the film hosts the build
 * allows (the script element's data-embed-hosts, from build_tools/content/rules/allowlist.py),
 * with no user name, password or port: the URL parser here is the browser's own, so the host
 * compared is the host the browser would connect to.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var hosts = ((script && script.getAttribute("data-embed-hosts")) || "").split(" ").filter(Boolean);

  function filmAddress(value) {
    var url;
    try {
      url = new URL(value || "");
    } catch (error) {
      return null;
    }
    if (url.protocol !== "https:" || hosts.indexOf(url.hostname) === -1 || url.username || url.password || url.port) {
      return null;
    }
    return url.href;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".rc-embed[data-embed-src]"), function (box) {
    var button = box.querySelector("[data-embed-button]");
    var address = filmAddress(box.getAttribute("data-embed-src"));
    if (!button || !address) return;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = address;
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
