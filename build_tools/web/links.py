"""Links in the built site: every internal link and anchor resolves; external links are listed.

MkDocs' strict mode checks links written in Markdown. Templates and generated pages write
links too, so this reads the HTML that was actually built: each ``<a href>`` that stays on
this site (a relative address, a path from the root, or one starting with ``site_url``) must
lead to a file that exists, and its ``#anchor`` to an ``id`` in that page. External addresses
are collected into a report (``python -m build_tools links``), so an editor can check them by
hand or with a link checker now and then: this project never fetches them itself.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from build_tools.content.settings import load_settings

_LOCAL = "http://this-site.invalid/"


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str     # the built page holding the link, relative to the site folder
    href: str     # the address as written in the page
    reason: str   # plain English

    def __str__(self) -> str:
        return f'{self.page}: link "{self.href}": {self.reason}'


@dataclass
class LinkReport:
    broken: list[BrokenLink] = field(default_factory=list)
    # External address -> the built pages it appears on, sorted.
    external: dict[str, list[str]] = field(default_factory=dict)

    def external_text(self) -> str:
        """One address per line, each followed by the pages it appears on, indented."""
        lines: list[str] = []
        for url, pages in sorted(self.external.items()):
            lines.append(url)
            lines.extend(f"    {page}" for page in pages)
        return "\n".join(lines) + ("\n" if lines else "")


class _PageScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a":
            if values.get("name"):
                self.ids.add(values["name"] or "")
            if values.get("href") is not None:
                self.hrefs.append((values["href"] or "").strip())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _scan(path: Path) -> _PageScanner:
    scanner = _PageScanner()
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    scanner.close()
    return scanner


def _target_file(site_dir: Path, path: str) -> Path | None:
    """The file a site path is served from (``courses/`` -> ``courses/index.html``), or ``None``."""
    candidate = site_dir / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site_dir: Path, site_url: str | None = None) -> LinkReport:
    """Check every ``<a href>`` in every built page under ``site_dir``."""
    site_dir = site_dir.resolve()
    site_url = site_url or ""
    base_path = urlsplit(site_url).path or "/"
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    scanned: dict[str, _PageScanner] = {}

    def scanner_for(rel: str, path: Path) -> _PageScanner:
        if rel not in scanned:
            scanned[rel] = _scan(path)
        return scanned[rel]

    report = LinkReport()
    external: dict[str, set[str]] = defaultdict(set)
    for rel, path in pages.items():
        for href in scanner_for(rel, path).hrefs:
            if not href:
                continue
            if site_url and href.startswith(site_url):
                local = urljoin(_LOCAL, href[len(site_url):])
            else:
                local = urljoin(_LOCAL + rel, href)
            parts = urlsplit(local)
            if parts.scheme not in ("http", "https"):
                continue  # mailto:, tel: and the like lead off the web
            if parts.netloc != urlsplit(_LOCAL).netloc:
                external[href.split("#")[0] or href].add(rel)
                continue
            target_path = unquote(parts.path)
            if href.startswith("/") and not href.startswith("//"):
                # A path from the root of the host: it must stay inside the site's own path.
                if not target_path.startswith(base_path):
                    report.broken.append(BrokenLink(rel, href, f"it points outside the site ({base_path})."))
                    continue
                target_path = "/" + target_path[len(base_path):]
            target = _target_file(site_dir, target_path.lstrip("/"))
            if target is None:
                report.broken.append(BrokenLink(rel, href, f'there is no page or file at "{target_path}".'))
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html":
                target_rel = target.relative_to(site_dir).as_posix()
                if anchor not in scanner_for(target_rel, target).ids:
                    report.broken.append(BrokenLink(rel, href, f'the page {target_rel} has no anchor "#{anchor}".'))
    report.external = {url: sorted(on) for url, on in external.items()}
    report.broken.sort()
    return report


def _site_url(root: Path) -> str | None:
    return load_settings(root).site_url or None


def cmd_links(args: argparse.Namespace) -> int:
    site_dir: Path = args.site_dir or args.root / "site"
    if not (site_dir / "index.html").is_file():
        print(f"There is no built site in {site_dir}; run python -m build_tools build first.")
        return 1
    report = check_links(site_dir, _site_url(args.root))
    if report.external:
        print(f"External links ({len(report.external)}), with the pages they appear on:")
        print(report.external_text())
    for broken in report.broken:
        print(f"error: {broken}")
    print(f"{len(report.broken)} broken internal link{'' if len(report.broken) == 1 else 's'}, "
          f"{len(report.external)} external address{'' if len(report.external) == 1 else 'es'}.")
    return 1 if report.broken else 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    links = command("links", cmd_links, "check the links in the built site and list its external links")
    links.add_argument("--site-dir", type=Path, default=None, help="the built site (default: site/)")


