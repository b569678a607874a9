"""The built site works in a real browser under its own Content-Security-Policy.

The full fixture's site is served by a small server that sends the headers written in
``site/_headers`` (as Netlify or Cloudflare Pages would), on top of the policy every page
carries in a ``<meta>`` element. Each page type is loaded in headless Chromium; no
CSP violation may be reported, the theme's scripts must run, and search and the course filters
must still work. A script added to a page without a hash must be refused, which shows that the
policy is in force and that violations would be seen.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError

from build_tools.cli.main import main
from build_tools.web.headers import (
    nginx_snippet,
    page_inline_scripts,
    parse_headers,
    policy,
    script_hash,
    write_headers,
)

PAGES = [
    "",
    "courses/",
    "courses/understanding-anxiety/",
    "courses/timetable/",
    "stories/",
    "stories/the-river-at-first-light/",
    "stories/learning-to-be-dad-again/",
    "stories/the-allotment-and-the-voices/",
    "venues/",
    "briefings/",
    "resources/",
    "crisis-support/",
    "404.html",
]
# Collects violations from the first moment of every page, before any page script runs.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class _HeadersHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host, adding the headers of the site's ``_headers`` file."""

    rules: dict[str, dict[str, str]] = {}

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules.items():
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_with_headers(site_dir: Path) -> Iterator[str]:
    rules = parse_headers((site_dir / "_headers").read_text(encoding="utf-8"))
    with serve(site_dir, type("Handler", (_HeadersHandler,), {"rules": rules})) as url:
        yield url


@pytest.fixture(scope="module")
def strict_url(built_site: Path) -> Iterator[str]:
    with serve_with_headers(built_site) as url:
        yield url


@pytest.fixture
def page(browser: Any, strict_url: str) -> Iterator[Any]:
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    # Nothing may leave 127.0.0.1: a request to another host fails the test.
    outside: list[str] = []
    context.route(lambda url: not url.startswith(strict_url),
                  lambda route: (outside.append(route.request.url), route.abort()))
    tab = context.new_page()
    tab.console_messages = []  # type: ignore[attr-defined]
    tab.on("console", lambda message: tab.console_messages.append(message.text))  # type: ignore[attr-defined]
    tab.failed = []  # type: ignore[attr-defined]
    tab.on("response", lambda response: response.status >= 400  # type: ignore[attr-defined]
           and tab.failed.append(f"{response.status} {response.url}"))
    yield tab
    context.close()
    assert outside == []


def csp_problems(tab: Any) -> list[str]:
    console = [text for text in tab.console_messages if "Content Security Policy" in text]
    return console + tab.evaluate("window.__csp")


# --- the _headers file -------------------------------------------------------------------------

def test_only_runnable_inline_scripts_are_found() -> None:
    page = ('<script>var x = 1;</script><script src="app.js"></script>'
            '<script type="application/ld+json">{"a": 1}</script><script type="application/json">{}</script>'
            '<!-- <script>var z = 3;</script> --><SCRIPT type="module">var y = 2;</SCRIPT>')
    assert page_inline_scripts(page) == ["var x = 1;", "var y = 2;"]
    # printf 'var x = 1;' | openssl dgst -sha256 -binary | base64
    assert script_hash("var x = 1;") == "'sha256-9nfWt3DNT14o+tZCP3YilfLwTrhLI98eqbN689B7ajY='"


def test_headers_file_holds_the_policy_with_the_given_hashes(tmp_path: Path) -> None:
    write_headers(tmp_path, {"'sha256-9nfWt3DNT14o+tZCP3YilfLwTrhLI98eqbN689B7ajY='"})
    csp = parse_headers((tmp_path / "_headers").read_text(encoding="utf-8"))["/*"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-9nfWt3DNT14o+tZCP3YilfLwTrhLI98eqbN689B7ajY='"
    assert directives["frame-ancestors"] == "'none'"


def test_meta_policy_leaves_out_what_a_meta_element_cannot_carry() -> None:
    names = [part.strip().split(" ", 1)[0] for part in policy(set(), meta=True).split(";")]
    assert "frame-ancestors" not in names
    assert names[:2] == ["default-src", "script-src"]


def test_reports_go_only_in_the_header_and_cannot_break_out_of_it(tmp_path: Path) -> None:
    write_headers(tmp_path, set(), report_uri='https://college.example/csp; script-src *\n"x')
    headers = parse_headers((tmp_path / "_headers").read_text(encoding="utf-8"))["/*"]
    directives = [part.strip() for part in headers["Content-Security-Policy"].split(";")]
    assert directives[-2:] == ["report-uri https://college.example/csp%3B%20script-src%20*%0A%22x", "report-to csp"]
    assert headers["Reporting-Endpoints"] == 'csp="https://college.example/csp%3B%20script-src%20*%0A%22x"'
    assert "report" not in policy(set(), meta=True, report_uri="https://college.example/csp")


def test_nginx_snippet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert nginx_snippet({"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'"}) == (
        'add_header X-Content-Type-Options "nosniff" always;\n'
        'add_header Content-Security-Policy "default-src \'self\'" always;\n')
    assert nginx_snippet({"Reporting-Endpoints": 'csp="https://college.example/csp"'}) == (
        'add_header Reporting-Endpoints "csp=\\"https://college.example/csp\\"" always;\n')
    (tmp_path / "_headers").write_text("# a comment\n/*\n  X-Frame-Options: DENY\n", encoding="utf-8")
    assert main(["headers", "--root", str(tmp_path), "--site-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ['add_header X-Frame-Options "DENY" always;']


@pytest.mark.slow
def test_headers_file_is_complete(built_site: Path) -> None:
    rules = parse_headers((built_site / "_headers").read_text(encoding="utf-8"))
    headers = rules["/*"]
    csp = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(directives["script-src"].split())
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"
    assert directives["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in headers["Permissions-Policy"]


def _sources(policy_text: str, directive: str) -> list[str]:
    for part in policy_text.split(";"):
        name, *sources = part.split()
        if name == directive:
            return sources
    return []


@pytest.mark.slow
def test_every_page_carries_the_policy_before_any_script(built_site: Path) -> None:
    """GitHub Pages sends no headers, so each page holds the policy itself, ahead of every script,
    and it allows exactly the page's inline scripts (all of them the theme's, listed in _headers)."""
    header = parse_headers((built_site / "_headers").read_text(encoding="utf-8"))["/*"]["Content-Security-Policy"]
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, path
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin", path
        first_script = soup.find("script")
        if first_script is not None:
            assert metas[0] in first_script.find_all_previous("meta"), path
        policy_text = metas[0]["content"]
        assert _sources(policy_text, "default-src") == ["'self'"]
        assert _sources(policy_text, "style-src") == ["'self'"]
        inline = {script_hash(tag.string or "") for tag in soup.find_all("script")
                  if not tag.has_attr("src") and tag.get("type") not in ("application/json", "application/ld+json")}
        allowed = set(_sources(policy_text, "script-src")) - {"'self'"}
        assert inline <= allowed, path
        assert inline <= set(_sources(header, "script-src")), path


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("address", PAGES)
def test_page_works_under_the_policy(page: Any, strict_url: str, address: str) -> None:
    response = page.goto(strict_url + address, wait_until="load")
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]
    # The theme's hashed inline script and its bundle both ran.
    assert page.evaluate("typeof window.__md_get") == "function"
    page.wait_for_function("typeof window.document$ !== 'undefined'")
    assert csp_problems(page) == []
    # Nothing the page asks for is missing (Material's bundle looks for a sitemap.xml beside
    # every <link rel="alternate">, which the feeds' links once were).
    page.wait_for_load_state("networkidle")
    assert page.failed == []


@pytest.mark.browser
@pytest.mark.slow
def test_unhashed_inline_script_is_refused(page: Any, strict_url: str) -> None:
    page.goto(strict_url, wait_until="load")
    with pytest.raises(PlaywrightError):
        page.add_script_tag(content="window.__injected = true;")
    assert page.evaluate("window.__injected === undefined")
    page.wait_for_function("window.__csp.length > 0")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


@pytest.mark.browser
@pytest.mark.slow
def test_search_works_under_the_policy(page: Any, strict_url: str) -> None:
    page.goto(strict_url, wait_until="load")
    page.locator("[data-rc-search-toggle]").click()
    page.keyboard.type("anxiety")
    page.wait_for_selector("[data-rc-search-results] a", timeout=15_000)
    titles = page.locator("[data-rc-search-results] a").all_inner_texts()
    assert "Understanding Anxiety" in titles
    assert csp_problems(page) == []


@pytest.mark.browser
@pytest.mark.slow
def test_course_filters_work_under_the_policy(page: Any, strict_url: str) -> None:
    page.goto(strict_url + "courses/", wait_until="load")
    form = page.locator("form[data-filters]").first
    form.wait_for(state="visible")  # the script unhides the form
    items = page.locator("[data-filter-item]")
    total = items.count()
    select = form.locator("select").first
    values = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    chosen = None
    for value in values:
        select.select_option(value)
        if page.locator("[data-filter-item]:visible").count() < total:
            chosen = value
            break
    assert chosen is not None, "no filter value narrowed the list"
    status = form.locator("[data-filter-status]").inner_text()
    assert status.startswith("Showing ") and f"of {total} " in status
    assert csp_problems(page) == []


HOSTILE = ('<script>window.__ran = "inline";</script>'
           '<img src="missing.png" onerror="window.__ran = \'handler\'">'
           '<div id="overlay" style="position:fixed;inset:0;background:red">x</div>'
           '<img id="tracker" src="https://tracker.example/p.gif" alt="">'
           '<a id="jslink" href="javascript:window.__ran=\'link\'">x</a>')


@pytest.mark.browser
@pytest.mark.slow
def test_a_hostile_page_is_held_by_its_own_meta_policy(browser: Any, built_site: Path, site_url: str) -> None:
    """As on GitHub Pages, which sends no headers: markup that got into a page anyway neither
    runs, restyles the page, nor reaches another host."""
    address = site_url + "about/"
    html = (built_site / "about/index.html").read_text(encoding="utf-8").replace("</article>", HOSTILE + "</article>", 1)
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    outside: list[str] = []
    context.route(lambda url: not url.startswith(site_url),
                  lambda route: (outside.append(route.request.url), route.abort()))
    tab = context.new_page()
    tab.route(address, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    response = tab.goto(address, wait_until="load")
    assert response is not None and "content-security-policy" not in response.headers
    tab.locator("#jslink").click()
    tab.wait_for_function("window.__csp.length >= 4")
    assert tab.evaluate("window.__ran === undefined")
    assert tab.evaluate("getComputedStyle(document.getElementById('overlay')).position") != "fixed"
    directives = {line.split(" ", 1)[0] for line in tab.evaluate("window.__csp")}
    assert {"script-src-elem", "script-src-attr", "style-src-attr", "img-src"} <= directives
    assert outside == []
    context.close()
