"""The printed prospectus (standard and large print), and ``python -m build_tools prospectus``.

The prospectus is made from the validated :class:`~build_tools.site.published.Site`, like the web
pages: :func:`build_edition` chooses what an edition shows, :func:`prospectus_data` says it in
plain JSON values (the website's words, dates and times already formatted), and the Typst template
``theme/prospectus/prospectus.typ`` lays that out as one tagged, titled PDF
(:mod:`build_tools.printed.typeset`). Only published courses (open or full) exist in
``Site.courses``, so nothing else can be printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.content.models import Category, Course, Run, Term, Venue
from build_tools.printed.print_editions import (
    STORIES_NAME,
    PrintSettings,
    breakable,
    common_data,
    link,
    qr_code,
    stories_job,
    write_pdf,
)
from build_tools.printed.typeset import PrintError, PrintJob, write_pdfs
from build_tools.site.published import Site, TimetableEntry
from build_tools.web import labels, templating

STANDARD_NAME = "prospectus.pdf"
LARGE_PRINT_NAME = "prospectus-large-print.pdf"
# How the website names each edition in its download links.
EDITION_TITLES = {STANDARD_NAME: "the prospectus", LARGE_PRINT_NAME: "the large print prospectus",
                  STORIES_NAME: "the recovery stories booklet"}


class UnknownTerm(ValueError):
    """The term asked for is not in courses/_terms.yml."""


@dataclass(frozen=True)
class SessionGroup:
    """Sessions of a run that share their times, e.g. five Wednesdays, 1pm to 3pm."""

    weekday: str | None  # "Wednesdays" when every date falls on that day, else None
    start: dt.time
    end: dt.time
    dates: list[dt.date]


@dataclass(frozen=True)
class RunView:
    run: Run
    term: Term
    venue: Venue | None
    groups: list[SessionGroup]  # sessions that take place (cancelled ones are only in changes)
    status: str = "open"  # open, full or cancelled
    status_text: str = ""  # in words, from web.labels
    changes: list[str] = field(default_factory=list)  # cancelled and moved sessions, in words


@dataclass(frozen=True)
class CourseView:
    """A course as printed: its runs in the terms covered, its web address and QR code."""

    course: Course
    runs: list[RunView]
    url: str
    qr_svg: str  # an SVG document
    next_steps: list[Course]
    prerequisites: list[Course]


@dataclass(frozen=True)
class TimetableDay:
    day: dt.date
    entries: list[TimetableEntry]


@dataclass(frozen=True)
class TimetableMonth:
    month: dt.date  # the first of the month
    days: list[TimetableDay]


@dataclass(frozen=True)
class Edition:
    """Everything the prospectus template needs; built once per PDF."""

    site: Site
    settings: PrintSettings
    terms: list[Term]
    categories: list[tuple[Category, list[CourseView]]]
    timetable: list[tuple[Term, list[TimetableMonth]]]
    venues: list[Venue]
    index: list[tuple[str, list[tuple[str, CourseView]]]]
    large_print: bool

    def courses_at(self, venue: Venue) -> list[Course]:
        """Courses in this edition with a run at ``venue``, by title."""
        return sorted((v.course for _, views in self.categories for v in views
                       if any(r.venue is not None and r.venue.id == venue.id for r in v.runs)),
                      key=lambda c: c.title.lower())

    @property
    def title(self) -> str:
        kind = "Large print prospectus" if self.large_print else "Prospectus"
        return f"{self.settings.college_name}: {kind}, {terms_phrase(self.terms)}"


def terms_phrase(terms: list[Term]) -> str:
    """``Spring term 2027 and Summer term 2027``."""
    names = [t.name for t in terms]
    if not names:
        return "no terms"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def by_month(entries: list[TimetableEntry]) -> list[TimetableMonth]:
    """Timetable entries (already in date order) grouped by month, then by day."""
    months: list[TimetableMonth] = []
    for entry in entries:
        day = entry.session.date
        if not months or months[-1].month != day.replace(day=1):
            months.append(TimetableMonth(day.replace(day=1), []))
        if not months[-1].days or months[-1].days[-1].day != day:
            months[-1].days.append(TimetableDay(day, []))
        months[-1].days[-1].entries.append(entry)
    return months


def group_sessions(run: Run) -> list[SessionGroup]:
    """Sessions that take place, grouped by their start and end times, in date order."""
    groups: dict[tuple[dt.time, dt.time], list[dt.date]] = {}
    for session in sorted((s for s in run.sessions if not s.cancelled), key=lambda s: (s.date, s.start)):
        groups.setdefault((session.start, session.end), []).append(session.date)
    found = []
    for (start, end), dates in groups.items():
        weekdays = {d.weekday() for d in dates}
        weekday = f"{dates[0]:%A}s" if len(weekdays) == 1 and len(dates) > 1 else None
        found.append(SessionGroup(weekday, start, end, dates))
    return found


def covered_terms(site: Site, term_id: str | None) -> list[Term]:
    """The terms a prospectus covers: the one asked for, or every term not yet over."""
    if term_id is not None:
        if term_id not in site.term_by_id:
            known = ", ".join(t.id for t in site.terms) or "none"
            raise UnknownTerm(f'there is no term "{term_id}" in courses/_terms.yml; '
                              f"use one of these ids: {known}.")
        return [site.term_by_id[term_id]]
    current = [t for t in site.terms if t.end >= site.today]
    return current or list(site.terms[-1:])


def build_edition(site: Site, settings: PrintSettings, *, term_id: str | None = None,
                  large_print: bool = False) -> Edition:
    """Select and arrange what one printed edition shows."""
    terms = covered_terms(site, term_id)
    term_ids = {t.id for t in terms}

    def view(course: Course) -> CourseView:
        url = settings.url(f"courses/{course.id}/")
        runs = [RunView(run, site.term_by_id[run.term], site.venue_by_id.get(run.venue or ""),
                        group_sessions(run) if course.run_status(run) != "cancelled" else [],
                        course.run_status(run), labels.run_status(course, run),
                        [text for s in run.sessions if (text := labels.session_change(site.entry(course, run, s)))]
                        if course.run_status(run) != "cancelled" else [])
                for run in course.runs if run.term in term_ids]
        runs.sort(key=lambda r: (r.term.start, min(s.date for s in r.run.sessions)))
        return CourseView(
            course=course, runs=runs, url=url,
            qr_svg=qr_code(url),
            next_steps=[site.course_by_id[i] for i in course.next_steps if i in site.course_by_id],
            prerequisites=[site.course_by_id[i] for i in course.prerequisites if i in site.course_by_id],
        )

    categories = []
    for category, courses in site.courses_by_category:
        # A prospectus for one term lists the courses running in it; the full one lists them all.
        chosen = [view(c) for c in courses if term_id is None or any(r.term in term_ids for r in c.runs)]
        if chosen:
            categories.append((category, chosen))
    shown = {v.course.id: v for _, views in categories for v in views}

    timetable = [(term, by_month([e for e in site.timetable if e.term.id == term.id and e.course.id in shown]))
                 for term in terms]
    used_venues = {r.venue.id for v in shown.values() for r in v.runs if r.venue}
    venues = [v for v in site.venues if v.id in used_venues]

    entries: list[tuple[str, CourseView]] = [(v.course.title, v) for v in shown.values()]
    # Earlier names stay findable: "Engaging in Life, now called Engaging with Life".
    entries += [(alias.title, v) for v in shown.values() for alias in v.course.aliases
                if alias.title and alias.title != v.course.title]
    entries.sort(key=lambda e: e[0].lower())
    index: dict[str, list[tuple[str, CourseView]]] = {}
    for title, v in entries:
        letter = title[:1].upper()
        index.setdefault(letter if letter.isalpha() else "0–9", []).append((title, v))

    return Edition(site, settings, terms, categories, [t for t in timetable if t[1]], venues,
                   list(index.items()), large_print)


CHAPTERS = {"contents": "Contents", "welcome": "Welcome", "how-we-work": "How the college works",
            "how-to-enrol": "How to enrol", "courses": "Courses", "timetable": "Timetable by date",
            "venues": "Venues and access", "index": "Courses from A to Z", "enrolment-form": "Enrolment form",
            "contact": "Contact and crisis support"}


def _place(run: Run, venue: Venue | None, venues: set[str]) -> dict[str, Any]:
    """Where a run happens: the venue (linked to its entry if the edition lists it), its locality, or online."""
    rest = ""
    if venue is not None and venue.locality not in venue.name:
        rest = f", {venue.locality}"
    if venue is not None and run.online:
        rest += ", or online"
    elif run.online:
        rest = "Online"
    shown = {"id": venue.id if venue.id in venues else None, "name": venue.name} if venue is not None else None
    return {"venue": shown, "rest": rest}


def _audiences(names: list[str]) -> str:
    """``Everyone``, ``Carers and supporters and staff``: the first capitalised, the others not."""
    shown = [name if n == 0 else name[:1].lower() + name[1:] for n, name in enumerate(names)]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _ref(course: Course, courses: set[str]) -> dict[str, str | None]:
    """A mention of a course: linked to its entry when the edition has one."""
    return {"id": course.id if course.id in courses else None, "title": course.title}


def _run(view: RunView, venues: set[str]) -> dict[str, Any]:
    run = view.run
    notes = []
    if run.note:
        notes.append(run.note)
    if run.class_size:
        notes.append(f"Up to {run.class_size} students in this run.")
    if run.facilitators:
        notes.append("This run: " + "; ".join(f"{p.name}, {p.role}" for p in run.facilitators) + ".")
    when = []
    for group in view.groups:
        days = ", ".join((f"{day:%a} " if not group.weekday else "") + templating.short_date(day) for day in group.dates)
        when.append(f"{group.weekday + ', ' if group.weekday else ''}{templating.clock(group.start)} to "
                    f"{templating.clock(group.end)}: {days}")
    return {"term": view.term.name, "place": _place(run, view.venue, venues),
            "status": f"{view.status_text}." if view.status != "open" else None,
            "notes": notes, "when": when, "changes": [f"{text}." for text in view.changes]}


def _course(view: CourseView, settings: PrintSettings, courses: set[str], venues: set[str]) -> dict[str, Any]:
    course = view.course
    label = templating.labeller(settings)
    phone = str(settings.college.get("phone") or "")
    who = _audiences([label(a, "audience") for a in course.who_can_attend.open_to]) + "."
    if course.who_can_attend.eligibility:
        who += f" {course.who_can_attend.eligibility}"
    if course.status == "full":
        enrol = {"label": "Waiting list", "strong": "This course is full.",
                 "text": f" Phone {course.enrol.phone or phone} to join the waiting list."}
    elif not course.is_bookable:
        enrol = {"label": "To join", "strong": "",
                 "text": "Ask the staff on the ward; this session is not booked in advance."}
    else:
        routes = [f"{text}: {value.strip('.')}" for _, text, value in labels.enrolment_routes(course.enrol, printed=True)]
        first = "" if course.enrol.phone else f"By phone: {phone}" + ("; " if routes else "")
        enrol = {"label": "To enrol", "strong": "", "text": first + "; ".join(routes) + "."}
    return {
        "id": course.id,
        "title": course.title,
        "full": course.status == "full",
        "summary": breakable(course.summary),
        "outcomes": [breakable(o) for o in course.learning_outcomes],
        "facilitators": [{"name": p.name, "rest": f", {p.role} ({label(p.expertise, 'expertise').lower()})"}
                         for p in course.facilitators],
        "format": f"{label(course.format.type, 'format')}. {course.format.length}",
        "who": breakable(who),
        "cost": f"{course.cost}. Up to {course.class_size} students.",
        "prerequisites": [_ref(c, courses) for c in view.prerequisites],
        "access": breakable(course.access) if course.access else None,
        "runs": [_run(r, venues) for r in view.runs],
        "enrol": enrol,
        "next_steps": [_ref(c, courses) for c in view.next_steps],
        "web": link(view.url),
        "qr": view.qr_svg,
    }


def _timetable(edition: Edition, courses: set[str], venues: set[str]) -> list[dict[str, Any]]:
    terms = []
    for term, months in edition.timetable:
        shown_months = []
        for month in months:
            days = []
            for day in month.days:
                entries = []
                for entry in day.entries:
                    note = labels.timetable_note(entry)
                    entries.append({"time": f"{templating.clock(entry.session.start)} to "
                                            f"{templating.clock(entry.session.end)}",
                                    "course": _ref(entry.course, courses), "full": note == "Full",
                                    "note": note if note != "Full" else None,
                                    "place": _place(entry.run, entry.venue, venues)})
                days.append({"short": f"{day.day:%a} {day.day.day} {day.day:%b}",
                             "long": templating.long_date(day.day), "entries": entries})
            shown_months.append({"name": month.month.strftime("%B %Y"), "days": days})
        terms.append({"name": term.name, "months": shown_months})
    return terms


def _venue(venue: Venue, edition: Edition, courses: set[str]) -> dict[str, Any]:
    return {
        "id": venue.id,
        "name": venue.name,
        "address": [*venue.address, venue.postcode],
        "access": [{"yes": yes, "text": text} for yes, text in labels.venue_access(venue)],
        "travel": breakable(venue.travel) if venue.travel else None,
        "access_notes": breakable(venue.access_notes) if venue.access_notes else None,
        "changes": [f"{change.entry.course.title}: {labels.change_text(change)}."
                    for change in edition.site.changes_at(venue) if change.kind != "full"],
        "courses": [_ref(c, courses) for c in edition.courses_at(venue)],
    }


def prospectus_data(edition: Edition) -> dict[str, Any]:
    """Everything ``prospectus.typ`` prints, as plain JSON values."""
    settings = edition.settings
    kind = "Large print prospectus" if edition.large_print else "Prospectus"
    data = common_data(edition.site, settings, edition.title, f"{settings.college_name} · {kind}")
    courses = {v.course.id for _, views in edition.categories for v in views}
    venues = {v.id for v in edition.venues}
    data.update(
        large=edition.large_print,
        terms_and=" and ".join(t.name for t in edition.terms),
        terms_list=", ".join(t.name for t in edition.terms),
        other_edition=link(settings.url("prospectus-large-print.pdf")),
        chapters=CHAPTERS,
        categories=[{"id": category.id, "name": category.name, "description": breakable(category.description),
                     "courses": [_course(view, settings, courses, venues) for view in views]}
                    for category, views in edition.categories],
        timetable=_timetable(edition, courses, venues),
        venues=[_venue(venue, edition, courses) for venue in edition.venues],
        index=[{"letter": letter, "entries": [{"title": title, "course": _ref(view.course, courses),
                                               "alias": title != view.course.title} for title, view in entries]}
               for letter, entries in edition.index],
    )
    return data


def link_targets(edition: Edition) -> dict[str, str]:
    """What each label of the prospectus names, for link descriptions ("Understanding Anxiety, page 7")."""
    targets = dict(CHAPTERS)
    for category, views in edition.categories:
        targets[f"category-{category.id}"] = category.name
        targets.update({f"course-{v.course.id}": v.course.title for v in views})
    targets.update({f"venue-{v.id}": v.name for v in edition.venues})
    return targets


def prospectus_job(edition: Edition, target: Path) -> PrintJob:
    return PrintJob("prospectus.typ", prospectus_data(edition), target, targets=link_targets(edition))


def write_prospectus(site: Site, settings: PrintSettings, target: Path, *, term_id: str | None = None,
                     large_print: bool = False) -> Path:
    """Write one edition of the prospectus to ``target`` (a .pdf path)."""
    edition = build_edition(site, settings, term_id=term_id, large_print=large_print)
    write_pdf(site, prospectus_job(edition, target))
    return target


def write_printed_editions(site: Site, site_dir: Path, settings: PrintSettings | Any) -> list[Path]:
    """Every printed edition into ``site_dir``: both prospectuses and the stories booklet. When
    ``settings`` is MkDocs' config, as the build passes it, the site's own settings (read from the
    same mkdocs.yml) are used."""
    if not isinstance(settings, PrintSettings):
        settings = site.settings
    jobs = [
        prospectus_job(build_edition(site, settings), site_dir / STANDARD_NAME),
        prospectus_job(build_edition(site, settings, large_print=True), site_dir / LARGE_PRINT_NAME),
        stories_job(site, settings, site_dir / STORIES_NAME),
    ]
    write_pdfs(site.root, jobs)
    return [job.target for job in jobs]


@dataclass(frozen=True)
class EditionFile:
    """A printed edition as the website links to it: "Download the prospectus (PDF, 33 pages, 270 KB)"."""

    name: str   # file name in site/, e.g. prospectus.pdf
    title: str  # e.g. "the large print prospectus"
    pages: int
    size: int   # bytes

    @property
    def label(self) -> str:
        """``PDF, 33 pages, 270 KB``."""
        kilobytes = self.size / 1024
        shown = f"{kilobytes / 1024:.1f} MB" if kilobytes >= 1024 else f"{max(1, round(kilobytes))} KB"
        return f"PDF, {self.pages} page{'s' if self.pages != 1 else ''}, {shown}"


def edition_files(paths: list[Path]) -> list[EditionFile]:
    """What the website says about each written edition: its page count and size, read from the PDF."""
    import pikepdf

    found = []
    for path in paths:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        found.append(EditionFile(path.name, EDITION_TITLES.get(path.name, path.stem), pages, path.stat().st_size))
    return found


def cmd_prospectus(args: argparse.Namespace) -> int:
    """Without options: every printed edition into site/. With options: the one edition asked for."""
    from build_tools.site.published import load_site

    started = time.perf_counter()
    site = load_site(args.root)
    try:
        covered_terms(site, args.term)
    except UnknownTerm as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = site.settings
    site_dir = args.root / "site"
    try:
        if args.term is None and not args.large_print and args.output is None:
            print("Writing the prospectus, the large print prospectus and the stories booklet…", flush=True)
            written = write_printed_editions(site, site_dir, settings)
        else:
            name = LARGE_PRINT_NAME if args.large_print else STANDARD_NAME
            if args.term:  # a term's edition sits beside the full one instead of replacing it
                name = name.replace("prospectus", f"prospectus-{args.term}", 1)
            print(f"Writing the {'large print ' if args.large_print else ''}prospectus…", flush=True)
            written = [write_prospectus(site, settings, args.output or site_dir / name, term_id=args.term,
                                        large_print=args.large_print)]
    except PrintError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        print("The printed editions were not written.", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path.relative_to(args.root) if path.is_relative_to(args.root) else path}")
    print(f"Done in {time.perf_counter() - started:.1f} s.")
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    sub = command("prospectus", cmd_prospectus,
                  "write the printed editions (PDF): site/prospectus.pdf, site/prospectus-large-print.pdf and "
                  "site/stories.pdf; with options, only the edition asked for")
    sub.add_argument("--term", default=None, metavar="ID",
                     help="only this term, by its id in courses/_terms.yml (default: every term not yet over)")
    sub.add_argument("--large-print", action="store_true", help="the large print edition (16 pt, one column)")
    sub.add_argument("--output", type=lambda p: Path(p).resolve(), default=None, metavar="PATH",
                     help="where to write the PDF (default: site/prospectus.pdf, "
                          "site/prospectus-large-print.pdf with --large-print, "
                          "site/prospectus-ID.pdf with --term ID)")


