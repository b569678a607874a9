/*
 * The navigation drawer of narrow screens, from the keyboard. Material opens it with a <label>
 * for a hidden checkbox, which only a pointer can use; partials/header.html adds a real button,
 * hidden until this script shows it in the label's place. The button says whether the drawer is
 * open (aria-expanded), moves focus to the drawer's first link when it opens, and Escape or
 * tabbing out of the drawer closes it again.
 */
(function () {
  "use strict";

  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("[data-rc-menu-button]");
  var label = document.querySelector("[data-rc-menu-label]");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !label || !drawer) return;

  drawer.id = drawer.id || "rc-site-menu";
  button.setAttribute("aria-controls", drawer.id);
  label.hidden = true;
  button.hidden = false;

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    // Material listens for this to lock the page's scrolling while the drawer is open.
    toggle.dispatchEvent(new Event("change"));
    sync();
  }

  button.addEventListener("click", function () {
    setOpen(!toggle.checked);
    if (toggle.checked) {
      var first = drawer.querySelector("a[href]");
      if (first) first.focus();
    }
  });
  toggle.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      setOpen(false);
      button.focus();
    }
  });
  // Focus must never sit behind the open drawer: leaving it closes it.
  drawer.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle.checked && next && next !== button && !drawer.contains(next)) setOpen(false);
  });
  sync();
})();
