"""One Markdown converter for every page of a build, instead of a new one for each page.

MkDocs 1.6 (``Page.render``) makes a ``markdown.Markdown`` for every page, and with this site's
extensions making one costs about a third of converting a page. Python-Markdown's ``reset()``
exists to make a converter ready for the next document (every extension clears its own state
in it), so :func:`install` has MkDocs' page rendering get the converter it made for the same
extensions and options back, reset. MkDocs still registers its own per-page processors on it
(by name, so each page's replace the last page's). ``tests/test_site_build.py`` checks that
the pages are the same either way.
"""

from __future__ import annotations

import json
from typing import Any

import markdown
from mkdocs.structure import pages


class _Converters:
    """Stands in for the ``markdown`` module inside ``mkdocs.structure.pages``: ``Markdown(...)``
    gives the last converter back when the extensions and options are the same."""

    def __init__(self) -> None:
        self._last: tuple[str, markdown.Markdown] | None = None

    def Markdown(self, *, extensions: list[Any], extension_configs: dict[str, Any]) -> markdown.Markdown:  # noqa: N802 - the name MkDocs calls
        key = json.dumps([[name if isinstance(name, str) else f"{type(name).__qualname__}@{id(name)}"
                           for name in extensions], extension_configs], sort_keys=True, default=repr)
        if self._last is not None and self._last[0] == key:
            converter = self._last[1]
            converter.reset()
            return converter
        converter = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        self._last = (key, converter)
        return converter

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)


def install() -> None:
    """Make MkDocs' page rendering reuse converters (once per process)."""
    if not isinstance(pages.markdown, _Converters):
        pages.markdown = _Converters()  # type: ignore[assignment]


def uninstall() -> None:
    """MkDocs' own behaviour again: a new converter for every page (for comparisons)."""
    pages.markdown = markdown  # type: ignore[assignment]
