"""What the browser tests share: Debian's headless Chromium driven by Playwright, the built site
served on 127.0.0.1, axe-core and the W3C Nu HTML checker from node_modules (package.json).

The tools are found, never downloaded. Without them the tests are skipped on a developer's
machine, but under ``CI=true`` a missing tool fails the run: a green CI must mean the checks ran.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: the UK public-sector standard.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The two colour schemes of mkdocs.yml's palette, as Playwright's colour-scheme emulation and
# as Material names them in <body data-md-color-scheme>.
SCHEMES = {"light": "default", "dark": "slate"}


def require(*tools: Path) -> None:
    """Skip the calling test when a tool is missing, unless under CI, where that is a failure."""
    missing = [str(tool) for tool in tools if not tool.exists()]
    if not missing:
        return
    how = "install Chromium with `apt-get install -y chromium` and the checkers with `npm ci --ignore-scripts`"
    message = f"missing {', '.join(missing)}: {how} (or run `make test`)."
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_java() -> str:
    """The ``java`` command, for the Nu HTML checker (same skip-or-fail rule as :func:`require`)."""
    java = shutil.which("java")
    if java is None:
        require(Path("/usr/bin/java"))  # reports it missing
    return java or "java"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser leaving a page mid-download closes the connection; that is not an error here


@contextmanager
def serve(directory: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in threads; yields the base address."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def html_pages(site_dir: Path) -> list[str]:
    """Every built HTML page, as its address relative to the site root (``courses/`` for
    ``courses/index.html``), sorted. Redirect stubs for old addresses are pages too."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        found.append(relative.removesuffix("index.html"))
    return found


def page_file(site_dir: Path, address: str) -> Path:
    """The file behind a page address: ``courses/`` -> ``site/courses/index.html``."""
    return site_dir / (address + "index.html" if address == "" or address.endswith("/") else address)


def is_redirect(site_dir: Path, address: str) -> bool:
    """A page that sends the reader on to a new address at once (``<meta http-equiv="refresh">``)."""
    path = page_file(site_dir, address)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.find("meta", attrs={"http-equiv": "refresh"}) is not None


def without_refresh(html: str) -> str:
    """The page as a reader sees it whose browser does not follow the refresh."""
    soup = BeautifulSoup(html, "html.parser")
    for meta in soup.find_all("meta", attrs={"http-equiv": "refresh"}):
        meta.decompose()
    return str(soup)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core's WCAG A/AA rules on the loaded page; returns its violations."""
    require(AXE_JS)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Loaded as a script of the site's own origin, so the pages' Content-Security-Policy
        # stays in force while axe runs (an inline copy would be refused, rightly).
        url = page.evaluate("location.origin") + "/__axe.min.js"
        page.route(url, lambda route: route.fulfill(path=str(AXE_JS), content_type="text/javascript"))
        page.add_script_tag(url=url)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(address: str, violations: list[dict[str, Any]]) -> list[str]:
    """One readable line per failing element: page, rule, what is wrong, where."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"/{address}: {violation['id']} ({violation['impact']}): {violation['help']}"
                         f" at {target}: {summary}")
    return lines


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built sample site served on 127.0.0.1 for the whole test run."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test (Debian's package, never a downloaded build)."""
    require(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(page: Any, site_url: str, site_dir: Path, address: str) -> None:
    """Load one built page. A redirect stub is shown as it stands, without following it, so
    that it can be checked like any other page."""
    url = site_url + address
    if not is_redirect(site_dir, address):
        page.goto(url)
        return
    body = without_refresh(page_file(site_dir, address).read_text(encoding="utf-8"))
    page.route(url, lambda route: route.fulfill(body=body, content_type="text/html; charset=utf-8"))
    try:
        page.goto(url)
    finally:
        page.unroute(url)
