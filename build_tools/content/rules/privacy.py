"""Rules that protect storytellers' privacy, run with the other checks (``checks.RULES``).

* ``personal_data``: e-mail addresses, UK phone numbers, postcodes and street addresses in
  anything a story publishes: its front matter (alt text and file names included), body,
  transcript, captions and the metadata of its media files (audio tags, image comments). For
  anonymous and pseudonymous stories these are errors, because they could identify the
  storyteller; for named and first-name stories they are warnings, so that an editor confirms
  the storyteller agreed to share them.
* ``image_limits``: story images too large to publish (file size, pixels or frames) are refused, with
  the line of the ``media.file`` (or ``media.poster``) entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from PIL import Image

from build_tools.content.errors import Problem, error, field_name, warning
from build_tools.content.images import (
    MAX_FRAMES,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_SIDE,
    MAX_TOTAL_PIXELS,
    TooManyPixels,
    is_image,
    read_facts,
)
from build_tools.content.load import Collections
from build_tools.content.media_tags import embedded_texts
from build_tools.content.models import Story

# Each pattern finds one kind of personal detail; the label names it in the message. Each is
# linear in the length of the line: no pattern has a repeated group whose parts can match the
# same characters, and unbounded runs are possessive (++), so they never give characters back.
# An e-mail address is found in two steps, so that a match can only start where a run of
# address characters starts (a long run without "@" is then read once, not once per letter).
_EMAIL_RUN = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[A-Za-z0-9.\-]++")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Geographic (01, 02) and mobile (07) numbers, written with 0 or +44, with spaces, dashes or
# brackets. Freephone and organisations' numbers (0800, 0808, 03, 116 123) are left alone:
# a story may well mention a helpline.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)[127][\d\s\-()]{7,12}\d(?!\w)"
)
# Full UK postcodes (outward and inward code), in capitals as they are written on letters.
_POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}|GIR\s?0AA)\b")
_STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Terrace|Place|Court|Grove|"
    "Row|Square|Walk|Rise|Mews|Parade|Green|View|Hill|Park|Vale|Wynd|Brae|Gate"
)
_STREET = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,?\s++(?:[A-Z][\w'’\-]*+\s++){{1,3}}(?:{_STREET_WORDS})\b\.?"
)


def _emails(text: str) -> Iterator[tuple[int, int]]:
    for run in _EMAIL_RUN.finditer(text):
        domain = _EMAIL_DOMAIN.match(text, text.index("@", run.start()) + 1, run.end())
        if domain is not None:
            yield run.start(), domain.end()


def _matches(pattern: re.Pattern[str]) -> Callable[[str], Iterator[tuple[int, int]]]:
    return lambda text: (match.span() for match in pattern.finditer(text))


# (label, finder): each finder yields the (start, end) of its matches, in order.
KINDS: list[tuple[str, Callable[[str], Iterator[tuple[int, int]]]]] = [
    ("an e-mail address", _emails),
    ("a phone number", _matches(_PHONE)),
    ("a postcode", _matches(_POSTCODE)),
    ("a street address", _matches(_STREET)),
]


def _phone_digits_ok(text: str) -> bool:
    """UK numbers have 10 digits after the leading 0 (or after +44)."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = digits[2:]
    elif digits.startswith("0044"):
        digits = digits[4:]
    digits = digits.removeprefix("0")
    return len(digits) in (9, 10)


# Every kind above needs a digit or an @: most lines of a story have neither.
_MAY_HOLD_DETAILS = re.compile(r"[\d@]")


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """``(kind, matched text)`` for each personal detail in one line of text, in order."""
    if not _MAY_HOLD_DETAILS.search(text):
        return []
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []  # spans already reported: sorted, never overlapping
    for kind, finder in KINDS:
        new: list[tuple[int, int]] = []
        next_taken = 0
        for start, end in finder(text):
            value = text[start:end].strip().rstrip(".")
            if kind == "a phone number" and not _phone_digits_ok(value):
                continue
            # A postcode inside an e-mail address, or a number inside an address, counts once.
            # Matches come in order, so one walk along the taken spans finds any overlap.
            while next_taken < len(taken) and taken[next_taken][1] <= start:
                next_taken += 1
            if next_taken < len(taken) and taken[next_taken][0] < end:
                continue
            new.append((start, end))
            found.append((start, kind, value))
        taken = sorted(taken + new)
    return [(kind, value) for _, kind, value in sorted(found)]


def _message(story: Story, kind: str, value: str, metadata: tuple[str, str] | None = None) -> str:
    """The message for one detail; ``metadata`` is ``(file name, where in the file)`` for media tags."""
    attribution = story.storyteller.attribution
    anonymous = attribution in ("anonymous", "pseudonym")
    if metadata is not None:
        name, where = metadata
        found = f'the file "{name}" holds what looks like {kind} ("{value}") in its metadata ({where})'
        if anonymous:
            return f"{found}; remove it with an audio tag or image editor, since it could identify the storyteller."
        return f"{found}; check that the storyteller agreed to share it, or remove it."
    if anonymous:
        who = "anonymous" if attribution == "anonymous" else "pseudonymous"
        return (f'this {who} story contains what looks like {kind} ("{value}"); remove it, since it could '
                "identify the storyteller.")
    return (f'this story contains what looks like {kind} ("{value}"); check that the storyteller agreed to '
            "share it, or remove it.")


def _report(story: Story, path: str, line: int, field: str, text: str,
            metadata: tuple[str, str] | None = None) -> Iterator[Problem]:
    make = error if story.storyteller.attribution in ("anonymous", "pseudonym") else warning
    for kind, value in find_personal_data(text):
        yield make(path, line, field, _message(story, kind, value, metadata))


def _texts(value: object, loc: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], str]]:
    """``(location, text)`` for every text in a model's data, nested fields and lists included."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, part in value.items():
            yield from _texts(part, (*loc, key))
    elif isinstance(value, list):
        for index, part in enumerate(value):
            yield from _texts(part, (*loc, index))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    return enumerate(text.split("\n"), start=1)


def personal_data(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Contact details and addresses anywhere a story publishes them: every front-matter field
    (alt text and media file names included), the body, the transcript, the captions and the
    metadata of its media files. Errors when anonymous or pseudonymous, else warnings."""
    for story in c.stories.values():
        path = story.source_path
        for loc, text in _texts(story.model_dump(mode="python", exclude_none=True)):
            # A folded summary is one value in the model; search it as one text.
            yield from _report(story, path, story.line_of(*loc), field_name(loc), text)
        for number, line in _lines(story.body):
            yield from _report(story, path, story._body_line + number - 1, "body", line)
        media = story.media
        if media is None:
            continue
        for key, text in (("transcript", story.transcript), ("captions", story.captions)):
            if text is None:
                continue
            for number, line in _lines(text):
                yield from _report(story, story.media_path(getattr(media, key)), number, key, line)
        for key in ("file", "poster"):
            name = getattr(media, key)
            source = c.root / story.media_path(name) if name else None
            if source is None or not source.is_file():
                continue
            for where, text in embedded_texts(source):
                yield from _report(story, path, story.line_of("media", key), f"media.{key}", text, (name, where))


def image_limits(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Story images must be readable, under 10 MB and at most 6000 pixels on a side."""
    for story in c.stories.values():
        if story.media is None:
            continue
        base = PurePosixPath(story.source_path).parent
        for key in ("file", "poster"):
            name = getattr(story.media, key)
            if not name or not is_image(name):
                continue
            source = c.root / base / name
            if not source.is_file():
                continue  # checks.story_media says the file is missing
            line, field = story.line_of("media", key), f"media.{key}"
            try:
                facts = read_facts(source)
            except TooManyPixels:
                yield error(story.source_path, line, field,
                            f'the image "{name}" has more than {2 * Image.MAX_IMAGE_PIXELS // 1_000_000} million '
                            f"pixels, but images may be at most {MAX_IMAGE_SIDE} pixels on a side; save a smaller "
                            "copy (2000 pixels on the longest side is plenty for the web) and use that.")
                continue
            except Exception as exc:  # Pillow raises several kinds for a damaged or disguised file
                yield error(story.source_path, line, field,
                            f'"{name}" cannot be read as an image ({type(exc).__name__}); open it in an image '
                            "editor and save it again as a JPEG or PNG.")
                continue
            if facts.bytes > MAX_IMAGE_BYTES:
                yield error(story.source_path, line, field,
                            f'the image "{name}" is {facts.bytes / 1_000_000:.1f} MB, but images must be under '
                            f"{MAX_IMAGE_BYTES // 1_000_000} MB; save a smaller copy (2000 pixels on the longest "
                            "side is plenty for the web) and use that.")
            if max(facts.width, facts.height) > MAX_IMAGE_SIDE:
                yield error(story.source_path, line, field,
                            f'the image "{name}" is {facts.width} × {facts.height} pixels, but images may be at '
                            f"most {MAX_IMAGE_SIDE} pixels on a side; save a smaller copy (2000 pixels on the "
                            "longest side is plenty for the web) and use that.")
            elif facts.frames > MAX_FRAMES:
                yield error(story.source_path, line, field,
                            f'the animation "{name}" has {facts.frames} frames, but animations may have at most '
                            f"{MAX_FRAMES}; shorten it, or tell the story as a film with captions instead.")
            elif facts.width * facts.height * facts.frames > MAX_TOTAL_PIXELS:
                yield error(story.source_path, line, field,
                            f'the animation "{name}" has {facts.frames} frames of {facts.width} × {facts.height} '
                            f"pixels ({facts.width * facts.height * facts.frames / 1_000_000:.0f} million pixels in "
                            f"all), but an animation may have at most {MAX_TOTAL_PIXELS // 1_000_000} million; make "
                            "it smaller or shorter.")
