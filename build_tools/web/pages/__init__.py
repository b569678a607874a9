"""Generated pages: one module per page family, each turning the validated Site into pages.

A page family exposes ``pages(site) -> list[GeneratedPage]``. The Markdown ``content`` is what
MkDocs renders (and Material's search indexes); the ``template`` in ``theme/`` renders the rest
from the typed object in ``context``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class GeneratedPage:
    """A page that exists only in the build, not as a file under content/."""

    src_uri: str                      # e.g. "courses/managing-anxiety.md" -> /courses/managing-anxiety/
    title: str
    template: str                     # a template in theme/, e.g. "course.html"
    content: str = ""                 # Markdown body, rendered by MkDocs and indexed by search
    context: dict[str, Any] = field(default_factory=dict)  # typed objects handed to the template
    description: str | None = None
    search: bool = True
    noindex: bool = False  # kept out of search engines and the sitemap (a retired course's page)

    def markdown(self) -> str:
        meta: dict[str, Any] = {"title": self.title, "template": self.template}
        if self.description:
            meta["description"] = self.description
        if not self.search:
            meta["search"] = {"exclude": True}
        if self.noindex:
            meta["robots"] = "noindex"
        # The template lays out the whole page, so the page's own table of contents would be partial.
        meta["hide"] = ["toc"]
        # JSON is YAML too, and writing it is fifty times faster than yaml.safe_dump. Characters
        # YAML reads as line breaks are escaped; others stay as they are (YAML cannot read
        # JSON's escaped surrogate pairs back into one character).
        front = json.dumps(meta, ensure_ascii=False)
        for char in ("\u0085", "\u2028", "\u2029"):
            front = front.replace(char, f"\\u{ord(char):04x}")
        return "---\n" + front + "\n---\n\n" + self.content + "\n"
