"""Shared machinery of the printed editions, and the stories booklet.

Every printed edition is one HTML document rendered from a Jinja2 template in
``theme/prospectus/`` with the site's own filters, then laid out by WeasyPrint as a tagged
PDF (PDF/UA-1: structure tree, title, language, bookmarks). WeasyPrint reads only the project's
style sheets and stripped pictures (:mod:`build_tools.printed.fetcher`), so a PDF never makes a
request to another host nor carries any other file, and only installed system fonts are used.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
import markdown
import nh3
import segno
from markupsafe import Markup

from build_tools.content.errors import Problem
from build_tools.content.models import Story
from build_tools.content.rules import allowlist
from build_tools.content.settings import Settings, load_settings  # noqa: F401 - load_settings for the print commands
from build_tools.printed import pdf_ua
from build_tools.printed.fetcher import Origin, PrintError, ProjectFetcher, file_url
from build_tools.site.published import Site
from build_tools.web import labels, templating

STORIES_NAME = "stories.pdf"
# The printed editions read the one settings object (mkdocs.yml), as every other output does.
PrintSettings = Settings


def qr_code(url: str, title: str) -> Markup:
    """An inline SVG QR code for ``url``: vector, and no request to any host. ``title`` is its text alternative."""
    code = segno.make(url, error="m", micro=False)
    return Markup(code.svg_inline(scale=1, border=0, title=title, omitsize=True, dark="#000"))


def printed_address(url: str) -> Markup:
    """A web address as printed: without ``https://``, and broken between lines only after a slash,
    never at a hyphen, where a reader could not tell whether the hyphen belongs to it."""
    parts = [part for part in re.findall(r"[^/]*/?", PrintSettings.readable(url)) if part]
    return Markup("<wbr>").join(Markup('<span class="nobreak">{}</span>').format(part) for part in parts)


def markdown_html(text: str, settings: Settings, picture: Callable[[str], str | None] | None = None) -> Markup:
    """Editors' Markdown as HTML, cleaned with the same allow-list as the website. The extensions
    are mkdocs.yml's, so print reads as the web page does.

    ``picture`` turns an ``<img src>`` into the address WeasyPrint may read (``None`` drops it,
    and the picture's alt text is printed instead); without it, no picture is kept. Every address
    the website would refuse is dropped too.
    """
    html = markdown.markdown(text, extensions=settings.markdown_extensions,
                             extension_configs=settings.markdown_configs, output_format="html")

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "rel":
            # rel="attachment" makes WeasyPrint embed the linked file in the PDF.
            return None
        if tag == "img" and name == "src":
            if allowlist.image_problem(value, ()):
                return None
            return picture(value) if picture is not None else None
        if name in allowlist.URL_ATTRIBUTES and allowlist.link_problem(value):
            return None
        if tag == "a" and name == "href" and not value.startswith("#") and not urlsplit(value).scheme:
            # A link to another page of the site would resolve to a file of the build machine.
            return None
        return value

    cleaned = nh3.clean(html, tags=set(allowlist.TAGS) - {"iframe"},
                        attributes={"*": set(allowlist.GLOBAL_ATTRIBUTES),
                                    **{tag: set(attrs) for tag, attrs in allowlist.ATTRIBUTES.items()}},
                        attribute_filter=attribute, url_schemes=set(allowlist.LINK_SCHEMES), link_rel=None)
    return Markup(cleaned)


def local_picture(folder: Path, src: str) -> Path | None:
    """The file a picture's address names, relative to the Markdown file's ``folder``; ``None`` for a
    web address (the printed editions fetch nothing from the network)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return folder / unquote(parts.path)


def templates_dir(site: Site) -> Path:
    return site.root / "theme" / "prospectus"


def render(template: str, *, site: Site, **context: Any) -> str:
    """Render a template from ``theme/prospectus/`` with the site's filters (long_date, clock, label…)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir(site)),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters.update(long_date=templating.long_date, short_date=templating.short_date,
                       clock=templating.clock, label=templating.labeller(site.settings), readable=Settings.readable,
                       address=printed_address)
    labels.install(env)
    return env.get_template(template).render(site=site, **context)


@dataclass(frozen=True)
class PrintJob:
    """One document to lay out: its HTML, where the PDF goes, and where its pictures came from."""

    html: str
    target: Path
    origins: dict[str, Origin] = field(default_factory=dict)


def write_pdf(site: Site, job: PrintJob) -> None:
    """Lay out one document as a tagged PDF/UA-1 file (written whole, then moved into place).

    Raises :class:`~build_tools.printed.fetcher.PrintError` naming the file and line of anything
    the layout could not read.
    """
    write_pdfs(site, [job])


def write_pdfs(site: Site, jobs: list[PrintJob]) -> None:
    """Lay out several documents side by side, one process each where cores allow.

    WeasyPrint uses one core per document, and the editions are independent, so on a machine
    with two or more cores the large print edition no longer waits for the standard one.
    """
    root, styles = str(site.root), str(templates_dir(site))
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        problems = [p for job in jobs for p in _lay_out(job, root, styles)]
    else:
        # "spawn": a fresh interpreter per worker, safe even when the caller runs threads (mkdocs serve).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            done = [pool.submit(_lay_out, job, root, styles) for job in jobs]
            problems = [p for future in done for p in future.result()]
    if problems:
        raise PrintError(problems)


def _page_references_once() -> None:
    """Make pydyf's ``PDF.page_references`` linear: it rebuilds the tuple of every page's reference
    on each call, and WeasyPrint's tagging calls it once per structure element, so tagging cost
    pages × elements (a fifth of a 600-course prospectus). The tuple is kept until a page is
    added; the PDF written is the same."""
    import pydyf

    if getattr(pydyf.PDF, "_references_kept", False):
        return

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        kept = pdf.__dict__.get("_kept_references")
        if kept is None or kept[0] != len(kids):
            kept = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
            pdf.__dict__["_kept_references"] = kept
        return kept[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._references_kept = True


def _lay_out(job: PrintJob, root: str, styles: str) -> list[Problem]:
    """Write one PDF; returns what the fetcher refused (nothing is written then)."""
    from weasyprint import HTML

    _page_references_once()

    fetcher = ProjectFetcher(Path(root), Path(styles), job.origins)
    document = HTML(string=job.html, base_url=styles + os.sep, url_fetcher=fetcher)
    job.target.parent.mkdir(parents=True, exist_ok=True)
    partial = job.target.with_name(f".{job.target.name}.part")
    try:
        # No attachments: the only files a PDF may carry are the ones it shows.
        document.write_pdf(partial, pdf_variant="pdf/ua-1", attachments=[])
        if fetcher.problems:
            return fetcher.problems
        pdf_ua.finish(partial, pdf_ua.link_targets(document.etree_element))
        partial.replace(job.target)
    finally:
        partial.unlink(missing_ok=True)
    return []


# ---------------------------------------------------------------------------
# The stories booklet
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedStory:
    story: Story
    html: Markup          # the storyteller's words, unchanged
    picture: str | None   # file:// address of an image story's picture
    transcript: Markup | None
    url: str | None       # its web page, if its consent also covers the web


def printable_stories(site: Site) -> list[Story]:
    """Stories whose storytellers agreed to print (``Site.printed_stories``), with or without the web."""
    return site.printed_stories


def _printed(site: Site, settings: PrintSettings, story: Story, origins: dict[str, Origin]) -> PrintedStory:
    folder = site.root / PurePosixPath(story.source_path).parent

    def picture(src: str, line: int, field_name: str) -> str | None:
        path = local_picture(folder, src)
        if path is None:
            return None
        url = file_url(path)
        origins.setdefault(url, Origin(story.source_path, line, field_name, src))
        return url

    def body_picture(src: str) -> str | None:
        # The line of the first mention of the address in the body: where the editor wrote it.
        before = story.body[: max(story.body.find(src), 0)]
        return picture(src, story._body_line + before.count("\n"), "body")

    image = transcript = None
    if story.media is not None and story.media.file and story.format == "image":
        image = picture(story.media.file, story.line_of("media", "file"), "media.file")
    if story.transcript is not None:
        # A transcript is the text-only version of a film or recording: print it in full.
        transcript = markdown_html(story.transcript, settings)
    on_web = any(other.id == story.id for other in site.stories)
    return PrintedStory(story, markdown_html(story.body, settings, body_picture), image, transcript,
                        settings.url(f"stories/{story.id}/") if on_web else None)


def stories_job(site: Site, settings: PrintSettings, target: Path) -> PrintJob:
    """The stories booklet: print-consented stories, content notes first, as attributed."""
    origins: dict[str, Origin] = {}
    stories = [_printed(site, settings, s, origins) for s in printable_stories(site)]
    title = f"{settings.college_name}: Recovery stories"
    html = render("stories.html", site=site, settings=settings, stories=stories, title=title)
    return PrintJob(html, target, origins)


def stories_html(site: Site, settings: PrintSettings) -> str:
    """The stories booklet as HTML."""
    return stories_job(site, settings, Path(STORIES_NAME)).html


def write_stories_booklet(site: Site, settings: PrintSettings, target: Path) -> Path:
    write_pdf(site, stories_job(site, settings, target))
    return target
