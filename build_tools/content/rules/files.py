"""What files under ``content/`` reach the website, and the files no content folder may hold.

MkDocs would publish every file it finds in ``content/``; a note or a spreadsheet left there by
mistake would be on the public site. So files are published by allow-list only:

* pages (``.md``), which MkDocs renders;
* files that content refers to: a resource's ``file:``, a briefing paper's ``pdf:``;
* files of a type on :data:`PUBLISHED_TYPES` (pictures, PDFs, audio, video, captions).

Anything else is left out of ``site/``, and ``validate`` warns, naming the file. Some files are
errors wherever they are, because they would run in readers' browsers with the site's own
authority or replace the theme: web pages, scripts, style sheets and SVG pictures
(:data:`ACTIVE_TYPES`), anything at an address of the theme's own files, and symbolic links in
``content/``, ``stories/`` or ``courses/`` (they could publish files from outside the project).

SVG is refused rather than checked: an SVG picture is an XML document that can hold scripts,
event attributes, HTML in ``<foreignObject>``, style sheets and references to other files and
hosts, and proving one harmless would take a complete SVG sanitiser. PNG and WebP show the
same pictures and can hold nothing but pixels once their metadata is stripped.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from build_tools.content.errors import Problem, error, warning
from build_tools.content.load import Collections, relative, symlink_problem
from build_tools.content.models import Briefing, Resource

# Types published from content/ without being referred to: what readers download or see.
PUBLISHED_TYPES = frozenset({
    ".pdf",
    ".jpg", ".jpeg", ".png", ".webp", ".gif",
    ".mp3", ".ogg", ".oga", ".m4a", ".wav",
    ".mp4", ".webm",
    ".vtt",
})
# Types a browser runs or lays out as part of the site: never published from content.
ACTIVE_TYPES: dict[str, str] = {
    ".html": "a web page could run scripts on the site; write the page in Markdown (.md) instead",
    ".htm": "a web page could run scripts on the site; write the page in Markdown (.md) instead",
    ".xhtml": "a web page could run scripts on the site; write the page in Markdown (.md) instead",
    ".shtml": "a web page could run scripts on the site; write the page in Markdown (.md) instead",
    ".js": "scripts come from the theme only; remove the file",
    ".mjs": "scripts come from the theme only; remove the file",
    ".css": "styles come from the theme only (theme/assets/stylesheets/); remove the file",
    ".svg": "an SVG picture can hold scripts; save the picture as PNG or WebP instead",
    ".svgz": "an SVG picture can hold scripts; save the picture as PNG or WebP instead",
    ".xml": "an XML file can be shown as a page with scripts; remove the file",
    ".xsl": "an XSL style sheet can turn files into pages with scripts; remove the file",
    ".xslt": "an XSL style sheet can turn files into pages with scripts; remove the file",
}
# The theme's own static files live under assets/ (theme/assets/ and Material's assets/).
THEME_FOLDER = "assets"
# The build writes the website's search index there (build_tools/web/search.py).
SEARCH_FOLDER = "pagefind"
# The site folder the build copies published stories' media into (mkdocs/outputs.py).
STORY_MEDIA_FOLDER = ("stories", "media")
# Files in content/ that are content but not published as files (MkDocs reads or skips them).
_CONTENT_DATA = ("resources/*.yml",)
CONTENT_FOLDERS = ("content", "stories", "courses")


def _is_hidden(rel_to_content: PurePosixPath) -> bool:
    # MkDocs never publishes dot files or folders (its default exclude_docs).
    return any(part.startswith(".") for part in rel_to_content.parts)


def referenced_files(resources: Iterable[Resource], briefings: Iterable[Briefing]) -> set[str]:
    """Files under content/ that content refers to, as paths inside content/ (``resources/guide.pdf``)."""
    found: set[str] = set()
    for item, value in [*((r, r.file) for r in resources), *((b, b.pdf) for b in briefings)]:
        if value and not value.startswith(("http://", "https://")):
            folder = PurePosixPath(item.source_path).parent
            found.add(str((folder / value).relative_to("content")))
    return found


def is_published(src_uri: str, referenced: set[str]) -> bool:
    """Whether the file at ``src_uri`` (a path inside content/) is copied to the website."""
    path = PurePosixPath(src_uri)
    folder = tuple(part.lower() for part in path.parts[:-1])
    if _is_hidden(path) or path.suffix.lower() in ACTIVE_TYPES or folder[:1] in ((THEME_FOLDER,), (SEARCH_FOLDER,)) \
            or folder[:2] == STORY_MEDIA_FOLDER or _is_search_address(path):
        return False
    # Only ".md" is a page: the content checks read pages by that name, so an "x.MD" or
    # "x.markdown" page, which MkDocs would render, would escape them.
    return path.suffix == ".md" or path.suffix.lower() in PUBLISHED_TYPES or src_uri in referenced


def _is_search_address(inside: PurePosixPath) -> bool:
    """A file or page at the search index's address (``pagefind/…``, or the page ``pagefind.md``)."""
    return inside.parts[0].lower() in (SEARCH_FOLDER, f"{SEARCH_FOLDER}.md")


def theme_files(root: Path) -> set[str]:
    """Site paths of the project theme's static files (``theme/``, templates excepted), in lower
    case: on a host whose file system ignores case, ``Prospectus/Base.css`` replaces it too."""
    theme = root / "theme"
    return {relative(path, theme).lower() for path in theme.rglob("*") if path.is_file() and path.suffix != ".html"}


def _walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Every file and symbolic link under ``folder`` (``(path, is_symlink)``), without following links."""
    for current, dirs, names in os.walk(folder, followlinks=False):
        base = Path(current)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                yield base / name, True
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        for name in sorted(names):
            yield base / name, (base / name).is_symlink()


def file_rules(c: Collections, today: dt.date) -> Iterator[Problem]:
    """No symbolic links in content folders; content/ publishes only allowed and referenced files."""
    for name in CONTENT_FOLDERS:
        folder = c.root / name
        if folder.is_symlink():
            yield symlink_problem(name)
            continue
        if not folder.is_dir():
            continue
        for path, is_link in _walk(folder):
            if is_link:
                yield symlink_problem(relative(path, c.root))
    content = c.root / "content"
    if content.is_symlink() or not content.is_dir():
        return
    referenced = referenced_files(c.resources.values(), c.briefings.values())
    shadowed = theme_files(c.root)
    for path, is_link in _walk(content):
        inside = PurePosixPath(relative(path, content))
        if is_link or _is_hidden(inside) or any(inside.match(pattern) for pattern in _CONTENT_DATA):
            continue
        rel, suffix = relative(path, c.root), inside.suffix.lower()
        if suffix in ACTIVE_TYPES:
            yield error(rel, 1, "file", f"a {suffix} file cannot be published: {ACTIVE_TYPES[suffix]}.")
        elif inside.parts[0].lower() == THEME_FOLDER or str(inside).lower() in shadowed:
            yield error(rel, 1, "file", f"the address {inside} belongs to the theme's own files, so this file would "
                        "replace part of the theme on every page; move it to another folder, such as images/.")
        elif _is_search_address(inside):
            yield error(rel, 1, "file", f"the address {SEARCH_FOLDER}/ on the website holds its search index, which the "
                        "build writes there, so this file would be lost or replace part of it; move it to another "
                        "folder or give it another name.")
        elif tuple(part.lower() for part in inside.parts[:2]) == STORY_MEDIA_FOLDER:
            yield error(rel, 1, "file", "the folder stories/media/ on the website holds the published stories' own "
                        "media, so this file could replace one; put story media in stories/media/ beside the "
                        "stories, or move this file to another folder.")
        elif not is_published(str(inside), referenced):
            if str(inside) == "_headers":
                why = "the build writes the site's HTTP headers itself (see docs/hosting.md); delete it"
            else:
                why = ("only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and "
                       "captions are published; move it out of content/ if it is not meant for readers")
            yield warning(rel, 1, "file", f"this file is not published on the website: {why}.")
