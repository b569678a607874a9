"""Keyboard, focus, reflow and motion in a real browser (headless Chromium).

Everything is done as a keyboard user would: Tab, Enter, Space, arrow keys and Escape, never by
clicking or by setting values from a script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import html_pages, is_redirect, open_page, page_file
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

MOST_TAB_STOPS = 250  # more than any page has; a loop that never comes back to the top stops here

# What the reader sees of the focused element (and, for Material's visually hidden palette
# radios, of the label drawn in their place), as outline and box shadow.
FOCUS_LOOK = """(element) => {
  const parts = [element, ...(element.labels || [])];
  if (element.nextElementSibling && element.nextElementSibling.tagName === "LABEL") parts.push(element.nextElementSibling);
  return parts.map(part => {
    const s = getComputedStyle(part);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" ");
  });
}"""

# Whether the focused element can be seen: it has a size, is on screen and is not transparent
# or hidden (for a visually hidden radio, the label drawn in its place counts).
VISIBLE = """(element) => {
  const seen = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
      && s.visibility !== "hidden" && Number(s.opacity) > 0;
  };
  const label = element.nextElementSibling && element.nextElementSibling.tagName === "LABEL" ? element.nextElementSibling : null;
  return seen(element) || (label !== null && seen(label));
}"""

DESCRIBE = """(element) => element.tagName.toLowerCase() + ' "' +
  (element.getAttribute("aria-label") || element.textContent || element.value || "").trim().replace(/\\s+/g, " ").slice(0, 60) + '"'"""


def soup_of(site_dir: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site_dir, address).read_text(encoding="utf-8"), "html.parser")


def first_page(site_dir: Path, prefix: str, selector: str = "article") -> str:
    """The first built page under ``prefix`` (not its listing) that has ``selector``."""
    for address in html_pages(site_dir):
        if address.startswith(prefix) and address != prefix and soup_of(site_dir, address).select_one(selector):
            return address
    raise AssertionError(f"no page under /{prefix} with {selector}")


@pytest.fixture
def keyboard_page(browser: Any) -> Any:
    """A tab in its own context. Reduced motion, so focus styles are measured in their final
    state rather than half-way through a transition."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    yield context.new_page()
    context.close()


def tab_stops(page: Any) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves the page or comes back round;
    for each stop: what it is, whether it can be seen, and how it looks focused."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[dict[str, Any]] = []
    for number in range(MOST_TAB_STOPS):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if page.evaluate("(e) => e === document.body || e.hasAttribute('data-tab-stop')", handle):
            break
        page.evaluate("([e, n]) => e.setAttribute('data-tab-stop', n)", [handle, number])
        stops.append({
            "number": number,
            "what": page.evaluate(DESCRIBE, handle),
            "visible": page.evaluate(VISIBLE, handle),
            "focused": page.evaluate(FOCUS_LOOK, handle),
            "in_content": page.evaluate("(e) => !!e.closest('.md-content')", handle),
        })
    else:
        pytest.fail(f"more than {MOST_TAB_STOPS} tab stops: focus is trapped or cycling")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for stop in stops:
        stop["unfocused"] = page.evaluate(FOCUS_LOOK, page.locator(f'[data-tab-stop="{stop["number"]}"]').element_handle())
    return stops


# --- the skip link --------------------------------------------------------------------------

def test_the_skip_link_moves_focus_to_the_content_on_every_page(keyboard_page: Any, built_site: Path, site_url: str) -> None:
    problems = []
    for address in html_pages(built_site):
        if is_redirect(built_site, address):
            continue
        open_page(keyboard_page, site_url, built_site, address)
        keyboard_page.keyboard.press("Tab")
        first = keyboard_page.evaluate("[document.activeElement.textContent.trim(), getComputedStyle(document.activeElement).opacity]")
        keyboard_page.keyboard.press("Enter")
        landed = keyboard_page.evaluate("!!document.activeElement.closest('.md-content')")
        keyboard_page.keyboard.press("Tab")
        next_in_content = keyboard_page.evaluate("!!document.activeElement.closest('.md-content, .md-footer')")
        if first != ["Skip to content", "1"] or not landed or not next_in_content:
            problems.append(f"/{address}: first Tab {first}, focus in content after Enter: {landed}, "
                            f"next Tab in content: {next_in_content}")
    assert not problems, "\n".join(problems)


def test_on_a_story_the_content_notes_are_the_first_stop_after_skipping(keyboard_page: Any, built_site: Path, site_url: str) -> None:
    story = first_page(built_site, "stories/", "details.rc-content-notes")
    keyboard_page.goto(site_url + story)
    for key in ("Tab", "Enter", "Tab"):
        keyboard_page.keyboard.press(key)
    assert keyboard_page.evaluate("document.activeElement.matches('details.rc-content-notes > summary')")


# --- focus is always visible ----------------------------------------------------------------

@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("kind", ["courses/", "stories/"])
def test_every_tab_stop_is_visible_and_shows_focus(kind: str, width: int, keyboard_page: Any, built_site: Path, site_url: str) -> None:
    """Course and story pages, wide and narrow: each control the Tab key reaches can be seen
    and looks different (outline or shadow) when focused."""
    address = first_page(built_site, kind)
    keyboard_page.set_viewport_size({"width": width, "height": 900})
    keyboard_page.goto(site_url + address)
    stops = tab_stops(keyboard_page)
    assert len(stops) > 5 and any(stop["in_content"] for stop in stops), [s["what"] for s in stops]
    hidden = [f'{s["number"]}: {s["what"]}' for s in stops if not s["visible"]]
    unmarked = [f'{s["number"]}: {s["what"]} ({s["focused"]})' for s in stops if s["focused"] == s["unfocused"]]
    assert not hidden, f"/{address} at {width}px: focus goes to something that cannot be seen:\n" + "\n".join(hidden)
    assert not unmarked, f"/{address} at {width}px: no visible focus indicator:\n" + "\n".join(unmarked)


def test_no_page_changes_the_tab_order(built_site: Path) -> None:
    """A positive tabindex takes an element out of reading order for keyboard users."""
    found = [f"/{address}: {tag.name} tabindex={tag['tabindex']}" for address in html_pages(built_site)
             for tag in soup_of(built_site, address).find_all(attrs={"tabindex": True})
             if tag["tabindex"].strip().lstrip("-").isdigit() and int(tag["tabindex"]) > 0]
    assert not found, "\n".join(found)


# --- filters, disclosures and menus ---------------------------------------------------------

@pytest.mark.parametrize("listing", ["courses/", "stories/", "resources/"])
def test_filters_work_from_the_keyboard(listing: str, keyboard_page: Any, site_url: str) -> None:
    page = keyboard_page
    page.goto(site_url + listing)
    form = page.locator("form.rc-filters")
    items = page.locator("[data-filter-item]")
    total = items.count()
    status = form.locator("[data-filter-status]")
    assert total > 1 and status.inner_text() == f"Showing all {total} {form.get_attribute('data-noun')}."
    for _ in range(MOST_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('form.rc-filters select')"):
            break
    else:
        pytest.fail(f"/{listing}: Tab never reaches the filters")
    first_filter = page.evaluate("document.activeElement.name")
    page.keyboard.press("ArrowDown")  # the first choice after "Any"
    chosen = page.evaluate("document.activeElement.value")
    shown = page.locator("[data-filter-item]:not([hidden])").count()
    assert chosen and 0 < shown < total, f"/{listing}: choosing {first_filter}={chosen} shows {shown} of {total}"
    assert status.inner_text() == f"Showing {shown} of {total} {form.get_attribute('data-noun')}."
    assert f"{first_filter}={chosen}" in page.url
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('form.rc-filters button[type=submit]')"):
            break
    else:
        pytest.fail(f"/{listing}: Tab never reaches the Show button")
    noun = form.get_attribute("data-noun")
    assert page.evaluate("document.activeElement.textContent.trim()") == f"Show {noun}"
    page.keyboard.press("Enter")  # takes the reader to the list, still filtered
    target = form.get_attribute("data-filters")
    assert page.evaluate("document.activeElement.id") == target
    assert page.locator("[data-filter-item]:not([hidden])").count() == shown
    page.keyboard.press("Shift+Tab")  # back into the form: its last button
    assert page.evaluate("document.activeElement.matches('form.rc-filters button[type=reset]')"), \
        f"/{listing}: Shift+Tab from the list does not reach the Clear filters button"
    page.keyboard.press("Enter")
    page.wait_for_function("(n) => document.querySelectorAll('[data-filter-item]:not([hidden])').length === n", arg=total)
    assert status.inner_text() == f"Showing all {total} {form.get_attribute('data-noun')}."


def test_content_notes_open_and_close_from_the_keyboard(keyboard_page: Any, built_site: Path, site_url: str) -> None:
    page = keyboard_page
    page.goto(site_url + first_page(built_site, "stories/", "details.rc-content-notes"))
    notes = page.locator("details.rc-content-notes")
    support = notes.locator(".rc-crisis")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to the content
    page.keyboard.press("Tab")    # the content notes' summary
    assert not support.is_visible()
    page.keyboard.press("Enter")
    assert notes.evaluate("d => d.open") and support.is_visible()
    page.keyboard.press("Enter")
    assert not notes.evaluate("d => d.open")
    page.keyboard.press("Space")
    assert notes.evaluate("d => d.open")


def test_the_narrow_screen_menu_works_from_the_keyboard(keyboard_page: Any, site_url: str) -> None:
    """At 320px the navigation is a drawer: a real button opens it, focus moves into it,
    Escape closes it and focus returns to the button. While closed, its links take no focus."""
    page = keyboard_page
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site_url + "about/")
    drawer_links = page.locator(".md-sidebar--primary a[href]")
    assert drawer_links.count() > 5
    assert not drawer_links.first.is_visible()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button[data-rc-menu-button]')"):
            break
    else:
        pytest.fail("Tab never reaches the menu button")
    button = page.locator("button[data-rc-menu-button]")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    assert drawer_links.first.is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('button[data-rc-menu-button]')")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")


def test_the_colour_scheme_switch_works_from_the_keyboard(keyboard_page: Any, site_url: str) -> None:
    """Material's palette toggle: a radio input drawn as an icon, switched with Enter; the
    choice is kept in localStorage ("__palette"), never in a cookie."""
    page = keyboard_page
    page.goto(site_url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-option')"):
            break
    else:
        pytest.fail("Tab never reaches the colour scheme switch")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("document.activeElement.matches('input.md-option')")  # focus stays on the switch
    # Material scopes its keys to the site's address: "/.__palette".
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.endsWith('__palette')).map(k => localStorage.getItem(k))")
    assert len(stored) == 1 and '"scheme":"slate"' in stored[0], stored
    assert page.context.cookies() == []


def test_search_works_from_the_keyboard(keyboard_page: Any, site_url: str) -> None:
    page = keyboard_page
    page.goto(site_url)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-rc-search-toggle]')"):
            break
    else:
        pytest.fail("Tab never reaches the search button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('input[type=search]')")
    page.keyboard.type("anxiety")
    page.keyboard.press("Enter")
    page.locator("[data-rc-search-results] a").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('[data-rc-search-results] li:first-child a')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input[type=search]')")
    page.keyboard.press("Tab")  # the search button, then the first result
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-rc-search-results] li:first-child a')")
    chosen = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(chosen)
    assert "anxiety" in page.url


def test_escape_closes_search_and_returns_to_its_button(keyboard_page: Any, site_url: str) -> None:
    page = keyboard_page
    page.goto(site_url)
    page.locator("[data-rc-search-toggle]").focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-rc-search-panel]").is_visible()
    assert page.get_attribute("[data-rc-search-toggle]", "aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not page.locator("[data-rc-search-panel]").is_visible()
    assert page.get_attribute("[data-rc-search-toggle]", "aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('[data-rc-search-toggle]')")


# --- reflow and motion ----------------------------------------------------------------------

# Elements that stick out past the right edge of the window, other than inside a box that
# scrolls sideways by itself (a wide data table may, WCAG 1.4.10 allows it). Material hides the
# page's own sideways overflow (html { overflow-x: hidden }), so content that is too wide would
# be cut off rather than scroll: measuring the page's scroll width alone would miss it.
STICKING_OUT = """() => {
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= innerWidth + 1 || getComputedStyle(element).visibility === "hidden") continue;
    let scroller = element.parentElement;
    while (scroller && !(["auto", "scroll"].includes(getComputedStyle(scroller).overflowX)
                         && scroller.getBoundingClientRect().right <= innerWidth + 1)) scroller = scroller.parentElement;
    if (!scroller) found.push(element.tagName.toLowerCase() + "." + String(element.className).split(" ").join(".") + " to " + Math.round(box.right) + "px");
  }
  return found;
}"""


def test_no_page_scrolls_sideways_at_320_css_pixels(browser: Any, built_site: Path, site_url: str) -> None:
    """WCAG 1.4.10: content reflows at 320 CSS pixels (a 1280px screen zoomed to 400%)."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    too_wide = []
    try:
        for address in html_pages(built_site):
            open_page(page, site_url, built_site, address)
            width = page.evaluate("document.documentElement.scrollWidth")
            sticking_out = page.evaluate(STICKING_OUT)
            if width > 320 or sticking_out:
                too_wide.append(f"/{address}: {width}px wide; sticking out: {', '.join(sticking_out[:5])}")
    finally:
        context.close()
    assert not too_wide, "pages wider than 320px:\n" + "\n".join(too_wide)


MOTION = """() => {
  const seconds = v => v.split(",").map(t => t.trim().endsWith("ms") ? parseFloat(t) / 1000 : parseFloat(t));
  let longest = 0, where = null;
  for (const e of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const s = getComputedStyle(e, pseudo);
      const most = Math.max(...seconds(s.transitionDuration), ...seconds(s.animationName === "none" ? "0s" : s.animationDuration));
      if (most > longest) { longest = most; where = e.tagName.toLowerCase() + "." + String(e.className).split(" ").join("."); }
    }
  }
  return [longest, where, getComputedStyle(document.documentElement).scrollBehavior];
}"""


def test_motion_only_without_prefers_reduced_motion(browser: Any, site_url: str) -> None:
    longest = {}
    for setting in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=setting)
        page = context.new_page()
        try:
            page.goto(site_url)
            page.keyboard.press("Tab")  # the skip link slides in
            longest[setting] = page.evaluate(MOTION)
        finally:
            context.close()
    assert longest["no-preference"][0] >= 0.1, longest  # the site does move by default...
    seconds, where, scrolling = longest["reduce"]
    assert seconds <= 0.00001, f"with reduced motion, {where} still moves for {seconds}s"
    assert scrolling == "auto"
