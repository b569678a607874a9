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
    """Where an address in a printed edition came from, for messages: a content file, line and field."""

    path: str
    line: int
    field: str


def file_url(path: Path) -> str:
    """The ``file:`` address WeasyPrint is given for a project file."""
    return path.resolve().as_uri()


class ProjectFetcher:
    """A WeasyPrint ``url_fetcher`` that serves the project's style sheets and stripped images only.

    ``origins`` maps the addresses put into the HTML (story pictures) to the content that asked
    for them, so that a failure names the editor's file and line.
    """

    def __init__(self, root: Path, styles: Path, origins: dict[str, Origin] | None = None) -> None:
        self.root = root.resolve()
        self.styles = styles.resolve()
        self.origins = dict(origins or {})
        self.problems: list[Problem] = []

    # Read by WeasyPrint: a refusal is skipped there (and reported by us), not raised inside the layout.
    _fail_on_errors = False

    def __call__(self, url: str, *args: object, **kwargs: object) -> object:
        """Called by WeasyPrint for every address it wants to read."""
        from weasyprint.urls import URLFetcherResponse

        try:
            path = self._allowed_path(url)
            if path.suffix.lower() in STYLE_SUFFIXES:
                body = path.read_bytes()
            else:
                body = images.strip_metadata(path.read_bytes(), path.suffix)
        except Refused as refusal:
            self._remember(url, refusal.reason)
            raise
        except (OSError, ValueError, SyntaxError) as exc:  # Pillow raises these for a file that is not an image
            reason = f"the file could not be read as an image ({exc.__class__.__name__}); replace it with a JPEG or PNG file."
            self._remember(url, reason)
            raise Refused(reason) from None
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    fetch = __call__  # the name of WeasyPrint's own fetcher method

    def _allowed_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            shown = url if len(url) <= 80 else url[:77] + "..."
            raise Refused(f'"{shown}" is not a file of this project; the printed editions use only pictures '
                          "saved beside the story (for example media/picture.jpg), never a web address.")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError):
            raise Refused(f'"{self._shown(url)}" does not exist; check the file name and that the file is '
                          "in the story's folder.") from None
        if not path.is_relative_to(self.root):
            raise Refused(f'"{self._shown(url)}" is outside the project; use a picture saved beside the story.')
        if path.suffix.lower() in STYLE_SUFFIXES and path.parent == self.styles:
            return path
        if images.is_image(path.name) and path.is_file():
            return path
        raise Refused(f'"{self._shown(url)}" is not a picture; the printed editions can only show '
                      f"{', '.join(sorted(s.lstrip('.') for s in images.IMAGE_SUFFIXES))} files.")

    def _shown(self, url: str) -> str:
        """A file address as the editor knows it: relative to the project."""
        try:
            path = Path(url2pathname(unquote(urlsplit(url).path)))
            return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)
        except ValueError:
            return url[:80]

    def _remember(self, url: str, reason: str) -> None:
        origin = self.origins.get(url) or Origin("theme/prospectus", 1, "print")
        found = error(origin.path, origin.line, origin.field, reason)
        if found not in self.problems:
            self.problems.append(found)



class Refused(ValueError):
    """An address the printed editions may not read; WeasyPrint skips it and we report it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
