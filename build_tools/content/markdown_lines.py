"""Which lines of a Markdown text are fenced code: the one scanner for every check that reads lines.

Code is shown, not run, so the checks skip it (markup, wording) and the story pages leave its
headings alone. A fence counts as code only where the site's Markdown (``pymdownx.superfences``)
also treats it as code, since a line wrongly taken for code would be skipped by the safety
checks while the page shows it as HTML:

* the opening fence is three or more backticks or tildes, indented by at most three spaces, and
  followed by nothing or one language name (``` ```python ```); anything else after the fence
  (options, ``{ }`` attributes) is read as text;
* it is closed only by the *same* fence (same character, same length, same indent): four
  backticks around a three-backtick line, or tildes around backticks, keep the inner line as code;
* every line inside is indented at least as far as the fence;
* a fence that is never closed is not code: its lines are read, and checked, as text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_OPENING = re.compile(r"( {0,3})(`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+)?[ \t]*")
_BARE_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})[ \t]*")


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fence lines included).

    Linear in the number of lines: where each fence could close, and where each indent ends, is
    found once, up front, not by reading on from every opening.
    """
    closings: dict[tuple[int, str], list[int]] = {}
    for index, line in enumerate(lines):
        bare = _BARE_FENCE.fullmatch(line)
        if bare:
            closings.setdefault((len(bare.group(1)), bare.group(2)), []).append(index)
    # outdented[n][i]: the first line at or after i that is not blank and starts with fewer than
    # n spaces, which ends a fence indented by n (n = 1 to 3; a fence at the margin never ends so).
    outdented: dict[int, list[int]] = {}
    for depth in (1, 2, 3):
        following, nearest = [len(lines)] * (len(lines) + 1), len(lines)
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            if line.strip() and len(line) - len(line.lstrip(" ")) < depth:
                nearest = index
            following[index] = nearest
        outdented[depth] = following
    code = [False] * len(lines)
    index = 0
    while index < len(lines):
        opening = _OPENING.fullmatch(lines[index])
        if opening is None or (opening.group(2)[0] == "`" and "`" in lines[index][opening.end(2):]):
            index += 1
            continue
        depth, fence = len(opening.group(1)), opening.group(2)
        candidates = closings.get((depth, fence), [])
        position = bisect_right(candidates, index)
        end = candidates[position] if position < len(candidates) else None
        if end is None or (depth and outdented[depth][index + 1] < end):
            index += 1  # never closed: not code, so its lines are read as text
            continue
        for inside in range(index, end + 1):
            code[inside] = True
        index = end + 1
    return code


def blank_code(lines: list[str]) -> list[str]:
    """The lines with fenced code blanked (same line count), for checks that read text only."""
    return ["" if is_code else line for line, is_code in zip(lines, code_lines(lines))]
