"""Words readers see for content values, written once for the website and the printed editions.

Venue access, enrolment routes, crisis support, a run's status and a session's changes are
said the same way on a course page, a listing card, the timetable, a venue page and both PDFs:
both template environments get these through :func:`install`. Status is always in words,
never shown by colour alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from build_tools.content.models import AUDIENCE_LABELS, Course, Enrolment, Run, Venue, WhoCanAttend
from build_tools.site.published import TimetableChange, TimetableEntry
from build_tools.web.templating import clock

# (field of Venue, said when true, said when false)
VENUE_ACCESS: list[tuple[str, str, str]] = [
    ("step_free_access", "Step-free access to every room we use", "Not step-free: there are steps to some rooms"),
    ("hearing_loop", "Hearing loop in the teaching room", "No hearing loop"),
    ("accessible_toilet", "Accessible toilet", "No accessible toilet"),
    ("quiet_room", "Quiet room to take a break", "No separate quiet room"),
    ("non_clinical", "Community venue (not a hospital or clinic)", "Hospital or clinic site"),
]

# Enrolment routes in the order they are offered (field of Enrolment, label).
ENROLMENT_ROUTES: list[tuple[str, str]] = [
    ("online", "Online"), ("phone", "By phone"), ("email", "By e-mail"), ("in_person", "In person"),
    ("post", "By post"),
]

CRISIS_HEADING = "If you need support now"
CRISIS_INTRO = ("{college} is not a crisis service. If you are struggling or worried about someone, these "
                "services can help straight away.")

RUN_STATUS_LABELS: dict[str, str] = {"open": "Open", "full": "Full", "cancelled": "Cancelled"}


def venue_access(venue: Venue) -> list[tuple[bool, str]]:
    """Each access fact of a venue, in words: ``(is_yes, text)``."""
    return [(bool(getattr(venue, key)), yes if getattr(venue, key) else no) for key, yes, no in VENUE_ACCESS]


def enrolment_routes(enrol: Enrolment, *, printed: bool = False) -> list[tuple[str, str, str]]:
    """``(field, label, value)`` of each way to enrol a course offers; print leaves out the web form."""
    return [(key, text, getattr(enrol, key)) for key, text in ENROLMENT_ROUTES
            if getattr(enrol, key) and not (printed and key == "online")]


def day(value: dt.date) -> str:
    """``Thursday 5 February`` (the year is clear from the term)."""
    return f"{value:%A} {value.day} {value:%B}"


def run_status(course: Course, run: Run) -> str:
    """A run's status as a reader needs it: ``Open``, ``Cancelled``, ``Full: join the waiting list by …``."""
    status = course.run_status(run)
    if status == "full":
        if run.waiting_list is not None:
            return f"Full: join the waiting list by {run.waiting_list.how_to_join.rstrip('.')}"
        return "Full"
    return RUN_STATUS_LABELS[status]


def session_change(entry: TimetableEntry) -> str | None:
    """What changed about one session, in words, or None when it is as first published."""
    session = entry.session
    if session.cancelled:
        return f"Session on {day(session.date)} cancelled: {session.cancelled.rstrip('.')}"
    if entry.status == "cancelled":
        return f"Session on {day(session.date)} cancelled: the run is cancelled"
    if not session.is_moved:
        return None
    was = session.original
    parts = [f"Moved to {day(session.date)}" if session.date != was.date else f"On {day(session.date)}"]
    if (session.start, session.end) != (was.start, was.end):
        parts.append(f"{clock(session.start)} to {clock(session.end)}")
    if entry.original_venue is not None and entry.venue is not None:
        parts.append(f"at {entry.venue.name}")
    text = ", ".join(parts)
    where = f", at {entry.original_venue.name}" if entry.original_venue is not None else ""
    return f"{text} (moved from {day(was.date)}, {clock(was.start)} to {clock(was.end)}{where})"


def timetable_note(entry: TimetableEntry) -> str | None:
    """The short note beside a session in a timetable, or None for an open session as planned."""
    session = entry.session
    if session.cancelled:
        return f"Cancelled: {session.cancelled.rstrip('.')}"
    if entry.status == "cancelled":
        return "Cancelled"
    if session.is_moved:
        was = session.original
        return f"Moved from {day(was.date)}, {clock(was.start)} to {clock(was.end)}"
    return RUN_STATUS_LABELS["full"] if entry.status == "full" else None


def change_text(change: TimetableChange) -> str:
    """One line of "Changes to the timetable", without the course title."""
    if change.kind == "run-cancelled":
        return f"The {change.entry.term.name} run is cancelled"
    if change.kind == "full":
        run = change.entry.run
        join = f": join the waiting list by {run.waiting_list.how_to_join.rstrip('.')}" if run.waiting_list else ""
        return f"The {change.entry.term.name} run is full{join}"
    return session_change(change.entry) or ""


def audience_note(who: WhoCanAttend) -> str | None:
    """Who a course is for when it is not open to everyone, e.g. ``Only for carers and supporters. Aged 18 and over.``"""
    parts = []
    if "everyone" not in who.open_to:
        names = [AUDIENCE_LABELS[a].lower() for a in who.open_to]
        parts.append("Only for " + ", and for ".join(names) + ".")
    if who.eligibility:
        parts.append(who.eligibility.rstrip(".") + ".")
    return " ".join(parts) or None


def install(env: Any) -> None:
    """Give a Jinja environment (web or print) the shared words."""
    env.filters.update(run_status=run_status, session_change=session_change, change_text=change_text,
                       timetable_note=timetable_note,
                       audience_note=audience_note, day=day)
    env.globals.update(venue_access=venue_access, enrolment_routes=enrolment_routes, crisis_heading=CRISIS_HEADING,
                       crisis_intro=CRISIS_INTRO)
