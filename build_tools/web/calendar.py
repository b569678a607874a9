"""Calendars (.ics) that keep up with changes, in Europe/London time.

Files: ``courses/<id>.ics`` for each course, ``courses/<id>/<term>.ics`` for each run ("add the
spring sessions"; ``<term>-2.ics`` for a second run in the same term) and
``courses/prospectus.ics`` for everything. Each session is one event:

* its UID is made from the course id and the date and start time the session was first
  published with, so it stays the same when the session moves;
* a cancelled session (or every session of a cancelled run or course) stays in the file with
  ``STATUS:CANCELLED``, so subscribed calendars remove it rather than keep a stale copy;
* ``SEQUENCE`` only ever grows: :class:`History` (``courses/calendar-history.json``, written
  beside the calendars and read back from the previous build) remembers a hash of each event's
  content and its sequence. An unchanged event keeps its number; a changed one gets
  ``max(stamp(now), previous + 1)``; an event with no history gets ``stamp(now)``, where
  ``stamp`` counts minutes since 2026-01-01. So a build without history (a fresh checkout)
  never goes below a number an earlier build gave, unless one event changed more than once a
  minute.

Every text written into a calendar goes through :func:`text`, the one iCalendar TEXT encoder,
and every line through :func:`content_line`, which folds it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from icalendar import Calendar, Timezone, vText

from build_tools.content.models import Course, Run
from build_tools.site.published import Site, TimetableEntry
from build_tools.web import labels
from build_tools.web.templating import venue_address

TZID = "Europe/London"
HISTORY_NAME = "courses/calendar-history.json"
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# Characters iCalendar TEXT cannot hold, besides line breaks: C0 controls but tab, DEL, C1
# controls, and the Unicode line and paragraph separators some parsers break lines on.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# RFC 5545 3.1: content lines longer than 75 octets are folded.
LINE_OCTETS = 75


def text(value: str) -> vText:
    """The one iCalendar TEXT encoder: CR, CRLF and LF become one escaped line break (``\\n``),
    other control characters a space; icalendar then escapes backslash, comma and semicolon.
    A bare CR is never written, so no parser can read the rest of a value as a new property."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return vText(_CONTROL.sub(" ", value))


def uid(entry: TimetableEntry, host: str) -> str:
    """Stable identity of a session: same course, first-published day and start time -> same UID."""
    slot = entry.session.original
    return f"{entry.course.id}-{slot.date:%Y%m%d}-{slot.start:%H%M}@{host}"


def location(entry: TimetableEntry) -> str:
    """Venue name and address, ``Online``, or both for a hybrid run."""
    if entry.venue is not None:
        place = venue_address(entry.venue)
        return f"{place} (or online)" if entry.run.online else place
    return "Online"


def stamp(moment: dt.datetime) -> int:
    """Minutes since 2026-01-01 (UTC): the floor of every SEQUENCE a build at ``moment`` gives."""
    return int((moment - EPOCH).total_seconds() // 60)


def build_moment(today: dt.date) -> dt.datetime:
    """The clock time of this build; a build on a fixed date (``RECOVERY_TODAY``) counts from
    that day's midnight, so that tests and reproducible builds give the same numbers."""
    now = dt.datetime.now(dt.UTC)
    return now if now.date() == today else dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)


@dataclass
class History:
    """What the previous build published: each event's content hash and sequence, and the day each
    timetable change was first seen (for the feed's pubDate)."""

    events: dict[str, dict[str, object]] = field(default_factory=dict)
    changes: dict[str, str] = field(default_factory=dict)
    found: bool = False

    @classmethod
    def load(cls, site_dir: Path | None) -> History:
        """The history in a previous build's folder; an empty one when there is none or it is unreadable."""
        path = site_dir / HISTORY_NAME if site_dir is not None else None
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else None
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict):
            return cls()
        events = {k: v for k, v in (data.get("events") or {}).items()
                  if isinstance(v, dict) and isinstance(v.get("sequence"), int) and isinstance(v.get("hash"), str)}
        changes = {k: v for k, v in (data.get("changes") or {}).items() if isinstance(v, str)}
        return cls(events, changes, True)

    def sequence(self, key: str, digest: str, now: dt.datetime) -> int:
        before = self.events.get(key)
        if before is None:
            return stamp(now)
        previous = int(before["sequence"])  # type: ignore[call-overload]
        return previous if before["hash"] == digest else max(stamp(now), previous + 1)

    def first_seen(self, key: str, today: dt.date) -> dt.date:
        seen = self.changes.get(key)
        try:
            return min(dt.date.fromisoformat(seen), today) if seen else today
        except ValueError:
            return today


def _describe(entry: TimetableEntry, page: str) -> str:
    lines = [entry.course.summary]
    change = labels.session_change(entry)
    if change:
        lines.append(change + ".")
    status = labels.run_status(entry.course, entry.run)
    if entry.status == "full":
        lines.append(status + ".")
    if entry.run.note:
        lines.append(entry.run.note)
    lines.append(f"{entry.term.name}. Details and how to enrol: {page}")
    return "\n\n".join(lines)


def content_line(name: str, value: vText | str) -> bytes:
    """One iCalendar content line, folded as RFC 5545 says: at most 75 octets a line, the next
    ones starting with a space, never inside a UTF-8 character. ``value`` is TEXT (from
    :func:`text`) or a value with no character that TEXT would escape (a date, an address)."""
    raw = value.to_ical() if isinstance(value, vText) else _CONTROL.sub(" ", re.sub("[\r\n]", " ", value)).encode()
    line = name.encode("ascii") + b":" + raw
    if len(line) <= LINE_OCTETS:
        return line + b"\r\n"
    pieces, start, room = [], 0, LINE_OCTETS
    while start < len(line):
        end = min(start + room, len(line))
        while end < len(line) and line[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        pieces.append(line[start:end])
        start, room = end, LINE_OCTETS - 1  # the space that starts a folded line counts
    return b"\r\n ".join(pieces) + b"\r\n"


def _local(day: dt.date, clock: dt.time) -> str:
    return dt.datetime.combine(day, clock).strftime("%Y%m%dT%H%M%S")


@dataclass(frozen=True)
class Serialised:
    """One session's event: its UID and SEQUENCE, the hash of its content (all but DTSTAMP and
    SEQUENCE, which History compares) and its iCalendar bytes."""

    uid: str
    sequence: int
    digest: str
    ical: bytes


def _event(entry: TimetableEntry, site_url: str, stamp_at: dt.datetime,
           history: History | None = None, now: dt.datetime | None = None) -> Serialised:
    """The event of one session, serialised."""
    host = urlsplit(site_url).hostname or "localhost"
    page = urljoin(site_url, f"courses/{entry.course.id}/")
    identity = uid(entry, host)
    content = b"".join([
        content_line("UID", text(identity)),
        content_line("SUMMARY", text(entry.course.title)),
        content_line(f"DTSTART;TZID={TZID}", _local(entry.session.date, entry.session.start)),
        content_line(f"DTEND;TZID={TZID}", _local(entry.session.date, entry.session.end)),
        content_line("LOCATION", text(location(entry))),
        content_line("DESCRIPTION", text(_describe(entry, page))),
        content_line("URL", page),
        # A full run still happens, so it is CONFIRMED; the description says it is full.
        content_line("STATUS", "CANCELLED" if entry.status == "cancelled" else "CONFIRMED"),
    ])
    digest = hashlib.sha256(content).hexdigest()
    history = history if history is not None else History()
    sequence = history.sequence(identity, digest, now or build_moment(stamp_at.date()))
    stamp = content_line("DTSTAMP", stamp_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    ical = b"BEGIN:VEVENT\r\n" + content + stamp + content_line("SEQUENCE", str(sequence)) + b"END:VEVENT\r\n"
    return Serialised(identity, sequence, digest, ical)


def _head(name: str) -> bytes:
    """A calendar's own properties: who made it, its name and time zone."""
    return b"".join([
        b"BEGIN:VCALENDAR\r\n",
        content_line("PRODID", "-//Recovery College//Prospectus//EN"),
        content_line("VERSION", "2.0"),
        content_line("CALSCALE", "GREGORIAN"),
        content_line("X-WR-CALNAME", text(name)),
        content_line("X-WR-TIMEZONE", TZID),
    ])


def _year_span(years: list[int], today: dt.date) -> tuple[int, int]:
    # Only the years the sessions fall in: a full history of UK clock changes is 3 kB of noise.
    years = years or [today.year]
    return min(years), max(years)


@cache
def _time_zone_ical(first: int, last: int) -> bytes:
    """The VTIMEZONE of a span of years, the same in every file: serialised once."""
    zone = Timezone.from_tzid(TZID, first_date=dt.date(first, 1, 1), last_date=dt.date(last, 12, 31))
    return zone.to_ical()


def _stamp(today: dt.date) -> dt.datetime:
    # The build date, not the clock time, so that the same content gives the same file.
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)


def calendar(entries: list[TimetableEntry], name: str, site_url: str, today: dt.date,
             history: History | None = None, now: dt.datetime | None = None) -> Calendar:
    """A calendar of the given sessions, with the Europe/London VTIMEZONE they refer to, read
    back by icalendar from the bytes the build writes."""
    now = now or build_moment(today)
    events = {id(entry): _event(entry, site_url, _stamp(today), history, now).ical for entry in entries}
    return Calendar.from_ical(_ics(name, entries, events, today))


def _ics(name: str, entries: list[TimetableEntry], events: dict[int, bytes], today: dt.date) -> bytes:
    """One calendar file, from events serialised once for all calendars: each session is in
    three (its run's, its course's and the whole prospectus)."""
    zone = _time_zone_ical(*_year_span([e.session.date.year for e in entries], today))
    return _head(name) + zone + b"".join(events[id(e)] for e in entries) + b"END:VCALENDAR\r\n"


def course_entries(site: Site, course: Course) -> list[TimetableEntry]:
    return site.timetable_by_course.get(course.id, [])


def entries_by_course(site: Site) -> dict[str, list[TimetableEntry]]:
    """The sessions of each course with a calendar: published courses, and retired ones, whose
    sessions still to come stay in their calendars as cancelled for those who subscribed."""
    found = {course.id: course_entries(site, course) for course in site.courses}
    for course in site.retired_courses:
        # An archived course's past sessions did happen: only those still to come are cancelled.
        found[course.id] = sorted((site.entry(course, run, s) for run in course.runs for s in run.sessions
                                   if course.status == "cancelled" or s.date >= site.today),
                                  key=lambda e: (e.session.date, e.session.start))
    return found


def all_entries(site: Site, by_course: dict[str, list[TimetableEntry]] | None = None) -> list[TimetableEntry]:
    """Everything in ``prospectus.ics``, in timetable order."""
    by_course = by_course if by_course is not None else entries_by_course(site)
    return sorted((e for entries in by_course.values() for e in entries),
                  key=lambda e: (e.session.date, e.session.start, e.course.title))


def run_files(course: Course) -> list[tuple[Run, str]]:
    """Each run's calendar, inside the course's folder: ``courses/<id>/<term>.ics`` (``-2`` for a
    second run in the same term)."""
    found, seen = [], dict[str, int]()
    for run in course.runs:
        seen[run.term] = seen.get(run.term, 0) + 1
        suffix = f"-{seen[run.term]}" if seen[run.term] > 1 else ""
        found.append((run, f"courses/{course.id}/{run.term}{suffix}.ics"))
    return found


def run_file(course: Course, run: Run) -> str:
    """The calendar file of one run (for templates)."""
    return next(path for other, path in run_files(course) if other is run)


def write_calendars(site: Site, site_dir: Path, site_url: str, college: str,
                    history: History | None = None, now: dt.datetime | None = None) -> list[Path]:
    """Every calendar, and the history the next build reads (see the module's docstring)."""
    history = history if history is not None else History()
    now = now or build_moment(site.today)
    folder = site_dir / "courses"
    folder.mkdir(parents=True, exist_ok=True)
    at = _stamp(site.today)
    by_course = entries_by_course(site)
    everything = all_entries(site, by_course)
    made = {id(entry): _event(entry, site_url, at, history, now) for entry in everything}
    events = {key: serialised.ical for key, serialised in made.items()}
    written = []

    def write(path: Path, name: str, entries: list[TimetableEntry]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_ics(name, entries, events, site.today))
        written.append(path)

    for course in [*site.courses, *site.retired_courses]:
        entries = by_course[course.id]
        write(folder / f"{course.id}.ics", f"{course.title} ({college})", entries)
        for run, name in run_files(course):
            term = site.term_by_id[run.term]
            write(site_dir / name, f"{course.title}, {term.name} ({college})", [e for e in entries if e.run is run])
    write(folder / "prospectus.ics", f"{college}: all courses", everything)

    record = {
        "version": 1,
        "events": {event.uid: {"hash": event.digest, "sequence": event.sequence} for event in made.values()},
        # When each change and course was first published: the courses feed's pubDate.
        "changes": {key: history.first_seen(key, site.today).isoformat()
                    for key in [*(change.key for change in site.changes), *(f"course:{c.id}" for c in site.courses)]},
    }
    path = site_dir / HISTORY_NAME
    path.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    written.append(path)
    return written
