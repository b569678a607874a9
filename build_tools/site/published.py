"""The validated whole: every collection, cross-checked, with unpublishable content removed once.

Every output (web pages, prospectus PDFs, calendars, feeds, search) is built from a
:class:`Site`, which holds published content only. :func:`publish` is the one publication
filter: stories whose consent covers the web are in ``Site.stories``, stories whose consent
covers print are in ``Site.printed_stories``; withdrawn, lapsed, scheduled and draft stories are
in neither. Courses that are drafts, cancelled or archived are absent from ``Site.courses``,
and draft papers and resources are absent too. What was held back, and every problem found,
goes into a separate :class:`Report` for editors, which templates never receive.
Cancelled and archived courses are in ``Site.retired_courses``, read only for their plain
page, old addresses and calendars.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from build_tools.content.errors import ContentError, Problem, errors_in
from build_tools.content.load import Collections, load_collections
from build_tools.content.models import Briefing, Category, Course, Page, Resource, Run, Session, Story, Term, Venue
from build_tools.content.rules.checks import held_back_reason, run_checks, withheld_reason
from build_tools.content.settings import Settings


def today() -> dt.date:
    """The build date. ``RECOVERY_TODAY=YYYY-MM-DD`` fixes it, for reproducible builds and tests."""
    fixed = os.environ.get("RECOVERY_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


@dataclass(frozen=True)
class HeldBack:
    """One item left out of the website, and why (for the editors' report)."""

    path: str     # the source file, e.g. stories/finding-my-feet.md
    kind: str     # story, course, briefing paper or resource
    title: str
    reason: str


@dataclass
class Report:
    """What editors are told about a build: every problem, and what was held back from publication.

    Kept apart from :class:`Site` so that no template or output can reach held-back content.
    """

    problems: list[Problem]
    held_back: list[HeldBack]

    def held_back_of(self, kind: str) -> list[HeldBack]:
        return [held for held in self.held_back if held.kind == kind]


CHANGES_WEEKS = 10  # how far ahead "Changes to the timetable" looks


@dataclass(frozen=True)
class TimetableEntry:
    course: Course
    run: Run
    session: Session
    term: Term
    venue: Venue | None  # where the session is now (a moved session may change venue)
    original_venue: Venue | None = None  # the run's venue, when the session moved away from it

    @property
    def status(self) -> str:
        """open, full or cancelled: a cancelled session or run is cancelled whatever else is set."""
        return "cancelled" if self.session.cancelled else self.course.run_status(self.run)


@dataclass(frozen=True)
class TimetableChange:
    """One item of "Changes to the timetable": a session cancelled or moved, or a run now full."""

    kind: str  # "cancelled" or "moved" (a session), "full" or "run-cancelled" (a whole run)
    entry: TimetableEntry  # for a whole run, its next session

    @property
    def key(self) -> str:
        """Names the change across builds (the feed's guid, and when it was first seen)."""
        slot = self.entry.session.original
        if self.kind in ("full", "run-cancelled"):
            return f"{self.kind}:{self.entry.course.id}:{self.entry.run.term}:{slot.date:%Y%m%d}"
        return f"{self.kind}:{self.entry.course.id}:{slot.date:%Y%m%d}:{slot.start:%H%M}"


@dataclass
class Site:
    """Published content only, ready for every output."""

    root: Path
    today: dt.date
    courses: list[Course]
    terms: list[Term]
    venues: list[Venue]
    categories: list[Category]
    stories: list[Story]
    briefings: list[Briefing]
    resources: list[Resource]
    pages: list[Page]
    # Stories whose storytellers agreed to print (and whose consent holds today), in
    # ``stories`` order; a story may be printed without being on the website.
    printed_stories: list[Story] = field(default_factory=list)
    # Cancelled and archived courses: each keeps a plain page at its address, and nothing else.
    retired_courses: list[Course] = field(default_factory=list)
    # The college's settings from mkdocs.yml: name, contacts, crisis lines, brand, nation.
    settings: Settings = field(default_factory=Settings)

    # Look-ups by id, for templates and cross-links.
    @cached_property
    def course_by_id(self) -> dict[str, Course]:
        return {c.id: c for c in self.courses}

    @cached_property
    def term_by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    @cached_property
    def venue_by_id(self) -> dict[str, Venue]:
        return {v.id: v for v in self.venues}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def briefing_by_number(self) -> dict[int, Briefing]:
        return {b.number: b for b in self.briefings}

    @cached_property
    def briefing_by_page(self) -> dict[str, Briefing]:
        """Briefing papers by the source path of their page in content/, e.g. ``briefings/17-x.md``."""
        return {f"briefings/{b.id}.md": b for b in self.briefings}

    @cached_property
    def courses_by_category(self) -> list[tuple[Category, list[Course]]]:
        """Categories in file order, each with its published courses by title; empty ones left out."""
        grouped: dict[str, list[Course]] = defaultdict(list)
        for course in self.courses:
            grouped[course.category].append(course)
        return [(cat, sorted(grouped[cat.id], key=lambda c: c.title.lower()))
                for cat in self.categories if grouped.get(cat.id)]

    @cached_property
    def timetable(self) -> list[TimetableEntry]:
        """Every session of every published course, by date and time."""
        entries = [self.entry(course, run, session)
                   for course in self.courses for run in course.runs for session in run.sessions]
        return sorted(entries, key=lambda e: (e.session.date, e.session.start, e.course.title))

    def entry(self, course: Course, run: Run, session: Session) -> TimetableEntry:
        """One session as the timetable shows it: with its term and the venue it is at now."""
        venue = self.venue_by_id.get(run.venue) if run.venue else None
        moved_venue = session.moved_to.venue if session.moved_to else None
        if moved_venue and moved_venue != run.venue:
            return TimetableEntry(course, run, session, self.term_by_id[run.term], self.venue_by_id[moved_venue], venue)
        return TimetableEntry(course, run, session, self.term_by_id[run.term], venue)

    @cached_property
    def changes(self) -> list[TimetableChange]:
        """Cancelled and moved sessions, and full runs, from today to CHANGES_WEEKS ahead, by date."""
        until = self.today + dt.timedelta(weeks=CHANGES_WEEKS)
        found: list[TimetableChange] = []
        runs_told: set[int] = set()  # a whole run's change is told once, at its next session
        for entry in self.timetable:
            if not self.today <= entry.session.date <= until:
                continue
            run_status = entry.course.run_status(entry.run)
            if run_status in ("full", "cancelled") and id(entry.run) not in runs_told:
                runs_told.add(id(entry.run))
                found.append(TimetableChange("full" if run_status == "full" else "run-cancelled", entry))
            if run_status == "cancelled":
                continue
            if entry.session.cancelled:
                found.append(TimetableChange("cancelled", entry))
            elif entry.session.is_moved:
                found.append(TimetableChange("moved", entry))
        return found

    @cached_property
    def timetable_by_course(self) -> dict[str, list[TimetableEntry]]:
        """The timetable's entries of each course, in timetable order."""
        grouped: dict[str, list[TimetableEntry]] = defaultdict(list)
        for entry in self.timetable:
            grouped[entry.course.id].append(entry)
        return dict(grouped)

    def courses_at(self, venue: Venue) -> list[Course]:
        return [c for c in self.courses if any(r.venue == venue.id for r in c.runs)]

    def changes_at(self, venue: Venue) -> list[TimetableChange]:
        """Changes to sessions held, or first planned, at ``venue``."""
        return [change for change in self.changes
                if venue in (change.entry.venue, change.entry.original_venue)]

    @cached_property
    def _stories_by_themes(self) -> list[tuple[frozenset[str], list[tuple[tuple[int, str, int], Story]]]]:
        """Published stories grouped by their set of themes, each group in related-stories order.

        There are at most 31 sets of the five themes, so finding related stories looks at a few
        stories of each group instead of every story (which made story pages cost O(n²)).
        """
        groups: dict[frozenset[str], list[tuple[tuple[int, str, int], Story]]] = defaultdict(list)
        for index, other in enumerate(self.stories):
            # The index keeps ties in ``stories`` order, as a stable sort of that list would.
            groups[frozenset(other.themes)].append(((-other.published.toordinal(), other.title, index), other))
        return [(themes, sorted(members, key=lambda member: member[0])) for themes, members in groups.items()]

    def related_stories(self, story: Story, limit: int = 3) -> list[Story]:
        """Other published stories sharing the most themes, newest first among equals."""
        themes = set(story.themes)
        candidates: list[tuple[int, tuple[int, str, int], Story]] = []
        for group_themes, members in self._stories_by_themes:
            shared = len(themes & group_themes)
            if shared == 0:
                continue
            # Members are in order, so only the first ``limit`` besides the story itself can win.
            taken = 0
            for key, other in members:
                if taken == limit:
                    break
                if other.id != story.id:
                    candidates.append((-shared, key, other))
                    taken += 1
        candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
        return [other for _, _, other in candidates[:limit]]

    @cached_property
    def published_media(self) -> list[str]:
        """The media files of published stories (picture, recording, captions, poster), as paths
        from the project folder such as ``stories/media/harbour.jpg``: a held-back story's are not copied."""
        found: dict[str, None] = {}
        for story in self.stories:
            if story.media is None:
                continue
            base = PurePosixPath(story.source_path).parent
            for name in ("file", "captions", "poster"):
                value = getattr(story.media, name)
                if value:
                    found[str(base / value)] = None
        return list(found)

    def transcript(self, story: Story) -> str | None:
        """The Markdown transcript of a published film or recording (checked by ``checks.markdown_rules``)."""
        return story.transcript


def publish(collections: Collections, problems: list[Problem], on: dt.date) -> tuple[Site, Report]:
    """The one publication filter: the published :class:`Site`, and a :class:`Report` of the rest."""
    held_back: list[HeldBack] = []
    stories: list[Story] = []
    printed: list[Story] = []
    for story in collections.stories.values():
        reason = held_back_reason(story, on)
        if reason:
            held_back.append(HeldBack(story.source_path, "story", story.title, reason))
        else:
            stories.append(story)
        if withheld_reason(story, on, "print") is None:
            printed.append(story)
    order = lambda s: (-s.published.toordinal(), s.title.lower())  # noqa: E731 - newest first
    stories.sort(key=order)
    printed.sort(key=order)
    courses = sorted((c for c in collections.courses.values() if c.is_public), key=lambda c: c.title.lower())
    held_back.extend(HeldBack(c.source_path, "course", c.title, f"status: {c.status}")
                     for c in collections.courses.values() if not c.is_public)
    held_back.extend(HeldBack(b.source_path, "briefing paper", b.title, "draft")
                     for b in collections.briefings.values() if b.status == "draft")
    held_back.extend(HeldBack(r.source_path, "resource", r.title, "draft")
                     for r in collections.resources.values() if r.status == "draft")
    held_back.extend(HeldBack(d.path, d.kind, d.title, "draft") for d in collections.drafts)
    site = Site(
        root=collections.root,
        today=on,
        courses=courses,
        terms=sorted(collections.terms.values(), key=lambda t: t.start),
        venues=sorted(collections.venues.values(), key=lambda v: v.name.lower()),
        categories=list(collections.categories.values()),
        stories=stories,
        briefings=sorted((b for b in collections.briefings.values() if b.status != "draft"),
                         key=lambda b: b.number),
        resources=sorted((r for r in collections.resources.values() if r.status != "draft"),
                         key=lambda r: r.title.lower()),
        pages=list(collections.pages.values()),
        printed_stories=printed,
        retired_courses=sorted((c for c in collections.courses.values() if c.is_retired),
                               key=lambda c: c.title.lower()),
        settings=collections.settings,
    )
    return site, Report(problems=problems, held_back=sorted(held_back, key=lambda h: h.path))


def assemble(collections: Collections, problems: list[Problem], on: dt.date) -> Site:
    """The published :class:`Site` alone (see :func:`publish`)."""
    return publish(collections, problems, on)[0]


def validate(root: Path, on: dt.date | None = None) -> tuple[Collections, list[Problem]]:
    """Load and check everything under ``root``; returns all problems, sorted by file and line."""
    on = on or today()
    collections = load_collections(root)
    problems = collections.problems + run_checks(collections, on)
    return collections, sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))


def load_published(root: Path, on: dt.date | None = None) -> tuple[Site, Report]:
    """The validated :class:`Site` and its :class:`Report`, or :class:`ContentError` listing every error."""
    on = on or today()
    collections, problems = validate(root, on)
    if errors_in(problems):
        raise ContentError(problems)
    return publish(collections, problems, on)


def load_site(root: Path, on: dt.date | None = None) -> Site:
    """The validated :class:`Site`, or :class:`ContentError` listing every error."""
    return load_published(root, on)[0]
