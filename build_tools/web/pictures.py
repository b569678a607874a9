"""Pictures at the size the reader's screen needs, with their size known before they load.

Every published picture (story pictures and posters, pictures in pages and story texts, the
logo) is re-saved without metadata (``content/images.py``). For each, the build also makes
smaller copies in AVIF and WebP at a few widths, named by the hash of the picture and the
encoder settings under ``assets/pictures/`` (a folder content cannot use), and
:func:`responsive` then rewrites every ``<img>`` of a page that shows a published picture:

* every one gets ``width`` and ``height`` (the picture's own), so the page does not jump as
  pictures arrive;
* a picture in the page's content (inside ``<article>``) is wrapped in ``<picture>`` with an
  AVIF and a WebP ``<source>`` offering the copies (``srcset`` and ``sizes``); the original stays
  the ``<img>``, for browsers that take neither format. The first such picture is usually what
  the reader sees first (Lighthouse's "largest contentful paint"), so it loads at once; the others
  load as they come near the screen (``loading="lazy"``).

Copies are kept between builds in the project's ``.cache/pictures/``, by the hash of the
re-saved picture and the encoder settings, because AVIF encoding is the slowest step of a build
with pictures.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from build_tools.content import images
from build_tools.content.html_reading import BrowserLikeParser

FOLDER = "assets/pictures"
CACHE = Path(".cache") / "pictures"
# Widths of the copies, in pixels; a picture narrower than one gets a copy at its own width.
WIDTHS = (480, 800, 1200, 1600)
# (Pillow format, file suffix, MIME type), best first: a browser takes the first it can show.
FORMATS = (("AVIF", "avif", "image/avif"), ("WEBP", "webp", "image/webp"))
# How wide the content column is: the whole screen on phones and tablets, about 760 CSS pixels
# at most from Material's 60em breakpoint up (its sidebars take the rest).
SIZES = "(min-width: 60em) 760px, 100vw"
_ORIGIN = "https://site.invalid/"


@dataclass(frozen=True)
class Copy:
    dest: str    # inside site/, e.g. assets/pictures/3f…-800.avif
    width: int
    kind: str    # Pillow's format name
    mime: str


@dataclass(frozen=True)
class Picture:
    """A published picture: its own size and its smaller copies (none for an animation)."""

    width: int
    height: int
    copies: tuple[Copy, ...]


def copies_for(digest: str, width: int, frames: int) -> tuple[Copy, ...]:
    """The copies a picture of this width gets; an animation keeps its one file."""
    if frames > 1:
        return ()
    widths = sorted({min(w, width) for w in WIDTHS})
    return tuple(Copy(f"{FOLDER}/{digest[:20]}-{w}.{suffix}", w, kind, mime)
                 for kind, suffix, mime in FORMATS for w in widths)


class CopyCache:
    """Copies made by earlier builds, in ``folder``, by picture hash, width and settings."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.made = self.reused = 0

    def _key(self, digest: str, copy: Copy) -> str:
        settings = json.dumps(images.RESIZED_OPTIONS[copy.kind], sort_keys=True)
        return hashlib.sha256(f"{digest} {copy.width} {copy.kind} {settings}".encode()).hexdigest()

    def get(self, digest: str, copy: Copy, stripped: bytes) -> bytes:
        path = self.folder / self._key(digest, copy) if self.folder else None
        if path is not None and path.is_file():
            self.reused += 1
            return path.read_bytes()
        data = images.resized(stripped, copy.width, copy.kind)
        self.made += 1
        if path is not None:
            _write_atomically(path, data)
        return data


def _write_atomically(path: Path, data: bytes) -> None:
    """A whole file or none: a build killed while writing leaves no half copy for the next one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


def publish(stripped: bytes, cache: CopyCache) -> tuple[Picture, dict[str, bytes]]:
    """A re-saved picture's facts, and its copies as ``{path in site/: bytes}``."""
    width, height, frames = images.pixel_size(stripped)
    # The encoder settings too, so that a copy's name changes whenever its bytes would.
    digest = hashlib.sha256(stripped + json.dumps(images.RESIZED_OPTIONS, sort_keys=True).encode()).hexdigest()
    copies = copies_for(digest, width, frames)
    return Picture(width, height, copies), {copy.dest: cache.get(digest, copy, stripped) for copy in copies}


class _Images(BrowserLikeParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article = 0
        # (line, column, raw start tag, attributes, inside <article>) of each <img>
        self.found: list[tuple[int, int, str, list[tuple[str, str | None]], bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.article += 1
        elif tag == "img":
            line, column = self.getpos()
            self.found.append((line, column, self.get_starttag_text() or "", attrs, self.article > 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article:
            self.article -= 1


def site_path(src: str, page_url: str) -> str | None:
    """The file inside site/ that ``src`` on the page at ``page_url`` (``stories/x/``) names, or
    ``None`` for an address elsewhere."""
    parts = urlsplit(urljoin(_ORIGIN + page_url, src.strip()))
    if f"{parts.scheme}://{parts.netloc}/" != _ORIGIN:
        return None
    return unquote(parts.path).lstrip("/")


def _relative(dest: str, page_url: str) -> str:
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(dest, folder.rstrip("/") or ".")


def _img(attrs: list[tuple[str, str | None]], extra: dict[str, str]) -> str:
    names = {name for name, _ in attrs}
    written = [(name, value) for name, value in attrs] + [(n, v) for n, v in extra.items() if n not in names]
    return "<img" + "".join(f' {name}="{html.escape(value or "")}"' for name, value in written) + ">"


def _markup(picture: Picture, attrs: list[tuple[str, str | None]], in_content: bool, first: bool,
            page_url: str) -> str:
    values = dict(attrs)
    extra = {}
    if "width" not in values and "height" not in values:
        extra = {"width": str(picture.width), "height": str(picture.height)}
    if not in_content:
        return _img(attrs, extra)
    if not first:
        extra["loading"] = "lazy"
    img = _img([(name, value) for name, value in attrs if not (first and name == "loading")], extra)
    if not picture.copies:
        return img
    sources = []
    for _, _, mime in FORMATS:
        srcset = ", ".join(f"{_relative(c.dest, page_url)} {c.width}w" for c in picture.copies if c.mime == mime)
        sources.append(f'<source type="{mime}" srcset="{html.escape(srcset)}" sizes="{SIZES}">')
    return "<picture>" + "".join(sources) + img + "</picture>"


def responsive(page_html: str, page_url: str, pictures: dict[str, Picture]) -> str:
    """``page_html`` (the page at ``page_url``) with each ``<img>`` of a published picture given
    its size, and those in the content their copies and loading order (see the module)."""
    if "<img" not in page_html or not pictures:
        return page_html
    scanner = _Images()
    scanner.feed(page_html)
    scanner.close()
    starts = [0]
    for line in page_html.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out, position, first = [], 0, True
    for line, column, raw, attrs, in_content in scanner.found:
        src = dict(attrs).get("src") or ""
        picture = pictures.get(site_path(src, page_url) or "")
        if picture is None:
            continue
        offset = starts[line - 1] + column
        out.append(page_html[position:offset] + _markup(picture, attrs, in_content, first and in_content, page_url))
        position = offset + len(raw)
        first = first and not in_content
    return "".join(out) + page_html[position:]
