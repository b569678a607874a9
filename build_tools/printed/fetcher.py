"""What WeasyPrint may read while it lays out a printed edition: the project's own files, nothing else.

Every printed edition is made from untrusted content, and WeasyPrint fetches whatever an HTML or
CSS address names: web addresses, ``file:`` paths anywhere on the disk, and (for
``rel="attachment"`` links) files it embeds in the PDF. :class:`ProjectFetcher` serves, by
allow-list:

* the style sheets of ``theme/prospectus/``;
* image files inside the project, and only as copies stripped of their metadata
  (:func:`build_tools.content.images.strip_metadata`), so a PDF never carries a photo's GPS
  position or a comment the web copy has lost.

Any other address is refused and remembered as a :class:`~build_tools.content.errors.Problem`
naming the file and line that asked for it; :func:`raise_problems` turns them into one
:class:`PrintError` after the layout, so a failure reads ``file:line: field: message`` and never
as a traceback.
"""

from __future__ import annotations

import functools
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from build_tools.content import images
from build_tools.content.errors import ContentError, Problem, error

STYLE_SUFFIXES = frozenset({".css"})


class PrintError(ContentError):
    """A printed edition could not be made; carries a ``file:line:`` problem for each cause."""


@dataclass(frozen=True)
class Origin:
    """Where an address in a printed edition came from: a content file, line and field, and the
    address as the editor wrote it (``media/garden.jpg``)."""

    path: str
    line: int
    field: str
    written: str


def file_url(path: Path) -> str:
    """The ``file:`` address WeasyPrint is given for a project file (not resolved: the fetcher
    resolves it, and checks where it really is)."""
    return path.absolute().as_uri()


class ProjectFetcher:
    """A WeasyPrint ``url_fetcher`` that serves the project's style sheets and stripped images only.

    ``origins`` maps the addresses put into the HTML (story pictures) to the content that asked
    for them, so that a failure names the editor's file and line.
    """

    # Read by WeasyPrint: a refusal is skipped there (and reported by us), not raised inside the layout.
    _fail_on_errors = False

    def __init__(self, root: Path, styles: Path, origins: dict[str, Origin] | None = None) -> None:
        self.root = root.resolve()
        self.styles = styles.resolve()
        self.origins = dict(origins or {})
        self.problems: list[Problem] = []

    def __call__(self, url: str, *args: object, **kwargs: object) -> object:
        """Called by WeasyPrint for every address it wants to read."""
        try:
            path = self._allowed_path(url)
            style = path.suffix.lower() in STYLE_SUFFIXES
            body = path.read_bytes() if style else images.strip_metadata(path.read_bytes(), path.suffix)
        except Refused as refusal:
            self._remember(url, refusal.reason)
            raise
        except (OSError, ValueError, SyntaxError) as exc:  # what Pillow raises for a file that is not an image
            self._remember(url, f"the file could not be read as an image ({exc.__class__.__name__}); replace it "
                                "with a JPEG or PNG file.")
            raise Refused(str(exc)) from None
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # A style sheet keeps its address: relative addresses inside it are resolved from it.
        return _response(url, body, kind, keeps_path=style)

    fetch = __call__  # the name of WeasyPrint's own fetcher method

    def _allowed_path(self, url: str) -> Path:
        shown = self._shown(url)
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise Refused(f'"{shown}" is not a file of this project; the printed editions use only pictures '
                          "saved beside the story (for example media/picture.jpg), never a web address.")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError):
            raise Refused(f'"{shown}" does not exist; check the file name and that the file is in the '
                          "story's folder.") from None
        if not path.is_relative_to(self.root):
            raise Refused(f'"{shown}" is outside the project; use a picture saved beside the story.')
        if path.suffix.lower() in STYLE_SUFFIXES and path.parent == self.styles:
            return path
        if images.is_image(path.name) and path.is_file():
            return path
        raise Refused(f'"{shown}" is not a picture; the printed editions can only show '
                      f"{', '.join(sorted(s.lstrip('.') for s in images.IMAGE_SUFFIXES))} files.")

    def _shown(self, url: str) -> str:
        """An address as the editor wrote it, or else as the project knows it."""
        if url in self.origins:
            return self.origins[url].written
        path = Path(url2pathname(unquote(urlsplit(url).path)))
        shown = str(path.relative_to(self.root)) if path.is_relative_to(self.root) else url
        return shown if len(shown) <= 80 else shown[:77] + "..."

    def _remember(self, url: str, reason: str) -> None:
        origin = self.origins.get(url) or Origin("theme/prospectus", 1, "print", url)
        found = error(origin.path, origin.line, origin.field, reason)
        if found not in self.problems:
            self.problems.append(found)


def _response(url: str, body: bytes, kind: str, *, keeps_path: bool) -> object:
    """WeasyPrint's response object. For an image, without the file's path: WeasyPrint reads the
    file again from a path it is given, which would print the original picture, metadata and all,
    instead of the stripped copy."""
    from weasyprint.urls import URLFetcherResponse

    response_class = URLFetcherResponse if keeps_path else _pathless_response()
    return response_class(url, body=body, headers={"Content-Type": kind})


@functools.cache
def _pathless_response() -> type:
    from weasyprint.urls import URLFetcherResponse

    class PathlessResponse(URLFetcherResponse):
        path = None

    return PathlessResponse


class Refused(ValueError):
    """An address the printed editions may not read; WeasyPrint skips it and we report it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
