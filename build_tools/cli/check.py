"""``python -m build_tools check``: every check of the college's content, on one build.

For editors' pull requests (``make check``), whatever the content is: validation, the website
and printed editions built once (MkDocs strict), the links of the built pages, axe-core (WCAG
2.2 AA, both colour schemes), pa11y (HTML_CodeSniffer, WCAG 2 AA, both schemes at phone and
desktop widths) and the Nu HTML checker over every page, held-back stories absent
from every output (pages, feeds, calendars, search index, PDFs), and published pictures
without their metadata. Each problem is one line naming the content file and line it comes
from (``file:line: field: what is wrong; how to fix it``), or GitHub annotations with
``--format github``. It never changes ``site/`` unless ``--site-dir`` says so.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from build_tools.cli.main import print_problems
from build_tools.content.errors import Problem, error, errors_in, warnings_in
from build_tools.content.models import Story
from build_tools.site.published import Site
from build_tools.web import search

TEXT_OUTPUTS = (".html", ".xml", ".ics", ".json", ".txt", ".js")
PICTURES = (".jpg", ".jpeg", ".png", ".webp")
FROM_THE_THEME = "if it is part of the page layout rather than this file's text, ask a developer to fix the theme."


class Sources:
    """Which content file a built page comes from, and the line of that file a snippet is on."""

    def __init__(self, site: Site) -> None:
        self.root = site.root
        self.by_address: dict[str, str] = {}
        for kind, items in (("stories", site.stories), ("courses", site.courses), ("briefings", site.briefings)):
            for item in items:
                self.by_address[f"{kind}/{item.id}/"] = item.source_path
        for venue in site.venues:
            self.by_address[f"venues/{venue.id}/"] = "courses/_venues.yml"
        for page in site.pages:
            stem = page.id.removesuffix(".md")
            address = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
            self.by_address.setdefault(address, page.source_path)
        self._texts: dict[str, list[str]] = {}

    def source(self, address: str) -> str:
        """The content file behind a page address; the built page itself when none is (listings)."""
        address = address.removesuffix("index.html")
        return self.by_address.get(address) or f"site/{address or 'index.html'}"

    def line(self, source: str, snippet: str) -> int:
        """The first line of ``source`` holding the visible text (or the link) of ``snippet``; else 1."""
        if source not in self._texts:
            path = self.root / source
            self._texts[source] = (path.read_text(encoding="utf-8", errors="replace").splitlines()
                                   if path.is_file() and not source.startswith("site/") else [])
        lines = self._texts[source]
        for needle in _needles(snippet):
            for number, text in enumerate(lines, 1):
                if needle in text:
                    return number
        return 1

    def problem(self, address: str, snippet: str, field: str, message: str) -> Problem:
        source = self.source(address)
        return error(source, self.line(source, snippet), field, message)


def _needles(snippet: str) -> list[str]:
    """Pieces of a built element that an editor's file would contain: its words, its link."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(snippet, "html.parser")
    words = " ".join(soup.get_text(" ").split())
    needles = [words[:60]] if len(words) >= 4 else []
    for tag in soup.find_all(True):
        for name in ("href", "src"):
            value = tag.get(name)
            if isinstance(value, str) and len(value) >= 4 and not value.startswith(("..", "#")):
                needles.append(value)
    return needles


def _where(selector: str) -> str:
    return f" ({selector})" if selector else ""


def _shown(snippet: str) -> str:
    text = " ".join(snippet.split())
    return text if len(text) <= 120 else text[:117] + "…"


def check_links(site_dir: Path, site: Site, sources: Sources) -> list[Problem]:
    from build_tools.web.links import check_links as broken_links

    problems = []
    for broken in broken_links(site_dir, site.settings.site_url or None).broken:
        address = broken.page.removesuffix("index.html")
        problems.append(sources.problem(address, f'<a href="{broken.href}"></a>', "link",
                                        f'the link "{broken.href}" on the page /{address} is broken: {broken.reason} '
                                        f"Correct the address; {FROM_THE_THEME}"))
    return problems


def check_pages(site_dir: Path, sources: Sources, browser: Any = None) -> list[Problem]:
    """axe-core in both colour schemes, pa11y and the Nu HTML checker, over every built page. A
    running Chromium may be given for axe-core (Playwright allows one per thread); else one is
    started. pa11y starts its own, once for all pages."""
    from build_tools.cli import checkers

    findings = checkers.nu_findings(site_dir)
    addresses = checkers.html_pages(site_dir)
    with checkers.serve(site_dir) as url, (nullcontext(browser) if browser else checkers.chromium()) as running:
        findings += checkers.axe_findings(running, url, site_dir, addresses)
        findings += checkers.pa11y_findings(url, site_dir, addresses)
    field = {"Nu HTML checker": "html"}
    return [sources.problem(f.address, f.snippet, field.get(f.rule, "accessibility"),
                            f"{f.rule}: {f.message.rstrip('.')}, at {_shown(f.snippet)}{_where(f.selector)} on the page /{f.address}; "
                            f"change this text so the page passes; {FROM_THE_THEME}")
            for f in findings]


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=False)
    return done.stdout


def _sentence(body: str) -> str | None:
    """A long sentence of a story's own words: it would only be in an output if the story were."""
    for line in body.splitlines():
        line = line.strip()
        if len(line) >= 40 and not line.startswith(("#", "-", "*", ">", "|", "<", "!", "[")):
            return " ".join(line.split())[:80]
    return None


def check_consent(site_dir: Path, stories: list[Story], site: Site,
                  read_pdf: Callable[[Path], str] = _pdf_text) -> list[Problem]:
    """A story held back from an output reaches none of it: a story not on the website is in no
    page, feed, calendar or search index, and one not printed is in no PDF either. ``stories`` are
    every story loaded, ``site`` the published whole."""
    on_web = {story.id for story in site.stories}
    printed = {story.id for story in site.printed_stories}
    needles = []
    for story in stories:
        if story.id in on_web:
            continue
        found = [f"stories/{story.id}/", f"stories/{story.id}.html", *filter(None, [_sentence(story.body)])]
        needles.append((story, found, story.id in printed))
    if not needles:
        return []
    problems = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in (*TEXT_OUTPUTS, ".pdf", search.FRAGMENT_SUFFIX):
            continue
        if path.suffix == ".pdf":
            text = read_pdf(path)
        elif path.suffix == search.FRAGMENT_SUFFIX:  # a page's text in the search index, compressed
            text = search.fragment_text(path)
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
        text = " ".join(text.split())
        for story, found, may_be_printed in needles:
            if may_be_printed and path.suffix == ".pdf":
                continue  # print consent alone puts a story in the printed editions
            if any(needle in text for needle in found):
                rel = path.relative_to(site_dir).as_posix()
                problems.append(error(story.source_path, 1, "consent",
                                      f"this story is held back from publication, but {rel} in the built site still "
                                      "holds it; tell a developer at once: the story must reach no output."))
    return problems


def check_pictures(site_dir: Path) -> list[Problem]:
    """Every published picture is pixels only: no EXIF (camera, date, GPS position)."""
    from PIL import Image, UnidentifiedImageError

    problems = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix.lower() not in PICTURES or not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        try:
            with Image.open(path) as image:
                exif = image.getexif()
        except (UnidentifiedImageError, OSError):
            continue  # not a picture the checks can read; the build's own checks decide on it
        if len(exif):
            source = rel if rel.startswith("stories/") else f"content/{rel}"
            problems.append(error(source, 1, "picture", f"the published copy {rel} still carries metadata (camera, "
                                  "date or position); tell a developer: pictures must be published as pixels only."))
    return problems


def cmd_check(args: argparse.Namespace) -> int:
    from jinja2 import TemplateError
    from mkdocs.exceptions import MkDocsException

    from build_tools.cli import checkers
    from build_tools.cli.build import build_site, failure_detail
    from build_tools.site.published import assemble, today, validate

    if not args.no_browser:
        missing = checkers.missing_tools()
        if missing:
            print("error: the page checkers are missing: " + "; ".join(missing) + ". Run make check, which "
                  "installs them (or names the command to), or check without them: --no-browser.")
            return 2
    started = time.perf_counter()
    root: Path = args.root
    on = today()
    collections, problems = validate(root, on)
    timings: list[str] = []

    def step(name: str, since: float) -> None:
        timings.append(f"{name} {time.perf_counter() - since:.0f} s")

    step("validate", started)
    if errors_in(problems):
        return _report(problems, args, started, timings, built=False)
    site = assemble(collections, problems, on)
    keep = args.site_dir is not None
    site_dir = args.site_dir.resolve() if keep else Path(tempfile.mkdtemp(prefix="recovery-check-")) / "site"
    if keep and site_dir.exists():
        shutil.rmtree(site_dir)
    try:
        since = time.perf_counter()
        try:
            build_site(root, site_dir, pdf=not args.no_pdf, site=site)
        except (MkDocsException, SystemExit, TemplateError, OSError) as exc:
            problems.append(error("mkdocs.yml", 1, "build", f"the build failed: {failure_detail(exc, root, site_dir)}"))
            return _report(problems, args, started, timings, built=False)
        step("build", since)
        sources = Sources(site)
        since = time.perf_counter()
        problems += check_links(site_dir, site, sources)
        problems += check_consent(site_dir, list(collections.stories.values()), site)
        problems += check_pictures(site_dir)
        step("links, consent and pictures", since)
        if not args.no_browser:
            since = time.perf_counter()
            problems += check_pages(site_dir, sources)
            step("axe-core, pa11y and Nu HTML checker", since)
        return _report(problems, args, started, timings, built=True)
    finally:
        if not keep:
            shutil.rmtree(site_dir.parent, ignore_errors=True)


def _report(problems: list[Problem], args: argparse.Namespace, started: float, timings: list[str], *,
            built: bool) -> int:
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))
    print_problems(problems, args.format)
    errors, warnings = errors_in(problems), warnings_in(problems)
    outcome = "all checks ran" if built else "the site could not be built, so the page checks did not run"
    print(f"\n{len(errors)} error(s), {len(warnings)} warning(s) in {time.perf_counter() - started:.0f} s "
          f"({', '.join(timings)}): {outcome}.")
    return 1 if errors else 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    check = command("check", cmd_check, "check the college's content: validate, build once, then links, "
                    "accessibility, HTML, consent and pictures of every built page")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="text (default) or github (GitHub Actions annotations)")
    check.add_argument("--site-dir", type=Path, default=None,
                       help="keep the built site here (default: a temporary folder, removed afterwards)")
    check.add_argument("--no-pdf", action="store_true", help="skip the printed editions")
    check.add_argument("--no-browser", action="store_true",
                       help="skip axe-core, pa11y and the Nu HTML checker (for machines without Chromium, Node and Java)")
