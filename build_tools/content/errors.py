"""Problems found in content, and how they are reported to editors.

Every check in the project produces :class:`Problem` objects rather than raising, so that a
single run can report *all* of them (as MkDocs config validation and Astro collections do).
One line per problem, in the form editors and their tools understand::

    courses/managing-anxiety.yml:14: runs[0].sessions[2].date: "next Tuesday" is not a date; ...
    warning: stories/river-walk.md:3: summary: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one value in one file."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        text = printable(f"{self.path}:{self.line}: {self.field}: {self.message}")
        return f"warning: {text}" if self.severity == "warning" else text

    def github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the pull request.

        Values are escaped as the Actions toolkit does (``escapeData`` and ``escapeProperty`` in
        ``@actions/core``), so no file name or message can end the command or start another.
        """
        kind = "error" if self.severity == "error" else "warning"
        message = _command_data(printable(f"{self.field}: {self.message}"))
        path = _command_property(printable(self.path))
        title = _command_property(printable(f"{kind.capitalize()} in {self.field}"))
        return f"::{kind} file={path},line={self.line},title={title}::{message}"


def printable(text: str) -> str:
    """``text`` for a terminal or log: characters that are not printable (line breaks, control and
    format characters, undecodable bytes of a file name) are shown as escapes such as ``\\n``.

    Only what ``str.isprintable`` accepts, and the ordinary space, is written as it is.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii") if code < 0x10000 else f"\\U{code:08x}"


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def error(path: str, line: int, field: str, message: str) -> Problem:
    return Problem(path, max(line, 1), field, message, "error")


def warning(path: str, line: int, field: str, message: str) -> Problem:
    return Problem(path, max(line, 1), field, message, "warning")


def field_name(loc: Sequence[Any]) -> str:
    """``("runs", 0, "sessions", 2, "date")`` -> ``runs[0].sessions[2].date``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "file"


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, for one full report."""

    where = "in content"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(errors_in(self.problems))
        super().__init__(f"{count} error{'s' if count != 1 else ''} {self.where}:\n" + "\n".join(
            str(p) for p in errors_in(self.problems)))
