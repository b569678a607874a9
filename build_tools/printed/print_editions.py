"""Shared machinery of the printed editions, and the stories booklet.

Every printed edition is one HTML document rendered from a Jinja2 template in
``theme/prospectus/`` with the site's own filters, then laid out by WeasyPrint as a tagged
PDF (PDF/UA-1: structure tree, title, language, bookmarks). WeasyPrint may read only local
files and ``data:`` URLs, so a PDF never makes a request to another host, and only installed
system fonts are used.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import markdown
import nh3
import segno
from markupsafe import Markup

from build_tools.content.models import Story
from build_tools.content.rules import allowlist
from build_tools.content.settings import read_config
from build_tools.site.published import Site
from build_tools.web import labels, templating

STORIES_NAME = "stories.pdf"
# Python-Markdown extensions for story text: those of mkdocs.yml, so print reads as the web page does.
MARKDOWN_EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "admonition",
                       "pymdownx.details", "pymdownx.superfences", "pymdownx.smartsymbols"]


@dataclass(frozen=True)
class PrintSettings:
    """What the printed editions need from mkdocs.yml: names, web address, contacts, helplines."""

    site_name: str
    site_url: str
    college: dict[str, Any] = field(default_factory=dict)
    crisis_support: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def from_config(cls, config: Any) -> PrintSettings:
        """From MkDocs' config (or the plain mapping read from mkdocs.yml)."""
        extra = dict(config.get("extra") or {})
        college = dict(extra.get("college") or {})
        site_name = str(config.get("site_name") or college.get("name") or "")
        college.setdefault("name", site_name)
        return cls(site_name=site_name, site_url=str(config.get("site_url") or ""),
                   college=college, crisis_support=list(extra.get("crisis_support") or []))

    @property
    def college_name(self) -> str:
        return str(self.college.get("name") or self.site_name)

    def url(self, path: str) -> str:
        """Full web address of a page of the site, e.g. ``courses/understanding-anxiety/``."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/") if self.site_url else "/" + path.lstrip("/")

    @staticmethod
    def readable(url: str) -> str:
        """A web address as people type it: without ``https://``."""
        return url.split("://", 1)[-1]


def load_settings(root: Path) -> PrintSettings:
    """Read the print settings from ``root/mkdocs.yml`` (for the command line; builds pass MkDocs' config)."""
    return PrintSettings.from_config(read_config(root))


def qr_code(url: str, title: str) -> Markup:
    """An inline SVG QR code for ``url``: vector, and no request to any host. ``title`` is its text alternative."""
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=0, title=title, omitsize=True, dark="#000"))


def markdown_html(text: str) -> Markup:
    """Editors' Markdown as HTML, cleaned with the same allow-list as the website.

    Pictures from other sites are dropped (a PDF fetches nothing from the network), and so is
    every address the website would refuse.
    """
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    cleaned = nh3.clean(html, tags=set(allowlist.TAGS) - {"iframe"},
                        attributes={"*": set(allowlist.GLOBAL_ATTRIBUTES),
                                    **{tag: set(attrs) for tag, attrs in allowlist.ATTRIBUTES.items()}},
                        url_schemes=set(allowlist.LINK_SCHEMES), link_rel=None, attribute_filter=_allowed_value)
    return Markup(cleaned)


def _allowed_value(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return None if allowlist.image_problem(value, ()) else value
    if attribute in allowlist.URL_ATTRIBUTES:
        return None if allowlist.link_problem(value) else value
    return value


def templates_dir(site: Site) -> Path:
    return site.root / "theme" / "prospectus"


def render(template: str, *, site: Site, **context: Any) -> str:
    """Render a template from ``theme/prospectus/`` with the site's filters (long_date, clock, label…)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir(site)),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(long_date=templating.long_date, short_date=templating.short_date,
                       clock=templating.clock, label=templating.label, readable=PrintSettings.readable)
    labels.install(env)
    return env.get_template(template).render(site=site, **context)


def write_pdf(site: Site, html: str, target: Path) -> None:
    """Lay out ``html`` as a tagged PDF/UA-1 file at ``target`` (written whole, then moved into place)."""
    _lay_out(html, str(templates_dir(site)) + os.sep, target)


def write_pdfs(site: Site, jobs: list[tuple[str, Path]]) -> None:
    """Lay out several documents (HTML, target) side by side, one process each where cores allow.

    WeasyPrint uses one core per document, and the editions are independent, so on a machine
    with two or more cores the large print edition no longer waits for the standard one.
    """
    base_url = str(templates_dir(site)) + os.sep
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        for html, target in jobs:
            _lay_out(html, base_url, target)
        return
    # "spawn": a fresh interpreter per worker, safe even when the caller runs threads (mkdocs serve).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for done in [pool.submit(_lay_out, html, base_url, target) for html, target in jobs]:
            done.result()


def _lay_out(html: str, base_url: str, target: Path) -> None:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only local files (templates' CSS, story pictures) and data: URLs; never the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    try:
        document.write_pdf(partial, pdf_variant="pdf/ua-1")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


# ---------------------------------------------------------------------------
# The stories booklet
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedStory:
    story: Story
    html: Markup          # the storyteller's words, unchanged
    picture: str | None   # file:// address of an image story's picture
    transcript: Markup | None
    url: str


def printable_stories(site: Site) -> list[Story]:
    """Published stories whose storytellers agreed to print. Held-back stories are not in ``Site.stories``."""
    return [story for story in site.stories if "print" in story.consent.scope]


def _printed(site: Site, settings: PrintSettings, story: Story) -> PrintedStory:
    folder = site.root / PurePosixPath(story.source_path).parent
    picture = transcript = None
    if story.media is not None and story.media.file and story.format == "image":
        picture = (folder / story.media.file).resolve().as_uri()
    if story.transcript is not None:
        # A transcript is the text-only version of a film or recording: print it in full.
        transcript = markdown_html(story.transcript)
    return PrintedStory(story, markdown_html(story.body), picture, transcript,
                        settings.url(f"stories/{story.id}/"))


def stories_html(site: Site, settings: PrintSettings) -> str:
    """The stories booklet as HTML: print-consented published stories, content notes first, as attributed."""
    stories = [_printed(site, settings, s) for s in printable_stories(site)]
    title = f"{settings.college_name}: Recovery stories"
    return render("stories.html", site=site, settings=settings, stories=stories, title=title)


def write_stories_booklet(site: Site, settings: PrintSettings, target: Path) -> Path:
    write_pdf(site, stories_html(site, settings), target)
    return target
