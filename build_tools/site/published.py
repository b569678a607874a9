"""The validated whole: every collection, cross-checked, with unpublishable content removed once.

Every output (web pages, prospectus PDFs, calendars, feeds, search) is built from a
:class:`Site`. Stories whose consent does not cover the web, is withdrawn or has lapsed are
*not* in ``Site.stories`` — only in ``Site.held_back`` — so no output can leak them. Courses
that are drafts, cancelled or archived are likewise absent from ``Site.courses``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from build_tools.content.errors import ContentError, Problem, errors_in
from build_tools.content.load import Collections, load_collections
from build_tools.content.models import Briefing, Category, Course, Page, Resource, Run, Session, Story, Term, Venue
from build_tools.content.rules.checks import held_back_reason, run_checks
from build_tools.content.settings import Settings


def today() -> dt.date:
    """The build date. ``RECOVERY_TODAY=YYYY-MM-DD`` fixes it, for reproducible builds and tests."""
    fixed = os.environ.get("RECOVERY_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


@dataclass(frozen=True)
class HeldBack:
    story: Story
    reason: str


@dataclass(frozen=True)
class TimetableEntry:
    course: Course
    run: Run
    session: Session
    term: Term
    venue: Venue | None


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
    held_back: list[HeldBack]
    unpublished_courses: list[Course]
    problems: list[Problem] = field(default_factory=list)
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
        entries = [
            TimetableEntry(course, run, session, self.term_by_id[run.term],
                           self.venue_by_id.get(run.venue) if run.venue else None)
            for course in self.courses for run in course.runs for session in run.sessions
        ]
        return sorted(entries, key=lambda e: (e.session.date, e.session.start, e.course.title))

    @cached_property
    def timetable_by_course(self) -> dict[str, list[TimetableEntry]]:
        """The timetable's entries of each course, in timetable order."""
        grouped: dict[str, list[TimetableEntry]] = defaultdict(list)
        for entry in self.timetable:
            grouped[entry.course.id].append(entry)
        return dict(grouped)

    def courses_at(self, venue: Venue) -> list[Course]:
        return [c for c in self.courses if any(r.venue == venue.id for r in c.runs)]

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

    def transcript(self, story: Story) -> str | None:
        """The Markdown transcript of a published film or recording (checked by ``checks.markdown_rules``)."""
        if story.media is None or not story.media.transcript:
            return None
        path = self.root / Path(story.source_path).parent / story.media.transcript
        return path.read_text(encoding="utf-8") if path.is_file() else None


def assemble(collections: Collections, problems: list[Problem], on: dt.date) -> Site:
    """Build the :class:`Site` from loaded collections; filters unpublishable content once."""
    held_back: list[HeldBack] = []
    stories: list[Story] = []
    for story in collections.stories.values():
        reason = held_back_reason(story, on)
        if reason:
            held_back.append(HeldBack(story, reason))
        else:
            stories.append(story)
    stories.sort(key=lambda s: (-s.published.toordinal(), s.title.lower()))
    courses = sorted((c for c in collections.courses.values() if c.is_public), key=lambda c: c.title.lower())
    return Site(
        root=collections.root,
        today=on,
        courses=courses,
        terms=sorted(collections.terms.values(), key=lambda t: t.start),
        venues=sorted(collections.venues.values(), key=lambda v: v.name.lower()),
        categories=list(collections.categories.values()),
        stories=stories,
        briefings=sorted(collections.briefings.values(), key=lambda b: b.number),
        resources=sorted(collections.resources.values(), key=lambda r: r.title.lower()),
        pages=list(collections.pages.values()),
        held_back=sorted(held_back, key=lambda h: h.story.source_path),
        unpublished_courses=sorted((c for c in collections.courses.values() if not c.is_public),
                                   key=lambda c: c.id),
        problems=problems,
        settings=collections.settings,
    )


def validate(root: Path, on: dt.date | None = None) -> tuple[Collections, list[Problem]]:
    """Load and check everything under ``root``; returns all problems, sorted by file and line."""
    on = on or today()
    collections = load_collections(root)
    problems = collections.problems + run_checks(collections, on)
    return collections, sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))


def load_site(root: Path, on: dt.date | None = None) -> Site:
    """The validated :class:`Site`, or :class:`ContentError` listing every error."""
    on = on or today()
    collections, problems = validate(root, on)
    if errors_in(problems):
        raise ContentError(problems)
    return assemble(collections, problems, on)
