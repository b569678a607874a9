"""Calendars: one .ics per course and one for the prospectus, in Europe/London time, with stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from projects import FULL

from build_tools.site.published import Site, load_site
from build_tools.web import calendar

TODAY = dt.date(2026, 11, 22)
SITE_URL = "https://college.example/"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(FULL, TODAY)


def events(cal: Calendar) -> list:
    return [c for c in cal.walk("VEVENT")]


def test_one_event_per_session_in_london_time(site: Site) -> None:
    course = site.courses[0]
    entries = calendar.course_entries(site, course)
    cal = calendar.calendar(entries, course.title, SITE_URL, TODAY)
    found = events(cal)
    assert len(found) == sum(len(run.sessions) for run in course.runs)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    for event, entry in zip(found, entries):
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert (start.date(), start.time()) == (entry.session.date, entry.session.start)
        assert event.decoded("DTEND").time() == entry.session.end
        assert str(event["SUMMARY"]) == course.title


def test_summer_sessions_are_in_british_summer_time(site: Site) -> None:
    entry = next(e for e in site.timetable if e.session.date.month == 6)
    event = events(calendar.calendar([entry], "x", SITE_URL, TODAY))[0]
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)


def test_uids_are_stable_and_unique(site: Site) -> None:
    first = [str(e["UID"]) for e in events(calendar.calendar(site.timetable, "all", SITE_URL, TODAY))]
    again = [str(e["UID"]) for e in events(calendar.calendar(site.timetable, "all", SITE_URL, TODAY))]
    assert first == again
    assert len(set(first)) == len(first)
    entry = site.timetable[0]
    assert first[0] == f"{entry.course.id}-{entry.session.date:%Y%m%d}-{entry.session.start:%H%M}@college.example"


def test_location_is_venue_and_address_or_online(site: Site) -> None:
    in_person = next(e for e in site.timetable if e.venue and not e.run.online)
    assert calendar.location(in_person) == ", ".join([in_person.venue.name, *in_person.venue.address,
                                                        in_person.venue.postcode])
    online = next(e for e in site.timetable if e.venue is None)
    assert calendar.location(online) == "Online"


@pytest.mark.slow
def test_built_site_has_a_calendar_per_course_and_one_for_all(built_site: Path, site: Site) -> None:
    for course in site.courses:
        cal = Calendar.from_ical((built_site / "courses" / f"{course.id}.ics").read_bytes())
        assert len(events(cal)) == len(calendar.course_entries(site, course))
    everything = Calendar.from_ical((built_site / "courses" / "prospectus.ics").read_bytes())
    # Retired courses' sessions still to come stay in it too, as cancelled events.
    assert len(events(everything)) == len(calendar.all_entries(site)) > len(site.timetable)


def _read(data: bytes) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """A calendar as its components, each with its properties serialised and sorted: what a
    calendar program reads, whatever order the properties are written in."""
    return [(part.name, sorted((name, part[name].to_ical() if hasattr(part[name], "to_ical") else str(part[name]).encode())
                               for name in part))
            for part in Calendar.from_ical(data).walk()]


def test_written_files_are_the_calendars_serialised_whole(tmp_path) -> None:
    """write_calendars serialises each event once; the files must read as Calendar.to_ical() does."""
    site = load_site(FULL, TODAY)
    calendar.write_calendars(site, tmp_path, SITE_URL, "College")
    for course in site.courses:
        whole = calendar.calendar(calendar.course_entries(site, course), f"{course.title} (College)", SITE_URL, TODAY)
        assert _read((tmp_path / "courses" / f"{course.id}.ics").read_bytes()) == _read(whole.to_ical())
    whole = calendar.calendar(calendar.all_entries(site), "College: all courses", SITE_URL, TODAY)
    written = (tmp_path / "courses" / "prospectus.ics").read_bytes()
    assert _read(written) == _read(whole.to_ical())
    assert len(written) == len(whole.to_ical())  # the same properties, only in another order


@pytest.mark.parametrize("value", [
    "Tea & cake",
    "x" * 74,
    "x" * 200,
    "Café ☕ " * 30,                      # two- and three-octet characters across the folds
    "🙂" * 40,                            # four-octet characters
    "a, b; c\\ d\nnext line " * 10,       # what TEXT escapes
])
def test_content_lines_fold_at_75_octets_and_unfold_to_the_value(value: str) -> None:
    line = calendar.content_line("DESCRIPTION", calendar.text(value))
    assert line.endswith(b"\r\n") and b"\r" not in line[:-2].replace(b"\r\n ", b"")
    physical = line[:-2].split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    for part in physical:
        part.decode("utf-8")  # no line ends inside a character
    unfolded = line[:-2].replace(b"\r\n ", b"").decode("utf-8")
    parsed = Calendar.from_ical(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + line + b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert unfolded == "DESCRIPTION:" + calendar.text(value).to_ical().decode("utf-8")
    assert str(parsed.walk("VEVENT")[0]["DESCRIPTION"]) == value
