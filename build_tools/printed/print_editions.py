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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import markdown
import nh3
import segno
from markupsafe import Markup

from build_tools.content.models import Story
from build_tools.content.rules import markup
from build_tools.content.settings import Settings, load_settings  # noqa: F401 - load_settings for the print commands
from build_tools.site.published import Site
from build_tools.web import templating

STORIES_NAME = "stories.pdf"
# The printed editions read the one settings object (mkdocs.yml), as every other output does.
PrintSettings = Settings


def qr_code(url: str, title: str) -> Markup:
    """An inline SVG QR code for ``url``: vector, and no request to any host. ``title`` is its text alternative."""
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=0, title=title, omitsize=True, dark="#000"))


def markdown_html(text: str, settings: Settings) -> Markup:
    """Editors' Markdown as HTML, cleaned with the same allow-list as the website. The extensions
    are mkdocs.yml's, so print reads as the web page does."""
    html = markdown.markdown(text, extensions=settings.markdown_extensions,
                             extension_configs=settings.markdown_configs, output_format="html")
    cleaned = nh3.clean(html, tags=set(markup.ALLOWED_TAGS) - {"iframe"},
                        attributes={"*": set(markup.GLOBAL_ATTRIBUTES),
                                    **{tag: set(attrs) for tag, attrs in markup.ALLOWED_ATTRIBUTES.items()}},
                        url_schemes=set(markup.SAFE_SCHEMES), link_rel=None)
    return Markup(cleaned)


def templates_dir(site: Site) -> Path:
    return site.root / "theme" / "prospectus"


def render(template: str, *, site: Site, **context: Any) -> str:
    """Render a template from ``theme/prospectus/`` with the site's filters (long_date, clock, label…)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir(site)),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(long_date=templating.long_date, short_date=templating.short_date,
                       clock=templating.clock, label=templating.labeller(site.settings), readable=Settings.readable)
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
    if story.media is not None and story.media.transcript:
        # A transcript is the text-only version of a film or recording: print it in full.
        path = folder / story.media.transcript
        if path.is_file():
            transcript = markdown_html(path.read_text(encoding="utf-8"), settings)
    return PrintedStory(story, markdown_html(story.body, settings), picture, transcript,
                        settings.url(f"stories/{story.id}/"))


def stories_html(site: Site, settings: PrintSettings) -> str:
    """The stories booklet as HTML: print-consented published stories, content notes first, as attributed."""
    stories = [_printed(site, settings, s) for s in printable_stories(site)]
    title = f"{settings.college_name}: Recovery stories"
    return render("stories.html", site=site, settings=settings, stories=stories, title=title)


def write_stories_booklet(site: Site, settings: PrintSettings, target: Path) -> Path:
    write_pdf(site, stories_html(site, settings), target)
    return target
