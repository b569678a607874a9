"""Reading HTML as browsers do: content fragments with Python's parser, whole pages with Lexbor.

Every check of HTML in content reads it with :class:`BrowserLikeParser`, because a check that
ends a comment later than a browser would skip markup the browser runs. Python's parser (3.11)
differs from the HTML standard in three places, corrected here:

* ``<!-->`` and ``<!--->`` are whole (empty) comments, and what follows is markup;
* a comment also ends at ``--!>``, whichever of ``-->`` and ``--!>`` comes first;
* ``<![CDATA[ ... ]]>`` outside SVG and MathML is a bogus comment that ends at the first ``>``.

A comment that is never closed runs to the end, as in a browser. Where the two parsers still
disagree (text in ``<title>`` or ``<noscript>``, for example), Python's reads *more* as markup
than a browser does, so the checks see too much, never too little.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser


class BrowserLikeParser(HTMLParser):
    """:class:`html.parser.HTMLParser` with comments and marked sections read as browsers read them."""

    _unclosed: tuple[str, int] | None = None  # (the text, position) of an opening no comment end follows

    def parse_comment(self, i: int, report: int = 1) -> int:
        rawdata = self.rawdata
        for abrupt in ("<!-->", "<!--->"):
            if rawdata.startswith(abrupt, i):
                if report:
                    self.handle_comment("")
                return i + len(abrupt)
        if self._unclosed is not None and self._unclosed[0] is rawdata and i >= self._unclosed[1]:
            return -1  # already known: nothing closes a comment after an earlier opening (keeps this linear)
        ends = [found for found in (rawdata.find("-->", i + 4), rawdata.find("--!>", i + 4)) if found != -1]
        if not ends:
            self._unclosed = (rawdata, i)
            return -1  # not closed (yet): the parser reads it on as text at the end
        end = min(ends)
        if report:
            self.handle_comment(rawdata[i + 4:end])
        return end + (3 if rawdata.startswith("-->", end) else 4)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        end = self.rawdata.find(">", i + 3)
        if end == -1:
            return -1
        if report:
            self.handle_comment(self.rawdata[i + 2:end])
        return end + 1


class Element(NamedTuple):
    """One element of a whole page as a browser builds it: its tag, its attributes (the first
    of each name, as browsers keep them) and, for a ``<script>``, the text it would run."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    script_text: str | None = None


def page_elements(html: str) -> Iterator[Element]:
    """Every element of the whole page ``html``, in document order, parsed by the HTML standard's
    algorithm (Lexbor, as browsers parse a page), so a check sees exactly the elements a browser
    makes, unclosed scripts and misnested markup included. ``<template>`` contents are not
    elements of the page: the checks refuse ``<template>`` itself."""
    tree = LexborHTMLParser(html)
    for node in tree.root.traverse(include_text=False):
        tag = node.tag
        if tag.startswith("-"):  # "-comment", "-doctype": not elements
            continue
        attributes = node.attributes
        yield Element(tag, tuple((name, value or "") for name, value in attributes.items()) if attributes else (),
                      node.text(deep=True) if tag == "script" else None)
