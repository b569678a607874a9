"""Limits that keep the build's work in proportion to the size of the content.

Python-Markdown handles two shapes of text in time that grows faster than the text:

* nesting (lists inside lists, quotes inside quotes) is parsed by recursion, so a few hundred
  levels end the build with a recursion error that names no file;
* a square bracket or parenthesis that is never closed makes the link pattern read to the end
  of the paragraph from every one of them, so a paragraph of ``[[[[…`` takes minutes; so does
  an HTML tag that is opened with ``<`` and never closed with ``>``;
* every link, emphasis or code span in a paragraph makes Markdown copy the paragraph again, so
  the work grows with the square of a paragraph's length: paragraphs are limited in length
  (which also keeps them readable on a phone).

No editor needs either, so both are refused here, with the line, before the build runs. Each
check reads every line once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from build_tools.content.errors import Problem, error
from build_tools.content.load import Collections
from build_tools.content.markdown_lines import blank_code

MAX_NESTING = 10
# Open brackets of one kind at once in a paragraph: each makes Markdown read on to its end.
MAX_OPEN = 20
MAX_PARAGRAPH = 10_000  # characters, about 1,500 words

# The markers a line starts with: quotes (">") and list items ("-", "*", "+", "1." or "1)"),
# each level of nesting, on one line ("> - > 1. text") as well as by indenting.
_PREFIX = re.compile(r"([ \t]*+)((?:[ \t]*+(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*+)")
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")
_QUOTES = re.compile(r"(?:[ \t]*+>)*+")
# A "<" followed by a letter, "/", "!" or "?" opens a tag (as HTML reads it); one ">" ends it.
_BRACKET = re.compile(r"\\.|[\[\]()>]|<[A-Za-z/!?]")
_PAIRS = {"]": "[", ")": "("}
_NAMES = {"[": "square brackets [ ]", "(": "brackets ( )"}


def nesting_depth(line: str) -> int:
    """How deep a line sits in quotes and lists: one per marker and per four spaces of indent."""
    indent, markers = _PREFIX.match(line).groups()
    return len(indent.expandtabs(4)) // 4 + len(_MARKER.findall(markers))


def _paragraphs(lines: list[str]) -> Iterator[list[tuple[int, str]]]:
    paragraph: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if line.strip():
            paragraph.append((index, line))
        elif paragraph:
            yield paragraph
            paragraph = []
    if paragraph:
        yield paragraph


def _bracket_problem(paragraph: list[tuple[int, str]]) -> tuple[int, str] | None:
    """``(index of the line, message)`` when more than ``MAX_OPEN`` brackets of one kind are open at once."""
    open_at: dict[str, list[int]] = {"[": [], "(": [], "<": []}
    for index, line in paragraph:
        # Markdown reads a quote's lines without their ">" markers: so does this count.
        for match in _BRACKET.finditer(line, _QUOTES.match(line).end()):
            char = match.group(0)[0]
            if char == "<":
                tags = open_at["<"]
                tags.append(index)
                if len(tags) > MAX_OPEN:
                    return tags[0], (f"more than {MAX_OPEN} HTML tags are opened with < in this paragraph and not "
                                     "closed with >; write &lt; for a < that is only text, or close each tag.")
            elif char == ">":
                open_at["<"].clear()
            elif char in open_at:
                stack = open_at[char]
                stack.append(index)
                if len(stack) > MAX_OPEN:
                    return stack[0], (f"more than {MAX_OPEN} {_NAMES[char]} are open at once in this paragraph "
                                      f"(opened with {char} and not yet closed); close each one, or write a "
                                      f"backslash before a bracket that is only text (\\{char}).")
            elif char in _PAIRS and open_at[_PAIRS[char]]:
                open_at[_PAIRS[char]].pop()
    return None


def check_limits(text: str, path: str, first_line: int, field: str = "body") -> Iterator[Problem]:
    """Nesting and bracket problems in one Markdown text that starts on ``first_line``."""
    lines = blank_code(text.split("\n"))
    for index, line in enumerate(lines):
        depth = nesting_depth(line)
        if depth > MAX_NESTING:
            yield error(path, first_line + index, field, f"lists and quotes are nested {depth} levels deep here; "
                        f"at most {MAX_NESTING} levels can be shown (each > and each four spaces of indent is a "
                        "level), so remove some levels.")
            break
    for paragraph in _paragraphs(lines):
        # Table rows are read cell by cell, so a long table costs no more than its cells.
        length = sum(len(line) + 1 for _, line in paragraph if not line.lstrip().startswith("|"))
        if length > MAX_PARAGRAPH:
            yield error(path, first_line + paragraph[0][0], field, f"this paragraph is {length:,} characters long; "
                        f"a paragraph can be at most {MAX_PARAGRAPH:,} characters (about 1,500 words), so that it "
                        "can be read on a phone and built quickly. Add blank lines between paragraphs.")
            continue
        problem = _bracket_problem(paragraph)
        if problem is not None:
            yield error(path, first_line + problem[0], field, problem[1])


def markdown_limits(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Every Markdown text that is rendered: bodies, transcripts and course descriptions."""
    for item in [*c.stories.values(), *c.briefings.values(), *c.pages.values()]:
        yield from check_limits(item.body, item.source_path, item._body_line)
    for story in c.stories.values():
        if story.transcript is not None:
            yield from check_limits(story.transcript, story.media_path(story.media.transcript), 1, "transcript")
    for course in c.courses.values():
        first = course.line_of("description") + (1 if "\n" in course.description else 0)
        yield from check_limits(course.description, course.source_path, first, "description")
