"""Fixture projects for the tool's tests: a copy of ``tests/fixtures/<name>`` with the tool's theme.

Tests never read the top-level ``courses/``, ``stories/`` or ``content/``: those belong to the
college using the tool, and its editors change them. ``minimal`` is the small valid project the
bad-input cases break; ``full`` has every content type and the edge cases the build tests need.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parent
TOOL = TESTS.parent
FIXTURES = TESTS / "fixtures"
# The full fixture project, for tests that only read it (load_site, the source lines of a file).
FULL = FIXTURES / "full"


def copy_project(name: str, destination: Path) -> Path:
    """Copy the fixture project ``name`` into ``destination`` (a new or empty folder), with the tool's
    theme and ``package.json`` (the checkers' versions the accessibility statement names)."""
    shutil.copytree(FIXTURES / name, destination, symlinks=True, dirs_exist_ok=True)
    if not (destination / "theme").exists():
        shutil.copytree(TOOL / "theme", destination / "theme")
    if not (destination / "package.json").exists():
        shutil.copy2(TOOL / "package.json", destination / "package.json")
    return destination
