"""Cleaned HTML (from :func:`build_tools.printed.print_editions.markdown_html`) as a JSON tree for Typst.

The printed editions never hand content to Typst as markup: a story body or transcript becomes a
tree of plain values, which the functions in ``theme/prospectus/common.typ`` lay out. A node is
either a string (text, shown as it is) or ``{"k": kind, "c": children, ...}`` with ``kind`` from
:data:`KINDS`, a closed list; an element of any other kind is replaced by its children, so only
its text is printed. Links keep only addresses the allow-list accepted (web, e-mail, phone);
headings are renumbered below the heading the text is printed under, without skipping a level,
as PDF/UA-1 requires.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

Node = str | dict[str, Any]

# HTML element -> node kind. Anything else (div, span, details, time, abbr…) keeps only its children.
KINDS: dict[str, str] = {
    "p": "p", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h",
    "em": "em", "i": "em", "cite": "em", "strong": "strong", "b": "strong",
    "del": "strike", "s": "strike", "ins": "underline", "u": "underline", "mark": "mark",
    "sub": "sub", "sup": "sup", "small": "small", "code": "code", "kbd": "code", "pre": "pre",
    "q": "q", "a": "link", "ul": "ul", "ol": "ol", "li": "li", "blockquote": "quote",
    "dl": "dl", "dt": "dt", "dd": "dd", "br": "br", "hr": "hr", "img": "picture",
    "table": "table", "tr": "tr", "th": "th", "td": "td", "figure": "figure", "figcaption": "caption",
    "thead": "thead", "caption": "caption",
}
VOID = frozenset({"br", "hr", "img"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# A word longer than this gets invisible break points, so it cannot run off the page.
LONGEST_WORD = 30
_SPACE = re.compile(r"\s+")
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with a zero-width space every :data:`LONGEST_WORD` characters of any longer word."""
    return _LONG_WORD.sub(lambda m: ZERO_WIDTH_SPACE.join(
        m.group(0)[i:i + LONGEST_WORD] for i in range(0, len(m.group(0)), LONGEST_WORD)), text)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict[str, Any] = {"k": "root", "c": []}
        self.stack: list[tuple[str, dict[str, Any]]] = [("", self.root)]
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        node: dict[str, Any] = {"k": KINDS.get(tag, "span"), "c": []}
        if node["k"] == "h":
            node["level"] = int(tag[1])
        elif node["k"] == "link":
            href = values.get("href", "")
            node["href"] = href if urlsplit(href).scheme.lower() in LINK_SCHEMES else None
        elif node["k"] == "picture":
            node["src"] = values.get("src") or None
            node["alt"] = " ".join(values.get("alt", "").split())
        elif node["k"] == "ol":
            start = values.get("start", "1")
            node["start"] = int(start) if start.isdigit() and len(start) < 6 else 1
        elif node["k"] in ("th", "td"):
            span = values.get("colspan", "1")
            node["colspan"] = int(span) if span.isdigit() and 0 < int(span) < 50 else 1
        elif node["k"] == "pre":
            self.pre += 1
        self.stack[-1][1]["c"].append(node)
        if tag not in VOID:
            self.stack.append((tag, node))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        # nh3 writes well-formed HTML; a stray end tag closes up to its element, or is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                for _, node in self.stack[depth:]:
                    if node["k"] == "pre":
                        self.pre -= 1
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1][1]["c"].append(data if self.pre else _SPACE.sub(" ", data))


def _tidy(nodes: list[Node], top: int, levels: list[tuple[int, int]]) -> list[Node]:
    """Drop whitespace between blocks, break long words, renumber headings, join table rows."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            if node.strip() or (out and isinstance(out[-1], (str, dict)) and _inline(out[-1])):
                out.append(breakable(node))
            continue
        kind = node["k"]
        if kind == "pre":
            node = {"k": "pre", "text": _text(node)}
        elif kind == "code":
            node = {"k": "code", "text": breakable(_text(node))}
        elif kind == "h":
            # Under the heading at level ``top``: the first heading is top + 1, and none skips a
            # level. ``levels`` holds (written level, printed level) of the open headings.
            while levels and levels[-1][0] >= node["level"]:
                levels.pop()
            written = node["level"]
            node["level"] = min(levels[-1][1] + 1 if levels else top + 1, 6)  # PDF has H1 to H6
            levels.append((written, node["level"]))
            node["c"] = _tidy(node["c"], top, [])
        elif kind == "table":
            node = _table(node, top)
        elif kind == "span":
            out.extend(_tidy(node["c"], top, levels))
            continue
        elif "c" in node:
            node["c"] = _tidy(node["c"], top, levels if kind in ("quote", "figure", "dd", "li") else [])
        out.append(node)
    # Text at the edges of a block is never a visible space.
    while out and isinstance(out[-1], str) and not out[-1].strip():
        out.pop()
    return out


def _inline(node: Node) -> bool:
    return isinstance(node, str) or node["k"] in ("em", "strong", "strike", "underline", "mark", "sub", "sup",
                                                  "small", "code", "q", "link", "br", "span")


def _text(node: Node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.get("c", []))


def _table(node: dict[str, Any], top: int) -> dict[str, Any]:
    """A table as rows of cells, each ``{"header": bool, "span": n, "c": [...]}``; head rows first."""
    head: list[list[dict[str, Any]]] = []
    body: list[list[dict[str, Any]]] = []

    def rows(parent: dict[str, Any], into: list[list[dict[str, Any]]]) -> None:
        for child in parent["c"]:
            if isinstance(child, str):
                continue
            if child["k"] == "tr":
                cells = [{"header": cell["k"] == "th", "span": cell.get("colspan", 1),
                          "c": _tidy(cell["c"], top, [])}
                         for cell in child["c"] if isinstance(cell, dict) and cell["k"] in ("th", "td")]
                if cells:
                    into.append(cells)
            elif child["k"] == "thead":
                rows(child, head)
            elif child["k"] != "caption":
                rows(child, into)

    rows(node, body)
    if not head and body and all(cell["header"] for cell in body[0]):
        head = [body.pop(0)]
    columns = max((sum(cell["span"] for cell in row) for row in head + body), default=1)
    for row in head + body:
        for cell in row:
            cell["span"] = min(cell["span"], columns)
    return {"k": "table", "columns": columns, "head": head, "body": body}


def html_tree(html: str, *, top: int = 1) -> list[Node]:
    """The JSON tree of cleaned HTML, with headings numbered below a heading of level ``top``."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _tidy(builder.root["c"], top, [])
