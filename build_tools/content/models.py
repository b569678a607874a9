"""Content models: the single place where every field of every content type is declared.

Each model mirrors one kind of file an editor writes:

* ``courses/<id>.yml``                  -> :class:`Course`
* ``courses/_terms.yml``                -> :class:`TermList` of :class:`Term`
* ``courses/_venues.yml``               -> :class:`VenueList` of :class:`Venue`
* ``courses/_categories.yml``           -> :class:`CategoryList` of :class:`Category`
* ``stories/<slug>.md`` front matter    -> :class:`Story`
* ``content/briefings/<nn>-<slug>.md``  -> :class:`Briefing`
* ``content/resources/<id>.yml``        -> :class:`Resource`

Rules that involve a single field or a single file live here; rules across files and
collections (references, dates inside terms, co-delivery) live in ``checks.py``.
Error messages raised here are written for editors: what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)
from pydantic_core import PydanticCustomError

from build_tools.content.settings import DETENTION_NOTE

# ---------------------------------------------------------------------------
# Field types with editor-friendly parsing
# ---------------------------------------------------------------------------

KEBAB_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _plain(message: str, **context: Any) -> PydanticCustomError:
    """An error whose message is already plain English for editors."""
    return PydanticCustomError("plain", message, context)


def _parse_date(value: Any) -> Any:
    # YAML turns 2027-01-14 into a date already; quoted dates arrive as text.
    if isinstance(value, dt.datetime):
        raise _plain(
            "{value} has a time in it; write only the date, as YYYY-MM-DD, for example 2027-01-14.",
            value=str(value),
        )
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _plain("this is empty; write the date as YYYY-MM-DD, for example 2027-01-14.")
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _plain(
                '"{value}" is not a real date (check the month and day); write it as YYYY-MM-DD, '
                "for example 2027-01-14.",
                value=value,
            ) from None
    raise _plain(
        '"{value}" is not a date; write it as YYYY-MM-DD, for example 2027-01-14.', value=str(value)
    )


def _parse_clock(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    text = str(value).strip()
    match = _CLOCK.match(text) if isinstance(value, str) else None
    if not match:
        raise _plain(
            '"{value}" is not a time; write it in 24-hour form as HH:MM, for example 14:30.',
            value=text,
        )
    return dt.time(int(match.group(1)), int(match.group(2)))


def _parse_kebab(value: Any) -> Any:
    if isinstance(value, str) and KEBAB_ID.match(value):
        return value
    raise _plain(
        '"{value}" is not a valid id; use lower-case letters, digits and hyphens only, '
        "for example managing-anxiety.",
        value=str(value),
    )


def _parse_url(value: Any) -> Any:
    if isinstance(value, str):
        _refuse_controls(value.strip(), multiline=False)
    if isinstance(value, str) and _URL.match(value.strip()):
        return value.strip()
    raise _plain(
        '"{value}" is not a web address; write it in full, starting with https://',
        value=str(value),
    )


def _parse_email(value: Any) -> Any:
    if isinstance(value, str):
        _refuse_controls(value.strip(), multiline=False)
    if isinstance(value, str) and value.strip().lower().startswith("mailto:"):
        address = value.strip()[len("mailto:"):].strip()
        raise _plain(
            '"{value}" starts with mailto:, which the site adds itself; write the address alone: {address}.',
            value=value.strip(), address=address,
        )
    if isinstance(value, str) and _EMAIL.match(value.strip()):
        return value.strip()
    raise _plain(
        '"{value}" is not an e-mail address; write it like courses@example.org.', value=str(value)
    )


_CURLY_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019"}


def _wrapped_in_curly_quotes(text: str) -> bool:
    """“Hope” or ‘Hope’ as a whole value; not “Hope” and “Fear”, nor an apostrophe inside ‘Marian’s’."""
    closing = _CURLY_PAIRS.get(text[:1])
    if closing is None or len(text) < 2 or not text.endswith(closing):
        return False
    inner = text[1:-1]
    return text[0] not in inner and (closing not in inner or text[0] == "\u2018")


def _parse_text(value: Any) -> Any:
    # Editors often write a bare number or yes/no where text is wanted; say so plainly.
    if isinstance(value, str):
        if not value.strip():
            raise _plain("this is empty; write some text here.")
        text = value.strip()
        if _wrapped_in_curly_quotes(text):
            # Word processors turn "straight" quotes into curly ones, which YAML keeps as text.
            raise _plain(
                "{value} is wrapped in curly quotes, which YAML does not treat as quotes, so they would be "
                'published; use straight quotes (") around the whole value, or none: "{inner}".',
                value=text, inner=text[1:-1],
            )
        return text
    if value is None:
        raise _plain("this is empty; write some text here.")
    if isinstance(value, (list, dict)):
        raise _plain("expected a single piece of text here, not a list or a block of fields.")
    raise _plain(
        'expected text, but YAML read {value} as a {kind}; put it in quotes: "{value}".',
        value=str(value),
        kind=type(value).__name__.replace("bool", "yes/no value").replace("int", "number"),
    )


_TAG = re.compile(r"<(/?[A-Za-z!?][\w-]*)")
# Characters no editor means to type, which change how a text is parsed or shown: C0 controls
# (tab and line feed are allowed only where a text may run over several lines), DEL, C1
# controls, the Unicode line and paragraph separators, and the bidirectional embeddings,
# overrides and isolates that make text display in another order than it is stored.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ONE_LINE_CONTROL = re.compile("[\t\n]")
CONTROL_MESSAGE = ("this holds an invisible control character (U+{code}), which can change how the text is read "
                   "or shown; delete it (retype the words around it if you cannot see it).")


def _refuse_controls(text: str, *, multiline: bool) -> str:
    """``text``, or the one error for an invisible control character in it."""
    found = CONTROL_CHARACTER.search(text)
    if found is None and not multiline:
        found = _ONE_LINE_CONTROL.search(text)
        if found is not None and found.group() == "\n":
            raise _plain("this must fit on one line, but it runs over several; join the lines into one.")
    if found is not None:
        raise _plain(CONTROL_MESSAGE, code=f"{ord(found.group()):04X}")
    return text


def _plain_text(value: Any, *, multiline: bool) -> Any:
    text = _refuse_controls(_parse_text(value), multiline=multiline)
    tag = _TAG.search(text)
    if tag:
        raise _plain(
            "this is plain text, so HTML such as \"{snippet}\" would be shown as typed; remove it "
            "(formatting is only for descriptions and story text).",
            snippet=f"<{tag.group(1)}>",
        )
    return text


def _parse_plain_text(value: Any) -> Any:
    return _plain_text(value, multiline=True)


def _parse_one_line(value: Any) -> Any:
    return _plain_text(value, multiline=False)


def _parse_markdown_text(value: Any) -> Any:
    # Markdown may hold HTML (checked later by the Markdown rules), never control characters.
    return _refuse_controls(_parse_text(value), multiline=True)


# Marks text still to be written in files made by `python -m build_tools new` (see checks.placeholders).
PLACEHOLDER = "FILL IN:"
_PHONE_NUMBER = re.compile(r"^[^(,;]*")
_LETTER = re.compile(r"[^\W\d_]")


def _parse_phone(value: Any) -> Any:
    text = _parse_one_line(value)
    if text.startswith(PLACEHOLDER):
        return text  # a template's text still to replace: reported as such once published
    if text.lower().startswith("tel:"):
        raise _plain(
            '"{value}" starts with tel:, which the site adds itself; write the number alone: "{number}".',
            value=text, number=text[4:].strip(),
        )
    number = _PHONE_NUMBER.match(text).group(0)  # type: ignore[union-attr] - always matches
    letter = _LETTER.search(number)
    if letter:
        raise _plain(
            '"{value}" has the letter "{letter}" in the number; a phone number has only digits and spaces '
            "(check for a letter O typed for a zero). Put opening hours in brackets after the number, "
            'for example "01632 960412 (Monday to Friday, 9am to 5pm)".',
            value=text, letter=letter.group(0),
        )
    return text


def _parse_flag(value: Any) -> Any:
    # Only true and false (YAML 1.2); "yes", "no", "on" and 1 would pass pydantic's lax parsing.
    if isinstance(value, bool):
        return value
    if value is None:
        raise _plain("this is empty; write true or false.")
    raise _plain('"{value}" is not true or false; write true or false.', value=str(value))


def _parse_relative_path(value: Any) -> Any:
    text = _refuse_controls(_parse_text(value), multiline=False)
    if text.startswith("/") or "\\" in text or ".." in text.split("/"):
        raise _plain(
            '"{value}" must be a path relative to this file\'s folder, using forward slashes '
            "and no '..'; for example media/river-walk.jpg.",
            value=text,
        )
    return text


def _parse_link(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return _parse_url(value)
    return _parse_relative_path(value)


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
ClockTime = Annotated[dt.time, BeforeValidator(_parse_clock)]
Id = Annotated[str, BeforeValidator(_parse_kebab)]
Url = Annotated[str, BeforeValidator(_parse_url)]
Email = Annotated[str, BeforeValidator(_parse_email)]
# Plain text: no HTML, no control characters; ShortText and Summary also on one line.
Text = Annotated[str, BeforeValidator(_parse_plain_text)]
MarkdownText = Annotated[str, BeforeValidator(_parse_markdown_text)]
RelativePath = Annotated[str, BeforeValidator(_parse_relative_path)]
Link = Annotated[str, BeforeValidator(_parse_link)]
ShortText = Annotated[str, BeforeValidator(_parse_one_line), Field(max_length=160)]
Summary = Annotated[str, BeforeValidator(_parse_one_line), Field(max_length=400)]
Phone = Annotated[str, BeforeValidator(_parse_phone), Field(max_length=160)]
Flag = Annotated[bool, BeforeValidator(_parse_flag)]


class ContentModel(BaseModel):
    """Base for every model: unknown fields are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class FileBacked(ContentModel):
    """A model read from a file of its own; its id is the file name without extension."""

    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")
    _body: str = PrivateAttr(default="")
    _body_line: int = PrivateAttr(default=1)
    # yaml_lines.LineMap of the file, so cross-file checks can point at a line.
    _lines: Any = PrivateAttr(default=None)

    @property
    def id(self) -> str:
        return self._id

    @property
    def source_path(self) -> str:
        """Path of the file this came from, relative to the repository root."""
        return self._path

    @property
    def body(self) -> str:
        """Markdown after the front matter (empty for YAML files)."""
        return self._body

    def line_of(self, *loc: Any) -> int:
        """Line in the source file of the value at ``loc`` (e.g. ``"runs", 0, "term"``)."""
        return self._lines.line_of(loc) if self._lines is not None else 1


# ---------------------------------------------------------------------------
# Shared course data: terms, venues, categories
# ---------------------------------------------------------------------------


class Term(ContentModel):
    """A teaching term, e.g. Spring term 2027."""

    id: Id = Field(description="Short id used by courses, e.g. spring-2027.")
    name: ShortText = Field(description="Name shown to readers, e.g. Spring term 2027.")
    start: Date = Field(description="First day of the term, YYYY-MM-DD.")
    end: Date = Field(description="Last day of the term, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Term:
        if self.end < self.start:
            raise _plain(
                "the term ends ({end}) before it starts ({start}); check both dates.",
                at="end",
                end=str(self.end),
                start=str(self.start),
            )
        return self


class Venue(ContentModel):
    """A place where courses run, with the access details readers need before travelling."""

    id: Id = Field(description="Short id used by course runs, e.g. harbour-library.")
    name: ShortText = Field(description="Name of the venue.")
    address: list[Text] = Field(min_length=1, description="Address lines, one per line, without the postcode.")
    postcode: ShortText = Field(description="Postcode.")
    locality: ShortText = Field(description="Town or area, used to filter courses by place.")
    step_free_access: Flag = Field(description="true if every room used can be reached without steps.")
    hearing_loop: Flag = Field(description="true if the teaching room has a hearing loop.")
    accessible_toilet: Flag = Field(description="true if there is an accessible toilet.")
    quiet_room: Flag = Field(description="true if there is a quiet room to take a break in.")
    non_clinical: Flag = Field(description="true for community venues (libraries, centres), false for hospital or clinic sites.")
    travel: Text | None = Field(default=None, description="How to get there: buses, parking, walking.")
    access_notes: Text | None = Field(default=None, description="Anything else about access, e.g. lift size, seating.")


class Category(ContentModel):
    """A group of courses in the prospectus, e.g. Living well."""

    id: Id = Field(description="Short id used by courses, e.g. living-well.")
    name: ShortText = Field(description="Name shown to readers.")
    description: Text = Field(description="One or two sentences about the courses in this group.")


class TermList(ContentModel):
    terms: list[Term] = Field(min_length=1)


class VenueList(ContentModel):
    venues: list[Venue] = Field(min_length=1)


class CategoryList(ContentModel):
    categories: list[Category] = Field(min_length=1)


# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------

CourseStatus = Literal["draft", "open", "full", "cancelled", "archived"]
CourseFormat = Literal["course", "workshop", "ward-session", "drop-in", "online-course"]
Expertise = Literal["lived-experience", "carer", "professional"]
Audience = Literal["everyone", "people-using-services", "carers-and-supporters", "staff"]

AUDIENCE_LABELS: dict[str, str] = {
    "everyone": "Everyone",
    "people-using-services": "People who use services",
    "carers-and-supporters": "Carers and supporters",
    "staff": "Staff",
}
EXPERTISE_LABELS: dict[str, str] = {
    "lived-experience": "Lived experience",
    "carer": "Carer experience",
    "professional": "Professional experience",
}
FORMAT_LABELS: dict[str, str] = {
    "course": "Course",
    "workshop": "Workshop",
    "ward-session": "Ward session",
    "drop-in": "Drop-in",
    "online-course": "Online course",
}


class Facilitator(ContentModel):
    """A trainer who co-delivers a course; credited by name and role."""

    name: ShortText = Field(description="Name as it should be printed.")
    role: ShortText = Field(description="Role, e.g. Peer trainer, Occupational therapist.")
    expertise: Expertise = Field(description="lived-experience, carer or professional.")


class WhoCanAttend(ContentModel):
    open_to: list[Audience] = Field(min_length=1, description="Who the course is for.")
    eligibility: Text | None = Field(
        default=None, description="Any restriction, e.g. 18 and over, lives in the county. Leave out if none."
    )


class CourseFormatInfo(ContentModel):
    type: CourseFormat = Field(description="course, workshop, ward-session, drop-in or online-course.")
    length: ShortText = Field(description="How long, in words, e.g. Six weekly sessions of two hours.")


class SessionMove(ContentModel):
    """Where a session has moved to: only what changed (a new date, new times, another venue)."""

    date: Date | None = Field(default=None, description="The new date, YYYY-MM-DD; leave out if the day stays.")
    start: ClockTime | None = Field(default=None, description="The new start time, 24-hour HH:MM.")
    end: ClockTime | None = Field(default=None, description="The new end time, 24-hour HH:MM.")
    venue: Id | None = Field(default=None, description="Id of the new venue in courses/_venues.yml, if the place changed.")

    @model_validator(mode="after")
    def _changes_something(self) -> SessionMove:
        if not any((self.date, self.start, self.end, self.venue)):
            raise _plain("say what changed: give the new date:, start:, end: or venue: under moved_to:.")
        return self


@dataclass(frozen=True)
class Slot:
    """A session's date and times as first published (kept when it moves, for "moved from")."""

    date: dt.date
    start: dt.time
    end: dt.time


class Session(ContentModel):
    date: Date = Field(description="YYYY-MM-DD")
    start: ClockTime = Field(description="Start time, 24-hour HH:MM.")
    end: ClockTime = Field(description="End time, 24-hour HH:MM.")
    cancelled: Text | None = Field(
        default=None, max_length=160,
        description="Set when this session is cancelled: the short reason shown to students, e.g. Trainer unwell.")
    moved_to: SessionMove | None = Field(
        default=None, description="Set when this session has moved: the new date, times or venue. Keep date, "
        "start and end as they were, so readers see where it moved from.")
    # The date and times as first published; date, start and end hold the new ones once moved.
    _original: Slot | None = PrivateAttr(default=None)
    # True for sessions made from a run's repeat: pattern (they have no lines of their own).
    _from_pattern: bool = PrivateAttr(default=False)
    # Position under the run's sessions: in the file (for error lines, once a pattern is merged in).
    _listed_at: int = PrivateAttr(default=-1)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Session:
        if self.end <= self.start:
            raise _plain(
                "the session ends at {end}, which is not after it starts at {start}; "
                "check the times (24-hour HH:MM).",
                at="end",
                end=self.end.strftime("%H:%M"),
                start=self.start.strftime("%H:%M"),
            )
        if self.cancelled and self.moved_to:
            raise _plain("a session is either cancelled or moved, not both; keep cancelled: or moved_to:.",
                         at="moved_to")
        move = self.moved_to
        if move is not None:
            original = Slot(self.date, self.start, self.end)
            start, end = move.start or self.start, move.end or self.end
            if end <= start:
                raise _plain(
                    "the moved session would end at {end}, which is not after it starts at {start}; give "
                    "both start: and end: under moved_to: when the times change.",
                    at="moved_to", end=end.strftime("%H:%M"), start=start.strftime("%H:%M"))
            self.date, self.start, self.end = move.date or self.date, start, end
            self._original = original
        return self

    @property
    def original(self) -> Slot:
        """The date and times as first published (the same as now unless the session moved)."""
        return self._original or Slot(self.date, self.start, self.end)

    @property
    def is_moved(self) -> bool:
        return self._original is not None

    @property
    def from_pattern(self) -> bool:
        return self._from_pattern

    @property
    def listed_at(self) -> int:
        return self._listed_at


RunStatus = Literal["open", "full", "cancelled"]
RepeatEvery = Literal["week", "fortnight"]
REPEAT_STEPS: dict[str, int] = {"week": 7, "fortnight": 14}


class WaitingList(ContentModel):
    """A waiting list for a full run."""

    how_to_join: Text = Field(
        max_length=160,
        description="How to join it, in a few words, e.g. phone 01632 960 210 or e-mail courses@example.org.")


class Repeat(ContentModel):
    """Sessions that repeat weekly or fortnightly, written once instead of copied out."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    every: RepeatEvery = Field(description="week or fortnight.")
    first: Date = Field(alias="from", description="Date of the first session, YYYY-MM-DD.")
    sessions: int = Field(ge=1, le=52, description="How many sessions in all (skipped dates do not count).")
    start: ClockTime = Field(description="Start time of every session, 24-hour HH:MM.")
    end: ClockTime = Field(description="End time of every session, 24-hour HH:MM.")
    skip: list[Date] = Field(default_factory=list, description="Dates with no session (half term, bank holidays).")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Repeat:
        if self.end <= self.start:
            raise _plain("the sessions end at {end}, which is not after they start at {start}; check the times "
                         "(24-hour HH:MM).", at="end", end=self.end.strftime("%H:%M"),
                         start=self.start.strftime("%H:%M"))
        return self

    def reached(self) -> list[dt.date]:
        """Every date the pattern steps on, skipped ones included, up to its last session."""
        step = dt.timedelta(days=REPEAT_STEPS[self.every])
        skipped, found, day, held = set(self.skip), [], self.first, 0
        # Bounded: each step either holds a session (at most 52) or passes a listed skip date.
        while held < self.sessions and len(found) <= self.sessions + len(skipped):
            found.append(day)
            held += day not in skipped
            day += step
        return found

    def dates(self) -> list[dt.date]:
        """The dates of the sessions."""
        skipped = set(self.skip)
        return [day for day in self.reached() if day not in skipped]


def _is_empty(value: Any) -> bool:
    """Nothing written: an empty list or mapping, or a mapping whose every value is empty."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    return isinstance(value, dict) and all(_is_empty(v) for v in value.values())


class Run(ContentModel):
    """One run of a course in a term: where and when its sessions take place."""

    term: Id = Field(description="Id of a term in courses/_terms.yml.")
    venue: Id | None = Field(default=None, description="Id of a venue in courses/_venues.yml; leave out if online only.")
    online: Flag = Field(default=False, description="true if the run is online (or hybrid, with a venue too).")
    status: RunStatus | None = Field(
        default=None, description="open, full or cancelled: this run only. Leave out to follow the course's status.")
    waiting_list: WaitingList | None = Field(
        default=None, description="For a full run with a waiting list: how to join it.")
    class_size: int | None = Field(default=None, ge=1, le=200, description="Most students in this run, if not the course's class_size.")
    facilitators: list[Facilitator] | None = Field(
        default=None, min_length=1, description="Who co-delivers this run, if not the course's facilitators.")
    note: Text | None = Field(
        default=None, max_length=160,
        description="A short note about this run, e.g. This run is for carers, or Hybrid: join in the room or online.")
    repeat: Repeat | None = Field(
        default=None, description="Sessions on a weekly or fortnightly pattern, instead of listing each one.")
    sessions: list[Session] = Field(
        default_factory=list,
        description="Every session, with date, start and end. With repeat:, only the sessions that differ "
        "(cancelled or moved, listed by their pattern date) or are extra.")

    @model_validator(mode="before")
    @classmethod
    def _empty_blocks_are_left_out(cls, data: Any) -> Any:
        # Form editors (the browser editor among them) write an optional block they leave empty as
        # "facilitators: []" or "repeat: {skip: []}": that means the same as leaving it out.
        if isinstance(data, dict):
            data = {key: value for key, value in data.items()
                    if not (key in ("facilitators", "repeat", "waiting_list") and _is_empty(value))}
        return data

    @model_validator(mode="after")
    def _has_a_place(self) -> Run:
        if self.venue is None and not self.online:
            raise _plain(
                "a run needs somewhere to happen: add venue: <venue id>, or online: true, or both "
                "for a hybrid run."
            )
        if not self.sessions and self.repeat is None:
            raise _plain("a run needs its dates: list them under sessions:, or give a repeat: pattern.",
                         at="sessions")
        if self.waiting_list is not None and self.status in ("open", "cancelled"):
            raise _plain("this run is {status}, so it has no waiting list; set status: full, or remove "
                         "waiting_list:.", at="waiting_list", status=self.status)
        for index, session in enumerate(self.sessions):
            session._listed_at = index
        if self.repeat is not None:
            self.sessions = self._expanded(self.repeat)
        return self

    def _expanded(self, repeat: Repeat) -> list[Session]:
        # Sessions listed beside a pattern replace the pattern's session of the same (first) date.
        listed = {s.original.date: s for s in self.sessions}
        made = []
        for day in repeat.dates():
            if day in listed:
                made.append(listed.pop(day))
                continue
            session = Session(date=day, start=repeat.start, end=repeat.end)
            session._from_pattern = True
            made.append(session)
        return sorted(made + list(listed.values()), key=lambda s: (s.original.date, s.original.start))

    @property
    def mode(self) -> str:
        if self.venue and self.online:
            return "hybrid"
        return "online" if self.online else "in-person"


class Enrolment(ContentModel):
    """How to enrol. Not everyone is online, so at least one non-digital route is expected."""

    online: Url | None = Field(default=None, description="Web address of the enrolment form.")
    email: Email | None = Field(default=None, description="E-mail address for enrolment.")
    phone: Phone | None = Field(
        default=None, description="Phone number (digits and spaces), with opening hours in brackets after it if useful."
    )
    in_person: Text | None = Field(default=None, description="Where and when to enrol in person.")
    post: Text | None = Field(default=None, description="Postal address for a paper form.")

    @model_validator(mode="after")
    def _has_a_route(self) -> Enrolment:
        if not any((self.online, self.email, self.phone, self.in_person, self.post)):
            raise _plain("give at least one way to enrol: online, email, phone, in_person or post.")
        return self


class Alias(ContentModel):
    """An earlier name or address of a course, kept so old links and searches still work."""

    slug: Id = Field(description="The old address, e.g. engaging-in-life for /courses/engaging-in-life/.")
    title: ShortText | None = Field(default=None, description="The old title, if the name changed.")


class Course(FileBacked):
    """A course, workshop or session in the prospectus: ``courses/<id>.yml``."""

    title: ShortText = Field(description="Course title.")
    summary: Summary = Field(description="One or two plain-English sentences for listings and print.")
    description: MarkdownText = Field(description="Longer description; Markdown allowed.")
    category: Id = Field(description="Id of a category in courses/_categories.yml.")
    learning_outcomes: list[Text] = Field(
        min_length=2, max_length=6, description="Between 2 and 6 things students will be able to do."
    )
    who_can_attend: WhoCanAttend
    format: CourseFormatInfo
    facilitators: list[Facilitator] = Field(min_length=1, description="Everyone who co-delivers the course.")
    runs: list[Run] = Field(default_factory=list, description="Each run of the course, by term.")
    class_size: int = Field(ge=1, le=200, description="Most students per run.")
    cost: ShortText = Field(default="Free", description="Usually Free.")
    enrol: Enrolment
    access: Text | None = Field(default=None, description="Access information beyond the venue's, e.g. captions online.")
    status: CourseStatus = Field(
        description="The course as a whole: draft, open, full (every run), cancelled or archived. A run's own "
        "status: (open, full, cancelled) says more about that run; a cancelled or archived course keeps its page.")
    prerequisites: list[Id] = Field(default_factory=list, description="Ids of courses to take first.")
    next_steps: list[Id] = Field(default_factory=list, description="Ids of courses that follow on.")
    aliases: list[Alias] = Field(default_factory=list, description="Earlier names and addresses.")

    @property
    def is_public(self) -> bool:
        """Shown on the website: open or full courses. Drafts, cancelled and archived are not."""
        return self.status in ("open", "full")

    @property
    def is_bookable(self) -> bool:
        return self.status == "open" and self.format.type != "ward-session"

    @property
    def is_retired(self) -> bool:
        """Cancelled or archived: the page stays (printed QR codes lead there) but lists no dates."""
        return self.status in ("cancelled", "archived")

    def run_status(self, run: Run) -> RunStatus:
        """What a run's status really is: the course's status wins when it covers every run
        (full, cancelled, archived); otherwise the run's own status, or open."""
        if self.status in ("cancelled", "archived") or run.status == "cancelled":
            return "cancelled"
        if self.status == "full":
            return "full"
        return run.status or "open"

    def class_size_of(self, run: Run) -> int:
        return run.class_size or self.class_size

    def facilitators_of(self, run: Run) -> list[Facilitator]:
        return run.facilitators or self.facilitators

    @property
    def sessions(self) -> list[tuple[Run, Session]]:
        return sorted(
            ((run, s) for run in self.runs for s in run.sessions), key=lambda rs: (rs[1].date, rs[1].start)
        )


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------

Attribution = Literal["named", "first-name", "pseudonym", "anonymous"]
Perspective = Literal["lived-experience", "carer", "practitioner", "peer-worker"]
StoryFormat = Literal["written", "video", "audio", "image"]
Scope = Literal["web", "print", "training", "social"]
Theme = Literal["connectedness", "hope", "identity", "meaning", "empowerment"]
ContentNote = Literal[
    "self-harm",
    "suicidal-thoughts",
    "suicide",
    "bereavement",
    "substance-use",
    "eating-difficulties",
    "abuse",
    "violence",
    "trauma",
    "hospital-admission",
    "detention",
    "discrimination",
]

CONTENT_NOTE_LABELS: dict[str, str] = {
    "self-harm": "Self-harm",
    "suicidal-thoughts": "Suicidal thoughts",
    "suicide": "Suicide",
    "bereavement": "Bereavement",
    "substance-use": "Substance use",
    "eating-difficulties": "Eating difficulties",
    "abuse": "Abuse",
    "violence": "Violence",
    "trauma": "Trauma",
    "hospital-admission": "Hospital admission",
    # The law's name differs by nation: the college's settings give it (settings.detention_note).
    "detention": DETENTION_NOTE,
    "discrimination": "Discrimination",
}
THEME_LABELS: dict[str, str] = {t: t.capitalize() for t in Theme.__args__}  # type: ignore[attr-defined]
PERSPECTIVE_LABELS: dict[str, str] = {
    "lived-experience": "Lived experience",
    "carer": "Carer",
    "practitioner": "Practitioner",
    "peer-worker": "Peer worker",
}


class Storyteller(ContentModel):
    """How the storyteller chose to be credited."""

    attribution: Attribution = Field(description="named, first-name, pseudonym or anonymous.")
    name: ShortText | None = Field(
        default=None, description="The name shown: full name, first name or pseudonym. Leave out if anonymous."
    )

    @model_validator(mode="after")
    def _name_matches_attribution(self) -> Storyteller:
        if self.attribution == "anonymous" and self.name:
            raise _plain(
                "the storyteller chose to be anonymous, so no name may be given; remove name:, "
                "or change attribution if they agreed to be named.",
                at="name",
            )
        if self.attribution != "anonymous" and not self.name:
            raise _plain(
                "attribution is {attribution}, so the name to show is needed; add name: under storyteller:.",
                attribution=self.attribution,
            )
        # A first name may be more than one word (Anne Marie): names are people's own, so it is not checked.
        return self

    @property
    def display_name(self) -> str:
        return self.name or "Anonymous"


class Media(ContentModel):
    """The film, recording or picture a story is told in, with its accessible alternatives."""

    file: RelativePath | None = Field(default=None, description="A file beside the story, e.g. media/harbour.jpg.")
    url: Url | None = Field(default=None, description="Or a web address of a film on an allow-listed host.")
    captions: RelativePath | None = Field(default=None, description="WebVTT captions file for video, e.g. media/film.vtt.")
    transcript: RelativePath | None = Field(default=None, description="Markdown transcript file, e.g. media/film-transcript.md.")
    alt: Text | None = Field(default=None, description="Text alternative for an image: what it shows.")
    poster: RelativePath | None = Field(default=None, description="Still image shown before a film plays.")
    duration: ShortText | None = Field(default=None, description="Length of a film or recording, e.g. 6 minutes.")

    @model_validator(mode="after")
    def _one_source(self) -> Media:
        if self.file and self.url:
            raise _plain("give either file: or url:, not both.")
        if not self.file and not self.url:
            raise _plain("media needs a file: (beside the story) or a url:.")
        return self


class Consent(ContentModel):
    """What the storyteller agreed to, and for how long."""

    given: Date = Field(description="Date consent was given, YYYY-MM-DD.")
    scope: list[Scope] = Field(min_length=1, description="Where the story may appear: web, print, training, social.")
    review_by: Date = Field(description="Date by which consent must be checked again with the storyteller.")
    withdrawn: Date | None = Field(default=None, description="Date consent was withdrawn. The story is then removed everywhere.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Consent:
        if self.review_by <= self.given:
            raise _plain(
                "review_by ({review}) must be after the date consent was given ({given}).",
                at="review_by",
                review=str(self.review_by),
                given=str(self.given),
            )
        if self.withdrawn and self.withdrawn < self.given:
            raise _plain(
                "withdrawn ({withdrawn}) is before consent was given ({given}); check both dates.",
                at="withdrawn",
                withdrawn=str(self.withdrawn),
                given=str(self.given),
            )
        return self


class Story(FileBacked):
    """A recovery story: front matter of ``stories/<slug>.md``; the body is the storyteller's words."""

    title: ShortText
    summary: Summary
    storyteller: Storyteller
    perspective: Perspective = Field(description="lived-experience, carer, practitioner or peer-worker.")
    format: StoryFormat = Field(description="written, video, audio or image.")
    media: Media | None = Field(default=None, description="Needed for video, audio and image stories.")
    themes: list[Theme] = Field(default_factory=list, description="CHIME themes: connectedness, hope, identity, meaning, empowerment.")
    content_notes: list[ContentNote] = Field(default_factory=list, description="Topics readers should know about before reading.")
    consent: Consent
    published: Date = Field(description="Date the story is (or was) first published, YYYY-MM-DD.")
    status: Literal["draft", "published"] = Field(
        default="published",
        description="draft while the story is being written (it is checked only for mistakes that make it "
        "unreadable, and never published); published (the default) once it is ready.",
    )
    # The transcript's Markdown and the captions' WebVTT, read once by the loader (``load.py``).
    _transcript: str | None = PrivateAttr(default=None)
    _captions: str | None = PrivateAttr(default=None)

    @property
    def transcript(self) -> str | None:
        """The text of ``media.transcript`` (Unix line endings), or ``None`` without a readable one."""
        return self._transcript

    @property
    def captions(self) -> str | None:
        """The text of ``media.captions`` (Unix line endings), or ``None`` without a readable one."""
        return self._captions

    def media_path(self, name: str) -> str:
        """A file named in ``media:``, relative to the repository root (it sits beside the story)."""
        return (PurePosixPath(self.source_path).parent / name).as_posix()

    @model_validator(mode="after")
    def _media_fits_format(self) -> Story:
        if self.format != "written" and self.media is None:
            raise _plain(
                "a {format} story needs a media: block with the file or url, and its transcript, "
                "captions or alt text.",
                at="format",
                format=self.format,
            )
        if self.published < self.consent.given:
            raise _plain(
                "published ({published}) is before consent was given ({given}); a story cannot be "
                "published before the storyteller agrees.",
                at="published",
                published=str(self.published),
                given=str(self.consent.given),
            )
        return self


# ---------------------------------------------------------------------------
# Front matter that MkDocs and Material read from hand-written pages (briefing papers too)
# ---------------------------------------------------------------------------

# Templates of theme/ that lay out a hand-written page from its own text; the others need a
# course, story or listing that only generated pages have.
PageTemplate = Literal["main.html", "home.html", "crisis-support.html"]
# Material's page status marks, shown beside the page in the navigation.
PageStatus = Literal["new", "deprecated"]
# A Material icon name: a set (material, fontawesome/<style>, octicons, simple) and an icon, in
# lower case with hyphens. Never a path: Material reads the icon's file by this name.
_ICON = re.compile(r"^(?:material|octicons|simple|fontawesome/(?:brands|regular|solid))/[a-z0-9]+(?:-[a-z0-9]+)*$")


def _parse_icon(value: Any) -> Any:
    if isinstance(value, str) and _ICON.match(value.strip()):
        return value.strip()
    raise _plain(
        '"{value}" is not an icon name; write a Material icon name such as material/heart-outline '
        "(see the icon search in Material for MkDocs' documentation), or leave icon: out.",
        value=str(value),
    )


IconName = Annotated[str, BeforeValidator(_parse_icon)]


# ---------------------------------------------------------------------------
# Briefing papers
# ---------------------------------------------------------------------------


class Briefing(FileBacked):
    """A numbered briefing paper: front matter of ``content/briefings/<nn>-<slug>.md``."""

    number: int = Field(ge=1, le=999, description="Paper number; must match the start of the file name.")
    title: ShortText
    subtitle: Text | None = None
    authors: list[ShortText] = Field(min_length=1, description="People or a team, as they should be cited.")
    year: int = Field(ge=1990, le=2100)
    month: int | None = Field(default=None, ge=1, le=12, description="Month of publication, 1-12, where known.")
    funder: ShortText | None = None
    publisher: ShortText | None = Field(default=None, description="Who published it, e.g. ImROC; shown in the citation.")
    url: Url | None = Field(default=None, description="Web page about the paper, if it has one besides the PDF.")
    summary: Summary
    audience: list[ShortText] = Field(default_factory=list)
    key_concepts: list[ShortText] = Field(default_factory=list)
    related: list[int] = Field(default_factory=list, description="Numbers of related papers.")
    pdf: Link | None = Field(default=None, description="The paper as a PDF: a file beside it or a web address.")
    status: Literal["draft", "planned", "published"] = Field(
        default="published",
        description="published (the default); planned (listed as coming soon); or draft while the page is "
        "being written (checked only for mistakes that make it unreadable, and not published).",
    )
    acknowledgements: Text | None = None
    # MkDocs reads these keys from every page's front matter, so they are allowed here too.
    template: PageTemplate | None = Field(default=None, description="Leave out: set by the site.")

    @model_validator(mode="after")
    def _published_has_pdf(self) -> Briefing:
        if self.status == "published" and not (self.pdf or self.url):
            raise _plain(
                "a published paper needs pdf: (a file beside it or a web address of the PDF) or url: (its web "
                "page); or set status: planned.",
                at="status",
            )
        return self

    @property
    def citation(self) -> str:
        when = f"{self.year}"
        if self.month:
            when = f"{dt.date(self.year, self.month, 1):%B} {self.year}"
        subtitle = f": {self.subtitle}" if self.subtitle else ""
        publisher = f" {self.publisher}." if self.publisher else ""
        return f"{_join_names(self.authors)} ({when}). {self.number}. {self.title}{subtitle}.{publisher}"


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------------------
# Resource library
# ---------------------------------------------------------------------------

ResourceType = Literal[
    "guide", "toolkit", "leaflet", "film", "podcast", "webinar", "tool", "directory-entry", "link", "report"
]
AlternativeFormat = Literal["easy-read", "bsl", "large-print", "audio"]
FiveWays = Literal["connect", "be-active", "take-notice", "keep-learning", "give"]

RESOURCE_TYPE_LABELS: dict[str, str] = {
    "guide": "Guide",
    "toolkit": "Toolkit",
    "leaflet": "Leaflet",
    "film": "Film",
    "podcast": "Podcast",
    "webinar": "Webinar",
    "tool": "Tool",
    "directory-entry": "Local group",
    "link": "Link",
    "report": "Report",
}
ALTERNATIVE_FORMAT_LABELS: dict[str, str] = {
    "easy-read": "Easy read",
    "bsl": "British Sign Language",
    "large-print": "Large print",
    "audio": "Audio",
}


class Resource(FileBacked):
    """An item in the resource library: ``content/resources/<id>.yml``."""

    title: ShortText
    type: ResourceType
    summary: Summary
    topics: list[ShortText] = Field(min_length=1)
    audience: list[Audience] = Field(min_length=1)
    alternative_formats: list[AlternativeFormat] = Field(default_factory=list)
    url: Url | None = None
    file: RelativePath | None = None
    produced_by: ShortText
    co_produced_with: list[ShortText] = Field(default_factory=list)
    locality: ShortText | None = Field(default=None, description="For local groups: the town or area served.")
    five_ways: list[FiveWays] = Field(default_factory=list, description="Five Ways to Wellbeing this supports.")
    review_by: Date = Field(description="Date to check the resource is still accurate.")
    sensitive: Flag = Field(default=False, description="true if it covers distressing topics.")
    sensitive_note: Text | None = Field(default=None, description="What readers should know first, if sensitive.")
    status: Literal["draft", "published"] = Field(
        default="published",
        description="draft while it is being written (checked only for mistakes that make it unreadable, and "
        "not published); published (the default) once it is ready.",
    )

    @model_validator(mode="after")
    def _one_location(self) -> Resource:
        if bool(self.url) == bool(self.file):
            raise _plain("give exactly one of url: (a web address) or file: (a file beside this one).")
        if self.sensitive_note and not self.sensitive:
            raise _plain(
                "sensitive_note is set but sensitive is not true; set sensitive: true or remove the note.",
                at="sensitive_note",
            )
        return self


# ---------------------------------------------------------------------------
# Hand-written pages
# ---------------------------------------------------------------------------


class Page(FileBacked):
    """Front matter allowed on hand-written pages under ``content/``."""

    title: ShortText | None = None
    description: Summary | None = None
    template: PageTemplate | None = Field(
        default=None, description="Page layout: main.html (the default), home.html (the home page's) or crisis-support.html (lists the crisis lines from mkdocs.yml)."
    )
    subtitle: ShortText | None = None
    icon: IconName | None = Field(default=None, description="A Material icon name, e.g. material/heart-outline.")
    status: PageStatus | None = Field(default=None, description="A mark beside the page in the navigation: new or deprecated.")
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(default_factory=list)
    search: dict[str, bool] | None = None
    printed_editions: bool = Field(default=False, description=(
        "true to end the page with download links to the printed editions (PDF), with their page "
        "counts and sizes, e.g. on the how to enrol page."))

