"""Python's HTML parser, reading comments and ``<![...]>`` as browsers do.

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

from html.parser import HTMLParser


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
