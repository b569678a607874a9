"""The public website's search (Pagefind, build_tools/web/search.py) in a real browser.

The full fixture is built for real, with two additions: a published story whose title and text
look like markup, and a hand-written page with ``search: exclude``. The site is served on
127.0.0.1 with the headers of its ``_headers`` file; queries are typed into the header's search
box as a reader would. Published stories and courses are found; held-back stories, retired
courses and excluded pages are not; the results are reached with the keyboard; nothing is
requested from another host, the policy refuses nothing, the console stays clean, and hostile
titles and texts are shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import SCHEMES, describe_violations, run_axe
from conftest import TODAY
from projects import copy_project
from test_headers_browser import WATCH_CSP, serve_with_headers

from build_tools.cli.build import build_site
from build_tools.content.environment import environment
from build_tools.web import search

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_TITLE = 'Tea & cake <3 "quoted" &lt;img src=x onerror=window.__pwned=1&gt;'
HOSTILE_CODE = '<img src=x onerror="window.__pwned=2">'
HOSTILE_TEXT = "&lt;img src=y onerror=window.__pwned=3&gt;"
HIDDEN_WORD = "Quillwort"  # only on the page that asks to stay out of search
# The held-back stories and retired courses of the full fixture, by address and title.
HELD_BACK = {"/stories/food-and-me/": "Food and Me",
             "/stories/night-shifts-and-new-starts/": "Night Shifts and New Starts",
             "/stories/the-dog-who-got-me-out/": "The Dog Who Got Me Out"}
RETIRED = {"/courses/noticing-with-a-camera/": "Noticing with a Camera",
           "/courses/introduction-to-mindfulness/": "Introduction to Mindfulness"}
# A page without feeds: Material asks for a sitemap beside every <link rel="alternate">, which
# the feeds' links on listing pages would answer with "not found" in the console.
START = "about/"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project("full", tmp_path_factory.mktemp("search") / "project")
    story = (root / "stories" / "the-kettle-and-the-bus-stop.md").read_text(encoding="utf-8")
    front, body = story.split("\n---\n", 1)
    front = front.replace("title: The Kettle and the Bus Stop", f"title: '{HOSTILE_TITLE}'")
    body = f"Zebrafinch mornings with `{HOSTILE_CODE}` and {HOSTILE_TEXT} in them.\n\n{body}"
    (root / "stories" / "tea-and-cake.md").write_text(f"{front}\n---\n{body}", encoding="utf-8")
    (root / "content" / "staff-notes.md").write_text(
        f"---\ntitle: Staff notes\nsearch:\n  exclude: true\n---\n\n{HIDDEN_WORD} meadow.\n",
        encoding="utf-8")
    with environment(RECOVERY_TODAY=TODAY):
        build_site(root, root / "site", pdf=False)
    return root / "site"


@pytest.fixture(scope="module")
def site_address(search_site: Path) -> Iterator[str]:
    with serve_with_headers(search_site) as url:
        yield url


@pytest.fixture
def tab(browser: Any, site_address: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_CSP)
    outside: list[str] = []
    context.route(lambda url: not url.startswith(site_address),
                  lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.problems = []  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type in ("error", "warning")
            and page.problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.goto(site_address + START, wait_until="load")
    yield page
    problems = page.problems + [f"CSP: {v}" for v in page.evaluate("window.__csp")]
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert problems == []


def search_for(page: Any, query: str) -> dict[str, str]:
    """Type ``query`` into the header's search box; the results shown, address -> title."""
    if not page.locator("[data-rc-search-panel]").is_visible():
        page.locator("[data-rc-search-toggle]").click()
    field = page.locator("[data-rc-search-input]")
    field.fill("")
    field.type(query)
    page.keyboard.press("Enter")
    page.wait_for_function("q => { const s = document.querySelector('[data-rc-search-status]').textContent;"
                           " return s && !s.startsWith('Searching') && document.activeElement.value === q; }", arg=query)
    links = page.locator("[data-rc-search-results] a").all()
    # Each href is absolute (http://127.0.0.1:PORT/stories/x/): keep its path.
    return {"/" + link.get_attribute("href").split("/", 3)[3]: link.inner_text() for link in links}


def test_published_story_and_course_are_found(tab: Any) -> None:
    found = search_for(tab, "kettle bus stop")
    assert found.get("/stories/tea-and-cake/") == HOSTILE_TITLE
    found = search_for(tab, "Understanding Anxiety")
    assert found.get("/courses/understanding-anxiety/") == "Understanding Anxiety"
    status = tab.locator("[data-rc-search-status]")
    assert status.get_attribute("role") == "status" and "found" in status.inner_text()


@pytest.mark.parametrize("address", [*HELD_BACK, *RETIRED])
def test_held_back_and_retired_pages_are_never_found(tab: Any, address: str) -> None:
    title = {**HELD_BACK, **RETIRED}[address]
    found = search_for(tab, title)
    assert address not in found
    assert title not in found.values()


def test_a_page_with_search_exclude_is_never_found(tab: Any, search_site: Path) -> None:
    assert (search_site / "staff-notes" / "index.html").is_file()  # published, only not searchable
    assert search_for(tab, HIDDEN_WORD) == {}
    assert tab.locator("[data-rc-search-status]").inner_text() == f"No pages match \u201c{HIDDEN_WORD}\u201d."


def test_hostile_titles_and_texts_are_shown_as_text(tab: Any) -> None:
    found = search_for(tab, "Zebrafinch")
    assert found == {"/stories/tea-and-cake/": HOSTILE_TITLE}
    result = tab.locator("[data-rc-search-results] li").first
    # The excerpt holds text and <mark> elements only, and the markup-like text as typed.
    assert result.locator("p *").evaluate_all("nodes => nodes.map(n => n.nodeName)") == ["MARK"]
    excerpt = result.locator("p").inner_text()
    assert f"Zebrafinch mornings with {HOSTILE_CODE} and <img src=y onerror=window.__pwned=3> in them." in excerpt
    assert tab.locator("[data-rc-search-panel] img").count() == 0
    assert tab.evaluate("window.__pwned") is None


def test_results_are_reached_and_followed_with_the_keyboard(tab: Any) -> None:
    tab.locator("[data-rc-search-toggle]").focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.matches('[data-rc-search-input]')")
    tab.keyboard.type("anxiety")
    tab.keyboard.press("Enter")
    tab.locator("[data-rc-search-results] a").first.wait_for()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.matches('.rc-search__submit')")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.matches('[data-rc-search-results] li:first-child a')")
    chosen = tab.evaluate("document.activeElement.href")
    assert tab.problems == []
    tab.keyboard.press("Enter")
    tab.wait_for_url(chosen)
    tab.wait_for_load_state("networkidle")
    # The page followed to is not the search's: Material asks it for a sitemap beside its
    # <link rel="alternate"> feeds, which answers "not found" (see START).
    tab.problems.clear()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [320, 1280])
def test_open_search_with_results_passes_axe(browser: Any, site_address: str, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site_address + START, wait_until="load")
        search_for(page, "sleep")
        box = page.locator("[data-rc-search-panel]").bounding_box()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        violations = run_axe(page)
    finally:
        context.close()
    assert describe_violations(START, violations) == []
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert scroll_width <= width  # nothing sideways to scroll at 320 px


def test_the_policy_lets_webassembly_compile_but_still_refuses_eval(tab: Any, search_site: Path) -> None:
    """'wasm-unsafe-eval' is for Pagefind's WebAssembly only: text is still never run as code."""
    search_for(tab, "anxiety")  # Pagefind's WebAssembly has been compiled
    # A script of the site's own origin that tries eval() (the test's own evaluate() is not held
    # to the page's policy, a script the page loads is).
    probe = search_site / "eval-probe.js"
    probe.write_text("try { eval('window.__evalRan = true'); } catch (e) { window.__evalRefused = e.name; }\n",
                     encoding="utf-8")
    try:
        tab.add_script_tag(url="/eval-probe.js")
    finally:
        probe.unlink()
    assert tab.evaluate("[window.__evalRan, window.__evalRefused]") == [None, "EvalError"]
    assert [v for v in tab.evaluate("window.__csp") if v.startswith("script-src")]
    tab.evaluate("window.__csp = []")  # the one refusal this test asked for


def test_index_holds_exactly_the_searchable_pages(search_site: Path) -> None:
    indexed = {page["url"]: page["meta"]["title"] for page in search.indexed_pages(search_site)}
    assert indexed["/stories/tea-and-cake/"] == HOSTILE_TITLE
    assert not set(indexed) & {*HELD_BACK, *RETIRED, "/staff-notes/", "/404.html", "/courses/timetable/"}
    assert not [page for page in search.indexed_pages(search_site) if HIDDEN_WORD in page["content"]]
