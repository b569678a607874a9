"""Shared pieces of the printed editions, and the stories booklet.

Every printed edition is a Typst template in ``theme/prospectus/`` fed with one JSON file of
plain values made here from the validated ``Site`` (:mod:`build_tools.printed.typeset`): words
come from :mod:`build_tools.web.labels` and dates and times are formatted by the website's own
filters (:mod:`build_tools.web.templating`), so print and web say the same. Editors' Markdown is
rendered to HTML with the website's allow-list (:func:`markdown_html`), then passed as a tree of
a closed list of node kinds (:mod:`build_tools.printed.markdown_tree`), never as Typst markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3
import segno
from markupsafe import Markup

from build_tools.content.models import Story
from build_tools.content.rules import allowlist
from build_tools.content.settings import Settings, load_settings  # noqa: F401 - load_settings for the print commands
from build_tools.printed.markdown_tree import breakable, html_tree
from build_tools.printed.pictures import Origin, Pictures
from build_tools.printed.typeset import PrintError, PrintJob, write_pdfs  # noqa: F401 - PrintError for callers
from build_tools.site.published import Site
from build_tools.web import labels, templating

STORIES_NAME = "stories.pdf"
# The printed editions read the one settings object (mkdocs.yml), as every other output does.
PrintSettings = Settings


@functools.lru_cache(maxsize=4096)
def qr_code(url: str) -> str:
    """A QR code for ``url`` as SVG: vector, and no request to any host. Kept, because both
    prospectus editions show the same codes and choosing each code's mask takes milliseconds."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=1, border=0, dark="#000", omitsize=False)


def address_parts(url: str) -> list[str]:
    """A web address as printed, without ``https://``, in the pieces between which it may break:
    only after a slash, never at a hyphen, where a reader could not tell whether the hyphen belongs to it."""
    return [part for part in re.findall(r"[^/]*/?", PrintSettings.readable(url)) if part]


def link(url: str) -> dict[str, Any]:
    """A web address for the templates: where it leads and how it is printed."""
    return {"url": url, "parts": address_parts(url)}


def markdown_html(text: str, settings: Settings, picture: Callable[[str], str | None] | None = None) -> Markup:
    """Editors' Markdown as HTML, cleaned with the same allow-list as the website. The extensions
    are mkdocs.yml's, so print reads as the web page does.

    ``picture`` turns an ``<img src>`` into the name of its stripped copy (``None`` drops it, and
    the picture's alt text is printed instead); without it, no picture is kept. Every address the
    website would refuse is dropped too.
    """
    html = markdown.markdown(text, extensions=settings.markdown_extensions,
                             extension_configs=settings.markdown_configs, output_format="html")

    def attribute(tag: str, name: str, value: str) -> str | None:
        if tag == "img" and name == "src":
            if allowlist.image_problem(value, ()):
                return None
            return picture(value) if picture is not None else None
        if name in allowlist.URL_ATTRIBUTES and allowlist.link_problem(value):
            return None
        if tag == "a" and name == "href" and not value.startswith("#") and not urlsplit(value).scheme:
            # A link to another page of the site has no address on paper.
            return None
        return value

    cleaned = nh3.clean(html, tags=set(allowlist.TAGS) - {"iframe"},
                        attributes={"*": set(allowlist.GLOBAL_ATTRIBUTES),
                                    **{tag: set(attrs) for tag, attrs in allowlist.ATTRIBUTES.items()}},
                        attribute_filter=attribute, url_schemes=set(allowlist.LINK_SCHEMES), link_rel=None)
    return Markup(cleaned)


def markdown_tree(text: str, settings: Settings, picture: Callable[[str], str | None] | None = None, *,
                  top: int = 1) -> list[Any]:
    """Editors' Markdown as the JSON tree the templates lay out, headings below level ``top``."""
    return html_tree(str(markdown_html(text, settings, picture)), top=top)


def common_data(site: Site, settings: PrintSettings, title: str, footer: str) -> dict[str, Any]:
    """What every edition prints: its title, the college's contacts and crisis support."""
    college = settings.college
    language, *subtags = settings.language.split("-")
    return {
        "title": title,
        "college": settings.college_name,
        # Typst writes these as the PDF's /Lang ("en-GB"): the language, and a region if the tag has one.
        "lang": language.lower(),
        "region": next((tag.upper() for tag in subtags if len(tag) == 2 and tag.isalpha()), None),
        "footer": footer,
        "printed": templating.long_date(site.today),
        "phone": str(college.get("phone") or ""),
        "phone_hours": str(college.get("phone_hours") or ""),
        "email": str(college.get("email") or ""),
        "address": [str(line) for line in college.get("address") or []],
        "visit_hours": str(college.get("visit_hours") or ""),
        "site": link(settings.site_url),
        "enrol": link(str(college.get("enrol_url") or settings.site_url)),
        "crisis": {
            "heading": labels.CRISIS_HEADING,
            "intro": labels.CRISIS_INTRO.format(college=settings.college_name),
            "lines": [{"name": str(line.get("name", "")), "contact": str(line.get("contact", "")),
                       "detail": str(line.get("detail") or "")} for line in settings.crisis_support],
        },
    }


def write_pdf(site: Site, job: PrintJob) -> None:
    """Lay out one document as a tagged PDF/UA-1 file; raises :class:`PrintError` naming the file
    and line of anything it could not show."""
    write_pdfs(site.root, [job])


# ---------------------------------------------------------------------------
# The stories booklet
# ---------------------------------------------------------------------------


def printable_stories(site: Site) -> list[Story]:
    """Stories whose storytellers agreed to print (``Site.printed_stories``), with or without the web."""
    return site.printed_stories


def _story(site: Site, settings: PrintSettings, story: Story, pictures: Pictures) -> dict[str, Any]:
    folder = site.root / PurePosixPath(story.source_path).parent
    label = templating.labeller(settings)

    def body_picture(src: str) -> str | None:
        # The line of the first mention of the address in the body: where the editor wrote it.
        before = story.body[: max(story.body.find(src), 0)]
        line = story._body_line + before.count("\n")
        return pictures.add(folder, src, Origin(story.source_path, line, "body", src))

    picture = None
    if story.media is not None and story.media.file and story.format == "image":
        name = pictures.add(folder, story.media.file,
                            Origin(story.source_path, story.line_of("media", "file"), "media.file", story.media.file))
        if name is not None:
            picture = {"src": name, "alt": story.media.alt or story.summary}
    byline = ("Shared anonymously" if story.storyteller.attribution == "anonymous"
              else f"By {story.storyteller.display_name}")
    byline += f" · {label(story.perspective, 'perspective')}"
    if story.themes:
        byline += " · Themes: " + ", ".join(label(t, "theme") for t in story.themes)
    on_web = any(other.id == story.id for other in site.stories)
    media_note = None
    if story.transcript is None and story.format in ("video", "audio") and on_web:
        media_note = (f"This story is a {'film' if story.format == 'video' else 'recording'}; watch or listen at "
                      "the address below.")
    return {
        "id": story.id,
        "title": story.title,
        "byline": byline,
        "notes": ", ".join(label(n, "content_note").lower() for n in story.content_notes) or None,
        "summary": breakable(story.summary),
        "picture": picture,
        "body": markdown_tree(story.body, settings, body_picture),
        # A transcript is the text-only version of a film or recording: print it in full.
        "transcript": markdown_tree(story.transcript, settings, top=2) if story.transcript is not None else None,
        "media_note": media_note,
        "web": link(settings.url(f"stories/{story.id}/")) if on_web else None,
    }


def stories_job(site: Site, settings: PrintSettings, target: Path) -> PrintJob:
    """The stories booklet: print-consented stories, content notes first, as attributed."""
    pictures = Pictures(site.root)
    stories = [_story(site, settings, s, pictures) for s in printable_stories(site)]
    if pictures.problems:
        raise PrintError(pictures.problems)
    data = common_data(site, settings, f"{settings.college_name}: Recovery stories",
                       f"{settings.college_name} · Recovery stories")
    data.update(stories=stories, stories_page=link(settings.url("stories/")))
    targets = {f"story-{s['id']}": s["title"] for s in stories}
    targets.update({"about": "About these stories", "crisis": labels.CRISIS_HEADING})
    return PrintJob("stories.typ", data, target, pictures.files, targets)


def write_stories_booklet(site: Site, settings: PrintSettings, target: Path) -> Path:
    write_pdf(site, stories_job(site, settings, target))
    return target
