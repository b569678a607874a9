"""The outside checkers of a built site: axe-core in Debian's headless Chromium (Playwright), and
the W3C Nu HTML checker (Java). ``check`` and the browser tests both drive them from here.

The tools are found, never downloaded: Chromium at /usr/bin/chromium, axe-core and vnu-jar in the
tool's ``node_modules`` (pinned in package.json, installed with ``npm ci --ignore-scripts``).
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
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: the UK public-sector standard.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The two colour schemes of mkdocs.yml's palette, as Playwright's colour-scheme emulation and
# as Material names them in <body data-md-color-scheme>.
SCHEMES = {"light": "default", "dark": "slate"}
# What to install when a checker is missing (Debian package names, and the npm step).
INSTALL = {CHROMIUM: "chromium", AXE_JS: "npm ci --ignore-scripts", VNU_JAR: "npm ci --ignore-scripts"}


def missing_tools() -> list[str]:
    """The checkers that are not installed, each with what installs it."""
    missing = [f"{tool} ({INSTALL[tool]})" for tool in (CHROMIUM, AXE_JS, VNU_JAR) if not tool.exists()]
    if shutil.which("java") is None:
        missing.append("java (default-jre-headless)")
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
