"""MkDocs' own warnings in editors' form: the file to open and what to do.

``validate`` finds what MkDocs' strict mode would refuse before the build starts, so these are
a safety net: anything MkDocs still reports names the content file (not MkDocs' generated page)
and says what to do, and the build never ends with a bare ``Aborted with N warnings``.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' (?P<rest>.*)$", re.DOTALL)
_NAV = re.compile(r"'nav' configuration")
# Listing pages made by the build, with no file of their own to open.
_GENERATED_LISTINGS = {"courses/index.md", "courses/timetable.md", "stories/index.md", "venues/index.md",
                       "briefings/index.md", "resources/index.md"}


def source_of(src_uri: str) -> str:
    """The file an editor opens for a page of the build (``courses/x.md`` -> ``courses/x.yml``)."""
    path = PurePosixPath(src_uri)
    if src_uri in _GENERATED_LISTINGS:
        return f"theme/{path.parent}.html (a page made by the build)"
    if len(path.parts) == 2 and path.parts[0] == "courses":
        return f"courses/{path.stem}.yml"
    if len(path.parts) == 2 and path.parts[0] == "stories":
        return src_uri
    if len(path.parts) == 2 and path.parts[0] == "venues":
        return "courses/_venues.yml"
    return f"content/{src_uri}"


def editor_message(message: str) -> str:
    """One MkDocs message, led by the file it concerns and ending with what to do."""
    text = message.strip().rstrip(".")
    doc = _DOC_FILE.match(text)
    if doc:
        return (f"{source_of(doc.group('page'))}: this page {doc.group('rest')}; correct it there, then run "
                "python -m build_tools validate to check.")
    if _NAV.search(text):
        return f"mkdocs.yml: nav: {text}; correct the nav: list in mkdocs.yml."
    return f"{text} (reported by MkDocs; if it does not name a file you can change, tell a developer)."
