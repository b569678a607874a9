"""The pictures a printed edition may show: image files inside the project, as stripped copies.

A story's picture is named by untrusted content. :class:`Pictures` checks each address by
allow-list (a file inside the project, that exists, with a picture's suffix, that Pillow can read)
and keeps a copy stripped of its metadata (:func:`build_tools.content.images.strip_metadata`), so a
PDF never carries a photo's GPS position or a comment the web copy has lost. The copies are the
only pictures put into Typst's layout folder (:mod:`build_tools.printed.typeset`). A refusal is a
:class:`~build_tools.content.errors.Problem` naming the file, line and field that asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from build_tools.content import images
from build_tools.content.errors import Problem, error


@dataclass(frozen=True)
class Origin:
    """Where a picture's address came from: a content file, line and field, and the address as the
    editor wrote it (``media/garden.jpg``)."""

    path: str
    line: int
    field: str
    written: str


class Pictures:
    """The stripped pictures of one edition, by their name in the layout folder (``pictures/1.jpg``)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.files: dict[str, bytes] = {}
        self.problems: list[Problem] = []
        self._names: dict[Path, str] = {}

    def add(self, folder: Path, src: str, origin: Origin) -> str | None:
        """The layout folder's name for the picture ``src`` (relative to ``folder``), or ``None`` for
        a web address (the printed editions fetch nothing) or a refused file (remembered as a problem)."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        try:
            path = self._allowed(folder / unquote(parts.path), origin.written)
        except Refused as refusal:
            found = error(origin.path, origin.line, origin.field, refusal.reason)
            if found not in self.problems:
                self.problems.append(found)
            return None
        if path not in self._names:
            try:
                data = images.strip_metadata(path.read_bytes(), path.suffix)
            except (OSError, ValueError, SyntaxError) as exc:  # what Pillow raises for a file that is not an image
                self.problems.append(error(origin.path, origin.line, origin.field,
                                           f"the file could not be read as an image ({exc.__class__.__name__}); "
                                           "replace it with a JPEG or PNG file."))
                return None
            name = f"pictures/{len(self._names) + 1}{path.suffix.lower()}"
            self._names[path] = name
            self.files[name] = data
        return self._names[path]

    def _allowed(self, path: Path, shown: str) -> Path:
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise Refused(f'"{shown}" does not exist; check the file name and that the file is in the '
                          "story's folder.") from None
        if not resolved.is_relative_to(self.root):
            raise Refused(f'"{shown}" is outside the project; use a picture saved beside the story.')
        if images.is_image(resolved.name) and resolved.is_file():
            return resolved
        raise Refused(f'"{shown}" is not a picture; the printed editions can only show '
                      f"{', '.join(sorted(s.lstrip('.') for s in images.IMAGE_SUFFIXES))} files.")


class Refused(ValueError):
    """A picture the printed editions may not show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
