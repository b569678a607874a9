"""Reading what a build wrote: a folder's fingerprint, a PDF's bookmarks."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pypdf import PdfReader


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``, with a SHA-256 of each file's bytes."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
    return found


def outline(path: Path) -> list[tuple[int, str, int]]:
    """A PDF's bookmarks as (level, title, 0-based page), in document order."""
    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    return found
