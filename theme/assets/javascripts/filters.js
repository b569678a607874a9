/*
 * Filters for listing pages (courses, stories, resources).
 *
 * A <form data-filters="LIST_ID"> holds <select name="NAME"> controls; each item inside
 * #LIST_ID has data-filter-item and data-NAME="token token". An item shows when, for every
 * chosen value, its tokens include that value. Sections with data-filter-group hide when
 * all their items are hidden. An item may also carry data-runs="term:a|place:b c;term:d|place:e"
 * (a course's runs): filters named there must all match one run, so "summer term" and "online"
 * find courses with an online run in the summer, not one run in summer and another online. The choice is kept in the address (?NAME=value) so it can be
 * shared. A choice applies at once; submitting the form (its "Show …" button) applies it and
 * moves focus to the list. Without JavaScript the form is not shown (site.css) and every item is listed.
 */
(function () {
  "use strict";

  function tokens(item, name) {
    return (item.getAttribute("data-" + name) || "").split(" ").filter(Boolean);
  }

  function runsOf(item) {
    var raw = item.getAttribute("data-runs");
    if (!raw) return [];
    return raw.split(";").map(function (run) {
      var fields = {};
      run.split("|").forEach(function (part) {
        var colon = part.indexOf(":");
        fields[part.slice(0, colon)] = part.slice(colon + 1).split(" ").filter(Boolean);
      });
      return fields;
    });
  }

  function matches(item, chosen) {
    var runs = runsOf(item);
    var perRun = chosen.filter(function (s) { return runs.length && s.name in runs[0]; });
    var perItem = chosen.filter(function (s) { return perRun.indexOf(s) === -1; });
    var itemOk = perItem.every(function (s) { return tokens(item, s.name).indexOf(s.value) !== -1; });
    var runOk = !perRun.length || runs.some(function (run) {
      return perRun.every(function (s) { return run[s.name].indexOf(s.value) !== -1; });
    });
    return itemOk && runOk;
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-filters"));
    if (!list) return;
    var noun = form.getAttribute("data-noun") || "items";
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-filter-group]"));
    var empty = list.querySelector("[data-filter-empty]");
    var status = form.querySelector("[data-filter-status]");

    function apply(updateAddress) {
      var chosen = selects.filter(function (s) { return s.value; });
      var shown = 0;
      items.forEach(function (item) {
        var match = matches(item, chosen);
        item.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      if (empty) empty.hidden = shown !== 0;
      if (status) {
        status.textContent = chosen.length
          ? "Showing " + shown + " of " + items.length + " " + noun + "."
          : "Showing all " + items.length + " " + noun + ".";
      }
      if (updateAddress) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (s) {
          if (s.value) params.set(s.name, s.value); else params.delete(s.name);
        });
        var query = params.toString();
        try {
          // replaceState: changing filters should not fill the Back button's history.
          window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
        } catch (error) {
          // Some browsers refuse to change addresses of files opened from disk; filtering still works.
        }
      }
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      if (wanted && known) s.value = wanted;
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
      // The list is not a control: tabindex -1 lets it take focus here without adding a Tab stop.
      list.setAttribute("tabindex", "-1");
      list.focus();
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls are cleared.
      window.setTimeout(function () { apply(true); }, 0);
    });
    apply(false);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), setUp);
})();
