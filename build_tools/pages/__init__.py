"""Generated pages: one module per page family, each turning the validated Site into pages.

A page family exposes ``pages(site) -> list[GeneratedPage]``. The Markdown ``content`` is what
MkDocs renders (and Material's search indexes); the ``template`` in ``theme/`` renders the rest
from the typed object in ``context``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


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

    def markdown(self) -> str:
        meta: dict[str, Any] = {"title": self.title, "template": self.template}
        if self.description:
            meta["description"] = self.description
        if not self.search:
            meta["search"] = {"exclude": True}
        # The template lays out the whole page, so the page's own table of contents would be partial.
        meta["hide"] = ["toc"]
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + self.content + "\n"
