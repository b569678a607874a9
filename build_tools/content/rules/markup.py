"""Safety and structure rules for the Markdown editors write.

Two jobs, both reported with the line in the source file:

* headings must not skip levels (screen-reader users navigate by them);
* raw HTML, attr_list's ``{ }`` attributes, links and pictures are limited to the allow-list of
  ``allowlist.py``: no scripts, event handlers, ``javascript:`` or ``data:`` links, pictures
  from other sites, and embeds only from privacy-enhanced video hosts.

Fenced code is skipped (it is shown, not run), as ``markdown_lines`` finds it. The same
allow-list is applied again to the rendered HTML (``build_tools/mkdocs/safe_html.py``) so that
no path around this check reaches a reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

from build_tools.content.errors import Problem, error
from build_tools.content.markdown_lines import blank_code
from build_tools.content.models import CONTROL_CHARACTER, CONTROL_MESSAGE
from build_tools.content.rules.allowlist import (
    ATTR_LIST_ATTRIBUTES,
    HEADING_TAGS,
    TAGS,
    URL_ATTRIBUTES,
    address_problem,
    attributes_for,
    image_problem,
    link_problem,
)
from build_tools.content.rules.html_tags import start_tags

_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*)")
_BACKTICKS = re.compile(r"`+")
# The target may hold one level of parentheses, as in javascript:alert(1).
_TARGET = r"\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"
_INLINE_LINK = re.compile(r"\]" + _TARGET)
# Alt text may hold one level of brackets, as in ![a [b] c](...).
_INLINE_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]" + _TARGET)
_IMAGE_REFERENCE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?")
_REFERENCE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^>\s]*)>")
# What Python-Markdown itself makes links of (<https://...>, <name@example.org>): links, not tags,
# so the HTML scanner does not see them (their addresses are checked as links).
_AUTOLINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
_MARKDOWN_AUTOLINK = re.compile(AUTOLINK_RE)


def _blank_code_spans(line: str) -> str:
    """``line`` with its code spans blanked (same length). As in Python-Markdown, a span opens
    at a run of backticks not escaped by a backslash and closes at the next run of the same
    length; an unclosed run is text. Linear: each run is looked at once."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    # same_length_after[i]: the next run as long as run i, found in one pass from the right.
    same_length_after: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        same_length_after[i] = last_of_length.get(length)
        last_of_length[length] = i
    out, position, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        if start > 0 and line[start - 1] == "\\":
            index += 1
            continue
        closing = same_length_after[index]
        if closing is None:
            index += 1
            continue
        out.append(line[position:start] + " " * (runs[closing][1] - start))
        position = runs[closing][1]
        index = closing + 1
    return "".join(out) + line[position:]


def _attr_list_names(line: str) -> Iterable[str]:
    """Attribute names that attr_list's ``{ }`` blocks on ``line`` could set (read by attr_list's
    own parser). Braces count where attr_list reads them: right after an inline element
    (``*word*{...}``, ``[link](...){...}``), on a heading, table or list line, alone on a line, or
    when they look like attributes (``{:``, ``#id``, ``.class``, ``name=``), so that braces in a
    storyteller's words are left alone."""
    end = line.rfind("}")
    if end == -1:
        return
    structural = line.lstrip().startswith(("#", "|", "{", "-", "*", "+", ":")) or line.rstrip().endswith("|")
    starts = [i for i in range(end) if line[i] == "{"]
    for number, start in enumerate(starts):
        piece = line[start + 1:starts[number + 1] if number + 1 < len(starts) else end]
        attrs, _ = get_attrs_and_remainder(piece.lstrip(":").strip())
        after_element = start > 0 and line[start - 1] in "*_`)]>"
        marked = structural or after_element or piece.startswith(":") or any(
            key in {".", "id"} or value is not None for key, value in attrs)
        if marked:
            yield from (key for key, _ in attrs if key != ".")


class _TagScanner:
    # The tags come from html_tags.start_tags, which is linear in the text (html.parser is not).
    def __init__(self, image_hosts: frozenset[str]) -> None:
        self.image_hosts = image_hosts
        self.found: list[tuple[int, str, str]] = []  # (line, field, message)
        self.headings: list[tuple[int, int]] = []

    def feed(self, text: str) -> None:
        for line, tag, attrs in start_tags(text):
            self.handle_starttag(tag, attrs, line)

    def close(self) -> None:
        pass

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        if tag in HEADING_TAGS:
            self.headings.append((line, int(tag[1])))
        if tag not in TAGS and tag != "h1":
            self.found.append((line, f"<{tag}>", f"the HTML tag <{tag}> is not allowed in content; use Markdown "
                               "instead, or ask a developer to add a safe template for it."))
            return
        allowed = attributes_for(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"<{tag} {name}>", f'the attribute {name}="..." runs a script and is not '
                                   "allowed; remove it."))
            elif name not in allowed:
                self.found.append((line, f"<{tag} {name}>", f'the attribute "{name}" is not allowed on <{tag}>; '
                                   "remove it."))
            elif name in URL_ATTRIBUTES and value:
                problem = address_problem(tag, name, value, self.image_hosts)
                if problem:
                    self.found.append((line, f"<{tag} {name}>", problem))
        if tag == "img" and "alt" not in dict(attrs):
            self.found.append((line, "<img alt>", 'an image needs alt text describing it: add alt="...", or '
                               'alt="" if it is only decoration.'))


def check_markdown(text: str, path: str, first_line: int, field: str = "body", top_level: int = 1,
                   image_hosts: Iterable[str] = ()) -> list[Problem]:
    """Problems in a Markdown text that starts on ``first_line`` of ``path``.

    ``top_level`` is the heading level the page already uses above this text (1 when the page
    title is the ``<h1>``), so the first heading in the text may be at most one deeper.
    ``image_hosts`` are the other sites pictures may come from (mkdocs.yml ``extra: image_hosts:``).
    """
    hosts = frozenset(image_hosts)
    problems: list[Problem] = []
    # Story bodies and other Markdown hold no control characters either, code blocks included.
    for index, raw in enumerate(text.split("\n")):
        control = CONTROL_CHARACTER.search(raw)
        if control:
            problems.append(error(path, first_line + index, field,
                                  CONTROL_MESSAGE.format(code=f"{ord(control.group()):04X}")))
    lines = [_blank_code_spans(line) for line in blank_code(text.split("\n"))]
    headings: list[tuple[int, int]] = []
    image_references: set[str] = set()
    definitions: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        number = first_line + index
        heading = _ATX.match(line)
        if heading:
            headings.append((index + 1, len(heading.group(1))))
        for name in _attr_list_names(line):
            if name.lower() not in ATTR_LIST_ATTRIBUTES:
                problems.append(error(path, number, f"{field} {{{name}}}", f'the attribute "{name}" cannot '
                                      "be set with { } after a link or paragraph; remove it."))
        images = {match.start(1) for match in _INLINE_IMAGE.finditer(line)}
        for match in _INLINE_IMAGE.finditer(line):
            problem = image_problem(match.group(1), hosts)
            if problem:
                problems.append(error(path, number, f"{field} image", problem))
        for match in _IMAGE_REFERENCE.finditer(line):
            image_references.add((match.group(2) or match.group(1)).strip().lower())
        targets = {match.start(1): match.group(1) for regex in (_INLINE_LINK, _AUTOLINK, _MARKDOWN_AUTOLINK)
                   for match in regex.finditer(line) if match.start(1) not in images}
        for start in sorted(targets):
            problem = link_problem(targets[start])
            if problem:
                problems.append(error(path, number, f"{field} link", problem))
        reference = _REFERENCE.match(line)
        if reference:
            definitions.append((number, reference.group(1).strip().lower(), reference.group(2)))
    for number, name, url in definitions:
        problem = image_problem(url, hosts) if name in image_references else link_problem(url)
        if problem:
            problems.append(error(path, number, f"{field} {'image' if name in image_references else 'link'}", problem))
    scanner = _TagScanner(hosts)
    try:
        scanner.feed(_AUTOLINKS.sub(lambda m: " " * len(m.group(0)), "\n".join(lines)))
        scanner.close()
    except Exception:  # the scanner is lenient; this guards against the unforeseen. pragma: no cover
        problems.append(error(path, first_line, field, "the HTML in this text cannot be read; remove it."))
    for line, where, message in scanner.found:
        problems.append(error(path, first_line + line - 1, f"{field} {where}", message))
    headings.extend(scanner.headings)
    previous = top_level
    for line, level in sorted(headings):
        number = first_line + line - 1
        if level <= top_level and top_level >= 1:
            problems.append(error(path, number, f"{field} heading", f"a level-{level} heading "
                                  f"({'#' * level}) is not allowed here, because the page title above is "
                                  f"level {top_level}; use {'#' * (top_level + 1)} instead."))
        elif level > previous + 1:
            problems.append(error(path, number, f"{field} heading", f"this heading jumps from level {previous} to "
                                  f"level {level}; use {'#' * (previous + 1)} so that no level is skipped."))
        previous = max(level, top_level)
    return problems
