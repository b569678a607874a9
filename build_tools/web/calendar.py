"""Calendars (.ics): one per course and one for the whole prospectus, in Europe/London time.

Each session is one event. Its UID is made from the course id, date and start time, so a
calendar that subscribed once recognises the same session on the next build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from build_tools.content.models import Course
from build_tools.site.published import Site, TimetableEntry
from build_tools.web.templating import venue_address

TZID = "Europe/London"
LONDON = ZoneInfo(TZID)


def uid(entry: TimetableEntry, host: str) -> str:
    """Stable identity of a session: same course, day and start time -> same UID."""
    return f"{entry.course.id}-{entry.session.date:%Y%m%d}-{entry.session.start:%H%M}@{host}"


def location(entry: TimetableEntry) -> str:
    """Venue name and address, ``Online``, or both for a hybrid run."""
    if entry.venue is not None:
        place = venue_address(entry.venue)
        return f"{place} (or online)" if entry.run.online else place
    return "Online"


def _event(entry: TimetableEntry, site_url: str, stamp: dt.datetime) -> Event:
    host = urlsplit(site_url).hostname or "localhost"
    page = urljoin(site_url, f"courses/{entry.course.id}/")
    event = Event()
    event.add("uid", uid(entry, host))
    event.add("dtstamp", stamp)
    event.add("summary", entry.course.title)
    event.add("dtstart", dt.datetime.combine(entry.session.date, entry.session.start, tzinfo=LONDON))
    event.add("dtend", dt.datetime.combine(entry.session.date, entry.session.end, tzinfo=LONDON))
    event.add("location", location(entry))
    event.add("description", f"{entry.course.summary}\n\n{entry.term.name}. Details and how to enrol: {page}")
    event.add("url", page)
    if entry.course.status == "full":
        event.add("status", "TENTATIVE")
    return event


def _shell(name: str, years: list[int], today: dt.date) -> Calendar:
    """A calendar without events: its name and the Europe/London VTIMEZONE its events refer to."""
    cal = Calendar()
    cal.add("prodid", "-//Recovery College//Prospectus//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    # Only the years the sessions fall in: a full history of UK clock changes is 3 kB of noise.
    years = years or [today.year]
    cal.add_component(Timezone.from_tzid(TZID, first_date=dt.date(min(years), 1, 1),
                                         last_date=dt.date(max(years), 12, 31)))
    return cal


def _stamp(today: dt.date) -> dt.datetime:
    # The build date, not the clock time, so that the same content gives the same file.
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)


def calendar(entries: list[TimetableEntry], name: str, site_url: str, today: dt.date) -> Calendar:
    """A calendar of the given sessions, with the Europe/London VTIMEZONE they refer to."""
    cal = _shell(name, [e.session.date.year for e in entries], today)
    for entry in entries:
        cal.add_component(_event(entry, site_url, _stamp(today)))
    return cal


def _ics(name: str, entries: list[TimetableEntry], events: dict[int, bytes], today: dt.date) -> bytes:
    """The same file as ``calendar(...).to_ical()``, from events serialised once for all calendars.

    Each session is in two calendars (its course's and the whole prospectus); serialising is
    most of the cost, so each event is serialised once and placed inside the calendar's
    ``BEGIN:VCALENDAR`` ... ``END:VCALENDAR`` block, after the time zone, as ``to_ical`` does.
    """
    shell = _shell(name, [e.session.date.year for e in entries], today).to_ical()
    end = b"END:VCALENDAR\r\n"
    return shell[: -len(end)] + b"".join(events[id(e)] for e in entries) + end


def course_entries(site: Site, course: Course) -> list[TimetableEntry]:
    return site.timetable_by_course.get(course.id, [])


def write_calendars(site: Site, site_dir: Path, site_url: str, college: str) -> list[Path]:
    """``courses/<id>.ics`` for each published course and ``courses/prospectus.ics`` for all."""
    folder = site_dir / "courses"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _stamp(site.today)
    events = {id(entry): _event(entry, site_url, stamp).to_ical() for entry in site.timetable}
    written = []
    for course in site.courses:
        path = folder / f"{course.id}.ics"
        path.write_bytes(_ics(f"{course.title} ({college})", course_entries(site, course), events, site.today))
        written.append(path)
    path = folder / "prospectus.ics"
    path.write_bytes(_ics(f"{college}: all courses", site.timetable, events, site.today))
    written.append(path)
    return written
