"""The HTML start tags in a text, found in one pass: work is linear in the length of the text.

Python's ``html.parser`` rescans an unclosed tag from its start every time it reads further, so
a text such as ``<a <a <a …`` keeps it busy for minutes (CPython issue gh-135462). This
tokenizer follows the HTML Living Standard's tokenization rules for what matters to the markup
check (where a tag starts and ends, its name and attributes, comments) and never goes back:
every step consumes the characters it looked at, and each pattern has one quantifier over a
class of characters, so no pattern backtracks.

Text the browser would not read as tags (inside comments) is skipped as the browser skips it;
everything else is read as tags even where a browser would read it as plain text (the inside
of ``<style>`` or ``<iframe>``), which can only make the check stricter.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_SPACE = "\t\n\f\r "
# "<" then an ASCII letter starts a tag name ("tag open state"), "</" an end tag, "<!" and "<?"
# comments or declarations; any other "<" is text.
_MARKUP = re.compile(r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)|!--|[!?]|/[^A-Za-z>])")
_COMMENT_END = re.compile(r"--!?>")
_ATTRIBUTE = re.compile(
    rf"[{_SPACE}/]*"                      # before the attribute name
    rf"([^{_SPACE}/>][^{_SPACE}/=>]*)"    # the name (a leading "=" belongs to it)
    rf"(?:[{_SPACE}]*=[{_SPACE}]*"        # "=" with optional spaces
    rf"(\"[^\"]*\"?|'[^']*'?|[^{_SPACE}>]*))?"  # the value: double, single quoted or bare
)
_TAG_END = re.compile(rf"[{_SPACE}/]*>")

StartTag = tuple[int, str, list[tuple[str, str | None]]]  # (line, name, attributes)


def start_tags(text: str) -> Iterator[StartTag]:
    """``(line, name, attributes)`` for each start tag, lower-cased, values with character
    references decoded; line 1 is the first line of ``text``. A tag left open at the end of the
    text is dropped, as browsers drop it."""
    line, counted = 1, 0
    position = 0
    while (found := _MARKUP.search(text, position)) is not None:
        start = found.start()
        line += text.count("\n", counted, start)
        counted = start
        opener = found.group(0)
        if opener == "<!--":
            # "<!-->" and "<!--->" close at once; otherwise the first "-->" or "--!>" does.
            if text.startswith(">", found.end()) or text.startswith("->", found.end()):
                position = text.index(">", found.end()) + 1
                continue
            close = _COMMENT_END.search(text, found.end())
            if close is None:
                return
            position = close.end()
            continue
        if found.group(2) is None:
            # "<!x", "<?x" and "</ x" are bogus comments, up to the next ">".
            close = text.find(">", found.end())
            if close < 0:
                return
            position = close + 1
            continue
        name, attributes, position = found.group(2).lower(), [], found.end()
        while True:
            end = _TAG_END.match(text, position)
            if end is not None:
                position = end.end()
                break
            attribute = _ATTRIBUTE.match(text, position)
            if attribute is None or attribute.end() == position:
                return  # the text ends inside the tag
            position = attribute.end()
            raw = attribute.group(2)
            if raw is not None and raw[:1] in ("'", '"'):
                if len(raw) < 2 or raw[-1] != raw[0]:
                    return  # an attribute value still open at the end of the text
                raw = raw[1:-1]
            attributes.append((attribute.group(1).lower(), None if raw is None else html.unescape(raw)))
        if not found.group(1):
            yield line, name, attributes
