"""The accessibility statement (content/accessibility.md) says when and with what the site was
last checked: the build fills in the date and the checkers' versions, so they never go stale.

The statement's Markdown holds three markers, replaced at build time:

* ``%%LAST_CHECKED%%``: the build date (``Site.today``); every build is checked by the test
  suite (axe-core, pa11y and the Nu HTML checker over every page) before it is published;
* ``%%AXE_CORE_VERSION%%``, ``%%PA11Y_VERSION%%`` and ``%%NU_CHECKER_VERSION%%``: the versions
  pinned in the project's ``package.json``, which the test suite installs and runs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

SOURCE = "accessibility.md"
PACKAGES = {"%%AXE_CORE_VERSION%%": "axe-core", "%%PA11Y_VERSION%%": "pa11y", "%%NU_CHECKER_VERSION%%": "vnu-jar"}


def statement_date(value: dt.date) -> str:
    """``2026-11-22`` -> ``22 November 2026``, as GOV.UK's model statement writes dates."""
    return f"{value.day} {value:%B %Y}"


def checker_versions(root: Path) -> dict[str, str]:
    """The pinned versions of the checkers, by package name, from ``package.json``."""
    try:
        pinned = json.loads((root / "package.json").read_text(encoding="utf-8")).get("devDependencies", {})
    except (OSError, ValueError):
        pinned = {}
    return {name: str(version) for name, version in pinned.items()}


def fill(markdown: str, today: dt.date, root: Path) -> str:
    """The statement with its markers replaced; without package.json a version reads "pinned"."""
    versions = checker_versions(root)
    markdown = markdown.replace("%%LAST_CHECKED%%", statement_date(today))
    for marker, package in PACKAGES.items():
        markdown = markdown.replace(marker, versions.get(package, "pinned"))
    return markdown
