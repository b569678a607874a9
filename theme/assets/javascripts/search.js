/*
 * The header's search (partials/site-search.html), on the Pagefind index in pagefind/ that the
 * build makes from the published pages (build_tools/web/search.py). The index is fetched in
 * pieces: opening the search loads Pagefind's script and WebAssembly, and each query only the
 * pieces of the index for its words and the texts of the results shown.
 *
 * Keyboard: the button opens the panel and moves focus to the search field; Tab goes on to the
 * search button and the results' links, and the arrow keys also move from the field through the
 * links; Escape closes the panel and returns focus to the button. The number of results is
 * announced (role="status").
 *
 * Everything from the index is written into the page as text: titles and addresses with
 * textContent; the excerpt is read by an inert parser (DOMParser runs no script and loads
 * nothing) and copied by allow-list: its text, and Pagefind's <mark> highlights as new <mark>
 * elements holding text only.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-rc-search]");
  if (!box || !window.fetch || !window.WebAssembly) return;
  var toggle = box.querySelector("[data-rc-search-toggle]");
  var panel = box.querySelector("[data-rc-search-panel]");
  var form = box.querySelector("[data-rc-search-form]");
  var input = box.querySelector("[data-rc-search-input]");
  var status = box.querySelector("[data-rc-search-status]");
  var list = box.querySelector("[data-rc-search-results]");
  var SHOWN = 10;  // results whose texts are fetched and listed
  var bundle = new URL(box.getAttribute("data-rc-search-bundle"), document.baseURI);
  var siteRoot = new URL("../", bundle);  // the bundle is <site>/pagefind/pagefind.js
  var loading = null;
  var latest = 0;
  var timer = 0;

  function load() {
    if (!loading) {
      loading = import(bundle.href).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot.pathname }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });  // a later try loads it again
    }
    return loading;
  }

  function setOpen(open, returnFocus) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      input.focus();
      load().catch(function () {});
    } else if (returnFocus) {
      toggle.focus();
    }
  }

  // Only addresses inside the site are linked to.
  function siteAddress(url) {
    var address = new URL(url, siteRoot);
    return address.href.indexOf(siteRoot.href) === 0 ? address.href : siteRoot.href;
  }

  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "rc-search__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + String(html || ""), "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data) {
    var entry = document.createElement("li");
    entry.className = "rc-search__result";
    var link = document.createElement("a");
    link.className = "rc-search__link";
    link.href = siteAddress(data.url);
    link.textContent = (data.meta && data.meta.title) || data.url;
    entry.appendChild(link);
    entry.appendChild(excerpt(data.excerpt));
    return entry;
  }

  function summary(count, query) {
    if (count === 0) return "No pages match \u201c" + query + "\u201d.";
    if (count === 1) return "1 page found.";
    return count + " pages found" + (count > SHOWN ? ", the first " + SHOWN + " shown." : ".");
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Searching\u2026";
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      if (ticket !== latest) return null;
      return Promise.all(found.results.slice(0, SHOWN).map(function (result) { return result.data(); }))
        .then(function (pages) {
          if (ticket !== latest) return;
          list.replaceChildren.apply(list, pages.map(item));
          status.textContent = summary(found.results.length, query);
        });
    }).catch(function () {
      if (ticket === latest) status.textContent = "Search could not load. Check your connection and try again.";
    });
  }

  toggle.addEventListener("click", function () { setOpen(panel.hidden, false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 200);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      setOpen(false, true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var stops = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
    var at = stops.indexOf(document.activeElement);
    if (at === -1 || stops.length === 1) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    stops[Math.max(0, Math.min(stops.length - 1, next))].focus();
  });
  // Focus or a click elsewhere on the page closes the panel, which would otherwise cover it.
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) setOpen(false, false);
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !box.contains(event.target)) setOpen(false, false);
  });
})();
