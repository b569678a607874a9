"""The HTML start tags in a text, found in one pass: work is linear in the length of the text.

Python's ``html.parser`` rescans an unclosed tag from its start every time it reads further, so
a text such as ``<a <a <a …`` keeps it busy for minutes (CPython issue gh-135462). This
tokenizer reads tags and their attributes by the HTML Living Standard's tokenization rules and
never goes back: every step consumes the characters it looked at, and each pattern has one
quantifier over a class of characters, so no pattern backtracks.

Where Markdown and a browser could read a text differently, it finds the tags of both
readings, which can only make the markup check stricter: the inside of comments and
declarations is read for tags too (Markdown may show an unclosed ``<!--`` as text), and so are
attribute values, as Markdown reads them (it leaves ``<a title="<img onerror=…>">`` as text up
to the ``<img``, which it then passes on as a tag). A tag still open at the end of the text is
reported with the attributes read so far, since the page around the text may close it.
"""

from __future__ import annotations

import html
import re

_SPACE = "\t\n\f\r "
# "<" then an ASCII letter starts a tag name ("tag open state"), "</" and a letter an end tag.
_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")
_ATTRIBUTE = re.compile(
    rf"[{_SPACE}/]*"                      # before the attribute name
    rf"([^{_SPACE}/>][^{_SPACE}/=>]*)"    # the name (a leading "=" belongs to it)
    rf"(?:[{_SPACE}]*=[{_SPACE}]*"        # "=" with optional spaces
    rf"(\"[^\"]*\"?|'[^']*'?|[^{_SPACE}>]*))?"  # the value: double, single quoted or bare
)
_TAG_END = re.compile(rf"[{_SPACE}/]*>")

# Markdown's own reading of inline HTML: no "<" or ">" inside a tag. Linear: each try stops at
# the next "<" or ">".
_MARKDOWN_TAG = re.compile(r"<([A-Za-z][^<>@ ]*)((?: [^<>]*)?)>")

StartTag = tuple[int, str, list[tuple[str, str | None]]]  # (line, name, attributes)


def _attributes(text: str, position: int) -> tuple[list[tuple[str, str | None]], int]:
    """The attributes of a tag whose name ends at ``position``, and where the tag ends."""
    attributes: list[tuple[str, str | None]] = []
    while True:
        end = _TAG_END.match(text, position)
        if end is not None:
            return attributes, end.end()
        attribute = _ATTRIBUTE.match(text, position)
        if attribute is None or attribute.end() == position:
            return attributes, len(text)  # the text ends inside the tag
        position = attribute.end()
        raw = attribute.group(2)
        if raw is not None and raw[:1] in ("'", '"'):
            raw = raw[1:-1] if len(raw) > 1 and raw[-1] == raw[0] else raw[1:]
        attributes.append((attribute.group(1).lower(), None if raw is None else html.unescape(raw)))


def start_tags(text: str) -> list[StartTag]:
    """``(line, name, attributes)`` for each start tag, in order, lower-cased, values with
    character references decoded; line 1 is the first line of ``text``."""
    found: dict[int, tuple[str, list[tuple[str, str | None]]]] = {}
    position = 0
    # As a browser reads it: a tag's attributes run to its ">", quoted values may hold "<" or ">".
    while (tag := _TAG_OPEN.search(text, position)) is not None:
        attributes, position = _attributes(text, tag.end())
        if not tag.group(1):
            found[tag.start()] = (tag.group(2).lower(), attributes)
    # As Markdown reads it: tags inside another tag's attribute values count too.
    for tag in _MARKDOWN_TAG.finditer(text):
        name = _TAG_OPEN.match(text, tag.start())
        if tag.start() not in found and name is not None:
            found[tag.start()] = (name.group(2).lower(), _attributes(tag.group(0), name.end() - tag.start())[0])
    tags: list[StartTag] = []
    line, counted = 1, 0
    for offset in sorted(found):
        line += text.count("\n", counted, offset)
        counted = offset
        tags.append((line, *found[offset]))
    return tags
