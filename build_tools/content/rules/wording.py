"""Editor warnings about wording: plain English, person-first language and clear link text.

These are *warnings*: they never fail a build. They are never applied to a storyteller's own
words (story bodies and transcripts) or to text inside quotation marks or block quotes, since
a storyteller's words are never "corrected".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from build_tools.content.errors import Problem, warning
from build_tools.content.load import Collections
from build_tools.content.markdown_lines import code_lines

# Reading age = Flesch-Kincaid grade + 5. The NHS aims for a reading age of 9 to 11.
READING_AGE_TARGET = 11
MIN_WORDS_FOR_READING_AGE = 25

# (pattern, advice). Patterns are matched case-insensitively on whole words.
WORDING: list[tuple[str, str]] = [
    (r"suffer(?:s|ing)? from", 'say "lives with" or "has experience of" rather than "suffers from"'),
    (r"an? schizophrenic|schizophrenics", 'say "a person with a diagnosis of schizophrenia"'),
    (r"non-?compliant", 'describe the choice or the barrier instead of "non-compliant"'),
    (r"attention[- ]seeking", 'say "seeking connection" or describe the need, not "attention-seeking"'),
    (r"committed suicide", 'say "died by suicide"'),
    (r"(?:got|getting|stay|stayed|staying|being|is|was) clean", 'say "in recovery" or "not using"'),
    (r"dirty (?:test|sample|urine|result)s?", 'say "a positive test result"'),
]
# Course texts offer education: they must not promise treatment.
COURSE_PROMISES = r"treatments?|therap(?:y|ies)|cures?|cured"
VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "this link", "link", "click", "this page", "find out more"}

# Linear in the line: a quotation or link text cannot hold its own opening mark, so each try
# stops at the next opening mark instead of reading on to the end of the line from every one.
_QUOTED = re.compile(r'"[^"\n]*"|“[^“”\n]*”|‘[^‘’\n]*’')
_LINK_TEXT = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(")


def _unquoted_lines(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) with quoted passages, block quotes and fenced code left out."""
    lines = text.split("\n")
    for index, (line, is_code) in enumerate(zip(lines, code_lines(lines))):
        if is_code or line.lstrip().startswith(">"):
            continue
        yield index, _QUOTED.sub(" ", line)


def wording_warnings(text: str, path: str, first_line: int, field: str, *, course: bool = False) -> Iterator[Problem]:
    for index, line in _unquoted_lines(text):
        for pattern, advice in WORDING:
            for match in re.finditer(rf"\b(?:{pattern})\b", line, re.IGNORECASE):
                yield warning(path, first_line + index, field, f'"{match.group(0)}": {advice} (person-first, '
                              "hopeful language).")
        if course:
            for match in re.finditer(rf"\b(?:{COURSE_PROMISES})\b", line, re.IGNORECASE):
                yield warning(path, first_line + index, field, f'"{match.group(0)}": courses are education, not '
                              "treatment; describe what students learn instead of promising treatment, therapy or "
                              "a cure.")
        for match in _LINK_TEXT.finditer(line):
            if match.group(1).strip().lower().rstrip(".") in VAGUE_LINK_TEXT:
                yield warning(path, first_line + index, field, f'the link text "{match.group(1)}" does not say '
                              "where it goes; use words that make sense on their own, e.g. "
                              "[how to enrol](enrol.md).")


def reading_age(text: str) -> float | None:
    """Estimated reading age, or ``None`` when the text is too short to judge."""
    # Readers read a link's words, not its address (/courses/creative-writing.md).
    text = re.sub(r"\]\([^)\n]*\)", "]", text)
    plain = _QUOTED.sub(" ", re.sub(r"[#*_>`\[\]()]", " ", text))
    if len(plain.split()) < MIN_WORDS_FOR_READING_AGE:
        return None
    import textstat  # loads its hyphenation dictionaries: only when a text is long enough to score

    return textstat.flesch_kincaid_grade(plain) + 5


def reading_age_warnings(text: str, path: str, line: int, field: str) -> Iterator[Problem]:
    age = reading_age(text)
    if age is not None and age > READING_AGE_TARGET + 0.5:
        shown = f"about {age:.0f}" if age <= 18 else "over 18"
        yield warning(path, line, field, f"reading age is {shown}, above the target of "
                      f"{READING_AGE_TARGET}; use shorter sentences and everyday words.")


def wording_rule(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Warnings on editors' texts (never story bodies, transcripts or quotations)."""
    for course in c.courses.values():
        path = course.source_path
        for key in ("title", "summary", "description"):
            text = getattr(course, key)
            first = course.line_of(key) + (1 if key == "description" and "\n" in text else 0)
            yield from wording_warnings(text, path, first, key, course=True)
        for i, outcome in enumerate(course.learning_outcomes):
            yield from wording_warnings(outcome, path, course.line_of("learning_outcomes", i),
                                        f"learning_outcomes[{i}]", course=True)
        yield from reading_age_warnings(course.summary, path, course.line_of("summary"), "summary")
        yield from reading_age_warnings(course.description, path, course.line_of("description"), "description")
    for story in c.stories.values():
        for key in ("title", "summary"):
            yield from wording_warnings(getattr(story, key), story.source_path, story.line_of(key), key)
        yield from reading_age_warnings(story.summary, story.source_path, story.line_of("summary"), "summary")
    for paper in c.briefings.values():
        yield from wording_warnings(paper.summary, paper.source_path, paper.line_of("summary"), "summary")
        yield from wording_warnings(paper.body, paper.source_path, paper._body_line, "body")
    for resource in c.resources.values():
        yield from wording_warnings(resource.summary, resource.source_path, resource.line_of("summary"), "summary")
        yield from reading_age_warnings(resource.summary, resource.source_path, resource.line_of("summary"),
                                        "summary")
    for page in c.pages.values():
        yield from wording_warnings(page.body, page.source_path, page._body_line, "body")
