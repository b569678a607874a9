"""Links and pictures in editors' Markdown, checked before the build the way the build resolves them.

In strict mode MkDocs refuses a link or picture whose target is not among the site's files,
and a link to an anchor its page does not have. This finds the same things from the published
:class:`~build_tools.site.published.Site` alone, so ``validate`` reports them on the right line,
in editors' words, and the build never has to stop with MkDocs' own message.

Targets are resolved as MkDocs resolves them (with ``validation.links.absolute_links:
relative_to_docs``): a path starting with ``/`` is a file under ``content/``, whatever page the
link is on, so ``[Understanding anxiety](/courses/understanding-anxiety.md)`` works in a story,
a briefing paper, a course description and a page alike (and in the offline copy); other paths
are relative to the page they are shown on. Each text is rendered once with the project's own
Markdown extensions, so links are found exactly as the build finds them (reference links,
attribute lists, code blocks left alone).
"""

from __future__ import annotations

import difflib
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from build_tools.content.errors import Problem, error
from build_tools.content.rules.allowlist import image_problem, link_problem
from build_tools.content.rules.checks import IMAGE_TYPES
from build_tools.site.published import Report, Site
from build_tools.web.site_files import SiteFiles, site_files

# How the docs tell editors to link to a course or a story from anywhere.
EXAMPLE_LINK = "/courses/understanding-anxiety.md"
# MkDocs' own extensions, before the project's (mkdocs/config/defaults.py, markdown_extensions).
_MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]
_KIND_OF_SOURCE = {"story": "stories/{stem}.md", "course": "courses/{stem}.md"}


@dataclass(frozen=True)
class Text:
    """A piece of Markdown an editor wrote, and the page it is shown on."""

    path: str    # the file it is written in, e.g. courses/managing-anxiety.yml
    line: int    # the line of that file where the text starts
    field: str   # body, description or transcript
    markdown: str
    page: str    # src_uri of the page that shows it, e.g. courses/managing-anxiety.md


@dataclass(frozen=True)
class Target:
    """A link (``a``) or picture (``img``) found in a rendered text."""

    tag: str
    url: str
    alt: str | None
    decorative: bool


class _Collector(Treeprocessor):
    """Notes every link and picture, and every id (anchor), in document order."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.targets: list[Target] = []
        self.ids: set[str] = set()

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.get("id"):
                self.ids.add(element.get("id") or "")
            if element.tag == "a" and element.get("name"):
                self.ids.add(element.get("name") or "")
            if element.tag == "a" and element.get("href") is not None:
                self.targets.append(Target("a", element.get("href") or "", None, False))
            elif element.tag == "img" and element.get("src") is not None:
                classes = (element.get("class") or "").split()
                self.targets.append(Target("img", element.get("src") or "", element.get("alt"),
                                           "decorative" in classes))


class _CollectorExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.collector = _Collector(md)  # type: ignore[attr-defined]
        # Priority 0, as MkDocs' own link rewriter: after toc and attr_list have set every id.
        md.treeprocessors.register(md.collector, "recovery_links", 0)  # type: ignore[attr-defined]


def _extensions(site: Site) -> tuple[list[Any], dict[str, Any]]:
    """MkDocs' own extensions, then mkdocs.yml's (from the one settings object), then the collector."""
    names: list[Any] = list(_MKDOCS_EXTENSIONS)
    names += [name for name in site.settings.markdown_extensions if name not in names]
    return [*names, _CollectorExtension()], dict(site.settings.markdown_configs)


class _Renderer:
    """Renders Markdown with the project's extensions; remembers each page's anchors."""

    def __init__(self, site: Site) -> None:
        extensions, configs = _extensions(site)
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._ids: dict[str, set[str]] = {}

    def render(self, text: str) -> _Collector:
        collector: _Collector = self.md.collector  # type: ignore[attr-defined]
        collector.targets, collector.ids = [], set()
        self.md.reset()
        self.md.convert(text)
        return collector

    def ids_of(self, page: str, files: SiteFiles) -> set[str]:
        if page not in self._ids:
            self._ids[page] = set(self.render(files.page_markdown.get(page, "")).ids)
        return self._ids[page]


def texts(site: Site) -> Iterator[Text]:
    """Every Markdown text the built site shows, with where it is written and where it is shown."""
    for page in site.pages:
        yield Text(page.source_path, page._body_line, "body", page.body, page.id)
    for paper in site.briefings:
        yield Text(paper.source_path, paper._body_line, "body", paper.body, f"briefings/{paper.id}.md")
    for course in site.courses:
        # A block scalar (description: |) starts on the line after its key.
        block = "\n" in course.description or not course.description.split("\n", 1)[0]
        yield Text(course.source_path, course.line_of("description") + (1 if block else 0), "description",
                   course.description, f"courses/{course.id}.md")
    for story in site.stories:
        yield Text(story.source_path, story._body_line, "body", story.body, f"stories/{story.id}.md")
        transcript = site.transcript(story)
        if transcript is not None and story.media is not None and story.media.transcript:
            where = str(PurePosixPath(story.source_path).parent / story.media.transcript)
            yield Text(where, 1, "transcript", transcript, f"stories/{story.id}.md")


def _line_of(lines: list[str], url: str, start: int) -> int:
    """The 0-based line of ``url`` in the text, looking from line ``start`` on (links come in order)."""
    for index in range(start, len(lines)):
        if url in lines[index]:
            return index
    return start


def _held_back_pages(report: Report | None) -> dict[str, str]:
    """src_uri of a page that is not published -> why, e.g. ``stories/x.md`` -> ``consent withdrawn on …``."""
    pages: dict[str, str] = {}
    for held in (report.held_back if report else []):
        stem = PurePosixPath(held.path).stem
        if held.kind in _KIND_OF_SOURCE:
            pages[_KIND_OF_SOURCE[held.kind].format(stem=stem)] = f"the {held.kind} {held.path} is not published ({held.reason})"
        elif held.path.startswith("content/") and held.path.endswith(".md"):
            pages[held.path[len("content/"):]] = f"the {held.kind} {held.path} is not published ({held.reason})"
    return pages


def _resolve(page: str, path: str) -> str:
    """The src_uri a link's path points at, as MkDocs resolves it (``/`` = from content/)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path).lstrip("/"))


def _guess(target: str, files: SiteFiles) -> str | None:
    """The file a link without ``.md`` most likely means (``courses/x/`` -> ``courses/x.md``)."""
    for candidate in (f"{target}.md", f"{target}/index.md", target.removesuffix(".html") + ".md"):
        if posixpath.normpath(candidate) in files.files:
            return posixpath.normpath(candidate)
    return None


def _close(target: str, files: SiteFiles) -> str | None:
    suffix = PurePosixPath(target).suffix
    same_kind = [f for f in files.files if PurePosixPath(f).suffix == suffix]
    close = difflib.get_close_matches(target, same_kind, n=1, cutoff=0.8)
    return close[0] if close else None


def _problem(target: Target, text: Text, files: SiteFiles, held: dict[str, str], renderer: _Renderer) -> str | None:
    """What is wrong with one link or picture, or ``None``."""
    picture = target.tag == "img"
    if picture and not (target.alt or "").strip() and not target.decorative:
        return ('this picture has no alt text; describe what it shows inside the brackets, '
                "![like this](media/picture.jpg), or add {.decorative} after it if it is only decoration.")
    # Remote pictures return None below either way, so the allowed hosts do not matter here.
    refused = image_problem(target.url, ()) if picture else link_problem(target.url)
    if AMP_SUBSTITUTE in target.url or refused:
        return None  # an address markup.py already refuses (javascript:, &#106;…), or MkDocs leaves alone
    parts = urlsplit(target.url)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto: or tel: (the allow-list of schemes is checked by markup.py)
    if not parts.path:
        if parts.fragment and parts.fragment not in renderer.ids_of(text.page, files):
            return f'this page has no heading or anchor "#{parts.fragment}"; check the spelling of the part after #.'
        return None
    path = unquote(parts.path)
    resolved = _resolve(text.page, path)
    if resolved.startswith("../") or resolved == "..":
        return f'the link "{target.url}" points outside the site; link to a page of this site, e.g. {EXAMPLE_LINK}.'
    if resolved in files.files:
        if (parts.fragment and resolved in files.page_markdown
                and parts.fragment not in renderer.ids_of(resolved, files)):
            return (f'the page {resolved} has no heading or anchor "#{parts.fragment}"; check the spelling of the '
                    "part after #, or link to the page alone.")
        return None
    if resolved in held:
        return f'the link "{target.url}" leads nowhere: {held[resolved]}; remove the link, or link to another page.'
    if not PurePosixPath(resolved).suffix:
        guess = _guess(resolved, files)
        if guess:
            return (f'"{target.url}" is a web address, which would break in the offline copy; link to the page\'s '
                    f"file instead, /{guess}, which works from every page.")
    close = _close(resolved, files)
    if picture:
        looked = resolved if resolved.startswith("stories/") else f"content/{resolved}"
        hint = f"did you mean /{close}?" if close else "check the name, or add the file."
        return f'there is no picture "{path}" (looked for {looked}); {hint}'
    hint = (f"did you mean /{close}?" if close else "check the spelling; from any page, a course is linked as "
            "/courses/<file name>.md and a story as /stories/<file name>.md.")
    return f'there is no page or file "{path}" on the site (looked for {resolved}); {hint}'


def story_pictures(site: Site, skip: set[str] | None = None) -> list[str]:
    """Pictures shown in the text of published stories (``![…](media/x.jpg)``) that exist beside
    them, as paths such as ``stories/media/x.jpg``: they are published with their story. The
    stories written in the files of ``skip`` are not read."""
    renderer = _Renderer(site)
    found: dict[str, None] = {}
    for story in site.stories:
        if story.source_path in (skip or ()) or ("![" not in story.body and "<img" not in story.body):
            continue
        for target in list(renderer.render(story.body).targets):
            parts = urlsplit(target.url)
            if target.tag != "img" or parts.scheme or parts.netloc or not parts.path:
                continue
            resolved = _resolve(f"stories/{story.id}.md", unquote(parts.path))
            if (resolved.startswith("stories/") and PurePosixPath(resolved).suffix.lower() in IMAGE_TYPES
                    and (site.root / resolved).is_file()):
                found[resolved] = None
    return list(found)


def link_problems(site: Site, report: Report | None = None, waiting: set[str] | None = None,
                  skip: set[str] | None = None) -> list[Problem]:
    """Every link and picture in the published site's Markdown whose target the build would not find.

    Links to the pages in ``waiting`` (of files with errors of their own) are not reported; the
    texts written in the files of ``skip`` are not read.
    """
    files = site_files(site)
    files.files.update(waiting or ())
    files.files.update(story_pictures(site, skip))
    held = _held_back_pages(report)
    renderer = _Renderer(site)
    problems: list[Problem] = []
    for text in texts(site):
        if text.path in (skip or ()):
            continue
        if "](" not in text.markdown and "]:" not in text.markdown and "<" not in text.markdown:
            continue  # no link or picture at all: skip rendering (most story bodies)
        targets = list(renderer.render(text.markdown).targets)
        lines = text.markdown.split("\n")
        position = 0
        for target in targets:
            position = _line_of(lines, target.url, position)
            message = _problem(target, text, files, held, renderer)
            if message:
                where = f"{text.field} {'image' if target.tag == 'img' else 'link'}"
                problems.append(error(text.path, text.line + position, where, message))
    return problems
