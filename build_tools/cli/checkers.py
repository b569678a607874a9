"""The outside checkers of a built site: axe-core in Debian's headless Chromium (Playwright),
pa11y with HTML_CodeSniffer in the same Chromium (Puppeteer, from Node), and the W3C Nu HTML
checker (Java). ``check`` and the browser tests both drive them from here.

The tools are found, never downloaded: Chromium at /usr/bin/chromium, axe-core, pa11y and vnu-jar
in the tool's ``node_modules`` (pinned in package.json, installed with ``npm ci --ignore-scripts``;
``.puppeteerrc.cjs`` stops Puppeteer from fetching a browser of its own even when scripts run).
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

TOOL = Path(__file__).resolve().parents[2]
NODE_MODULES = TOOL / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = NODE_MODULES / "pa11y" / "package.json"
# One Node script runs pa11y over every page in one browser (pa11y's command line would start
# Chromium once per page).
PA11Y_SCRIPT = Path(__file__).with_name("pa11y_pages.cjs")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: the UK public-sector standard.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The two colour schemes of mkdocs.yml's palette, as Playwright's colour-scheme emulation and
# as Material names them in <body data-md-color-scheme>.
SCHEMES = {"light": "default", "dark": "slate"}
# pa11y's rules: HTML_CodeSniffer's WCAG 2 AA standard, on every page in both colour schemes at
# a phone's width and a desktop's (the header and navigation change between them).
PA11Y_RUNNER = "htmlcs"
PA11Y_STANDARD = "WCAG2AA"
PA11Y_WIDTHS = (360, 1280)
PA11Y_HEIGHT = 900
# What to install when a checker is missing (Debian package names, and the npm step).
INSTALL = {CHROMIUM: "chromium", AXE_JS: "npm ci --ignore-scripts", VNU_JAR: "npm ci --ignore-scripts",
           PA11Y: "npm ci --ignore-scripts"}


def missing_tools() -> list[str]:
    """The checkers that are not installed, each with what installs it."""
    missing = [f"{tool} ({INSTALL[tool]})" for tool in (CHROMIUM, AXE_JS, VNU_JAR, PA11Y) if not tool.exists()]
    if shutil.which("java") is None:
        missing.append("java (default-jre-headless)")
    if shutil.which("node") is None:
        missing.append("node (nodejs)")
    return missing


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


@contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium (Debian's package, never a downloaded build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def html_pages(site_dir: Path) -> list[str]:
    """Every built HTML page, as its address relative to the site root (``courses/`` for
    ``courses/index.html``), sorted. Redirect stubs for old addresses are pages too."""
    return [path.relative_to(site_dir).as_posix().removesuffix("index.html") for path in sorted(site_dir.rglob("*.html"))]


def page_file(site_dir: Path, address: str) -> Path:
    """The file behind a page address: ``courses/`` -> ``site/courses/index.html``."""
    return site_dir / (address + "index.html" if address == "" or address.endswith("/") else address)


def is_redirect(site_dir: Path, address: str) -> bool:
    """A page that sends the reader on to a new address at once (``<meta http-equiv="refresh">``)."""
    soup = BeautifulSoup(page_file(site_dir, address).read_text(encoding="utf-8"), "html.parser")
    return soup.find("meta", attrs={"http-equiv": "refresh"}) is not None


def without_refresh(html: str) -> str:
    """The page as a reader sees it whose browser does not follow the refresh."""
    soup = BeautifulSoup(html, "html.parser")
    for meta in soup.find_all("meta", attrs={"http-equiv": "refresh"}):
        meta.decompose()
    return str(soup)


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


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core's WCAG A/AA rules on the loaded page; returns its violations."""
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


@dataclass(frozen=True)
class Finding:
    """One failure a checker found on one built page."""

    address: str   # the page, relative to the site root
    rule: str      # what was checked, for example "axe-core color-contrast (dark scheme)"
    message: str   # the checker's own sentence
    snippet: str   # the markup it is about
    selector: str = ""  # where that markup is on the page (CSS selector), when the checker says


def axe_findings(browser: Any, site_url: str, site_dir: Path, addresses: list[str]) -> list[Finding]:
    """axe-core on every page in both colour schemes."""
    findings = []
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        try:
            for address in addresses:
                open_page(page, site_url, site_dir, address)
                for violation in run_axe(page):
                    for node in violation["nodes"]:
                        findings.append(Finding(address, f"axe-core {violation['id']} ({scheme} scheme)",
                                                violation["help"], node.get("html", "")))
        finally:
            context.close()
    return findings


def run_nu_checker(site_dir: Path) -> tuple[list[Path], list[dict[str, Any]]]:
    """The Nu HTML checker over every HTML file under ``site_dir`` in one Java run: the files it
    checked, and its messages (``RuntimeError`` when it gave no report)."""
    result = subprocess.run(
        [shutil.which("java") or "java", "-jar", str(VNU_JAR), "--format", "json", "--verbose", "--skip-non-html",
         str(site_dir)], capture_output=True, text=True, check=False,
    )
    # The checker exits 1 when it found errors. --verbose names each file it checks on stdout;
    # the report is JSON on stderr.
    try:
        messages = json.loads(result.stderr)["messages"]
    except json.JSONDecodeError:
        raise RuntimeError(f"the Nu HTML checker did not report (exit {result.returncode}): {result.stderr}") from None
    checked = [Path(line.strip()) for line in result.stdout.splitlines() if line.strip()]
    return checked, messages


def nu_findings(site_dir: Path) -> list[Finding]:
    """The Nu HTML checker's errors, one per message."""
    _, messages = run_nu_checker(site_dir)
    findings = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        page = message.get("url", "").removeprefix("file:").removeprefix(str(site_dir)).lstrip("/")
        findings.append(Finding(page.removesuffix("index.html"), "Nu HTML checker", message.get("message", ""),
                                message.get("extract", "")))
    return findings


def run_pa11y(site_url: str, site_dir: Path, addresses: list[str]) -> list[dict[str, Any]]:
    """pa11y (HTML_CodeSniffer, WCAG 2 AA) on every page in every view, in one Chromium: its
    errors, each with the page's address, the view (scheme, width), code, message, selector and
    markup. Redirect stubs are checked as they stand, like :func:`open_page` shows them.
    ``RuntimeError`` when pa11y gave no report."""
    pages = [{"address": address, "url": site_url + address,
              "body": without_refresh(page_file(site_dir, address).read_text(encoding="utf-8"))
              if is_redirect(site_dir, address) else None} for address in addresses]
    request = {"chromium": str(CHROMIUM), "args": CHROMIUM_ARGS, "runner": PA11Y_RUNNER, "standard": PA11Y_STANDARD,
               "views": [{"scheme": scheme, "width": width, "height": PA11Y_HEIGHT}
                         for scheme in SCHEMES for width in PA11Y_WIDTHS],
               "pages": pages}
    result = subprocess.run([shutil.which("node") or "node", str(PA11Y_SCRIPT)], input=json.dumps(request),
                            capture_output=True, text=True, check=False, cwd=TOOL)
    if result.returncode != 0:
        raise RuntimeError(f"pa11y did not report (exit {result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


def pa11y_findings(site_url: str, site_dir: Path, addresses: list[str]) -> list[Finding]:
    """pa11y's errors, one per element and rule: the same error in several views is one finding
    whose rule names them, for example "pa11y WCAG2AA.Principle1...F68 (light 360 px, dark 1280 px)"."""
    views: dict[tuple[str, str, str, str, str], list[str]] = {}
    for error in run_pa11y(site_url, site_dir, addresses):
        key = (error["address"], error["code"], error["message"], error["context"] or "", error["selector"] or "")
        views.setdefault(key, []).append(f"{error['scheme']} {error['width']} px")
    return [Finding(address, f"pa11y {code} ({', '.join(shown)})", message, context, selector)
            for (address, code, message, context, selector), shown in views.items()]
