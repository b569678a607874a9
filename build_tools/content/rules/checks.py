"""Rules across files and collections, run after every file has been read.

Each rule is a small function taking the :class:`~build_tools.content.load.Collections` and yielding
problems; :func:`run_checks` runs them all. Add a rule by writing a function and listing it in
``RULES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from build_tools.content.errors import Problem, error, field_name, warning
from build_tools.content.load import Collections
from build_tools.content.models import PLACEHOLDER, Course, Story
from build_tools.content.rules import allowlist
from build_tools.content.rules.addresses import unique_addresses
from build_tools.content.rules.files import file_rules
from build_tools.content.rules.limits import markdown_limits
from build_tools.content.rules.markup import check_markdown
from build_tools.content.rules.privacy import image_limits, personal_data
from build_tools.content.rules.wording import wording_rule
from build_tools.content.settings import read_config

Rule = Callable[[Collections, dt.date], Iterator[Problem]]

IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
AUDIO_TYPES = {".mp3", ".ogg", ".oga", ".m4a", ".wav"}
VIDEO_TYPES = {".mp4", ".webm"}
REVIEW_SOON_DAYS = 30


def _unknown(kind: str, value: str, known: list[str], where: str) -> str:
    listing = ", ".join(sorted(known)[:12]) or "none yet"
    return f'there is no {kind} "{value}" in {where}; use one of: {listing}.'


def course_references(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Category, terms, venues, prerequisites and next steps point at things that exist (a draft's
    wait until it is published: its term or venue may not be listed yet)."""
    for course in c.courses.values():
        if course.status == "draft":
            continue
        path = course.source_path
        if course.category not in c.categories and not c.is_unreadable("categories", course.category):
            yield error(path, course.line_of("category"), "category",
                        _unknown("category", course.category, list(c.categories), "courses/_categories.yml"))
        for r, run in enumerate(course.runs):
            if run.term not in c.terms and not c.is_unreadable("terms", run.term):
                yield error(path, course.line_of("runs", r, "term"), f"runs[{r}].term",
                            _unknown("term", run.term, list(c.terms), "courses/_terms.yml"))
            if run.venue and run.venue not in c.venues and not c.is_unreadable("venues", run.venue):
                yield error(path, course.line_of("runs", r, "venue"), f"runs[{r}].venue",
                            _unknown("venue", run.venue, list(c.venues), "courses/_venues.yml"))
        for key in ("prerequisites", "next_steps"):
            for i, other in enumerate(getattr(course, key)):
                line, field = course.line_of(key, i), f"{key}[{i}]"
                if other == course.id:
                    yield error(path, line, field, "a course cannot list itself; remove this line.")
                elif other not in c.courses and c.is_unreadable("courses", other):
                    continue
                elif other not in c.courses and c.draft("course", other) and course.is_public:
                    yield error(path, line, field, f'the course "{other}" is draft, so it has no page to link '
                                "to; remove it from this list or publish that course.")
                elif other not in c.courses and c.draft("course", other):
                    continue
                elif other not in c.courses:
                    yield error(path, line, field, f'there is no course "{other}" (no file courses/{other}.yml); '
                                "check the spelling of the course id.")
                elif course.is_public and not c.courses[other].is_public:
                    yield error(path, line, field, f'the course "{other}" is {c.courses[other].status}, so it has '
                                "no page to link to; remove it from this list or publish that course.")


def session_dates(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Every session falls inside its run's term (drafts wait until they are published)."""
    for course in c.courses.values():
        if course.status == "draft":
            continue
        for r, run in enumerate(course.runs):
            term = c.terms.get(run.term)
            if term is None:
                continue
            for session in run.sessions:
                if session.from_pattern:
                    continue
                s = session.listed_at
                # A moved session is checked at its new date; the pattern's own dates in repeating_sessions.
                where = ("moved_to", "date") if session.is_moved else ("date",)
                if not term.start <= session.date <= term.end:
                    yield error(course.source_path, course.line_of("runs", r, "sessions", s, *where),
                                f"runs[{r}].sessions[{s}].{'.'.join(where)}",
                                f"{session.date} is outside {term.name} ({term.start} to {term.end}); correct "
                                "the date, or move the session to a run in the right term.")
            if run.repeat is not None:
                continue
            dates = [s.original.date for s in run.sessions]
            if dates != sorted(dates):
                yield warning(course.source_path, course.line_of("runs", r, "sessions"), f"runs[{r}].sessions",
                              "the sessions are not in date order; list them from first to last.")


def run_status_rules(c: Collections, today: dt.date) -> Iterator[Problem]:
    """A run's status agrees with its course's, and only a full run has a waiting list.

    The course's status covers every run, so it wins: a course that is full, cancelled or
    archived cannot have a run that says otherwise.
    """
    for course in c.courses.values():
        for r, run in enumerate(course.runs):
            path, line = course.source_path, course.line_of("runs", r, "status")
            if course.status == "full" and run.status == "open":
                yield error(path, line, f"runs[{r}].status", "the course's status is full, which covers every run, "
                            "but this run says open; remove status: from this run, or set the course's status: "
                            "open and mark only the full runs with status: full.")
            elif course.status in ("cancelled", "archived") and run.status in ("open", "full"):
                yield error(path, line, f"runs[{r}].status", f"the course's status is {course.status}, so this run "
                            f"cannot be {run.status}; remove status: from this run, or change the course's status.")
            if run.waiting_list is not None and course.run_status(run) == "open":
                yield error(path, course.line_of("runs", r, "waiting_list"), f"runs[{r}].waiting_list",
                            "this run is open, so it has no waiting list yet; add status: full to the run, or "
                            "remove waiting_list:.")
            for session in run.sessions:
                moved, s = session.moved_to, session.listed_at
                if moved and moved.venue and moved.venue not in c.venues and not c.is_unreadable("venues", moved.venue):
                    yield error(path, course.line_of("runs", r, "sessions", s, "moved_to", "venue"),
                                f"runs[{r}].sessions[{s}].moved_to.venue",
                                _unknown("venue", moved.venue, list(c.venues), "courses/_venues.yml"))


def repeating_sessions(c: Collections, today: dt.date) -> Iterator[Problem]:
    """A repeat: pattern stays inside its term, and every date it skips is one it would meet on."""
    for course in c.courses.values():
        for r, run in enumerate(course.runs):
            repeat = run.repeat
            if repeat is None:
                continue
            reached, dates = repeat.reached(), repeat.dates()
            every = f"every {repeat.every} from {repeat.first} to {dates[-1]}"
            for i, day in enumerate(repeat.skip):
                if day not in reached:
                    yield error(course.source_path, course.line_of("runs", r, "repeat", "skip", i),
                                f"runs[{r}].repeat.skip[{i}]",
                                f"{day} is not a date this pattern meets on ({every}), so there is nothing to "
                                "skip; check the date, or remove it.")
            term = c.terms.get(run.term)
            if term is not None and not term.start <= dates[0] <= dates[-1] <= term.end:
                yield error(course.source_path, course.line_of("runs", r, "repeat"), f"runs[{r}].repeat",
                            f"the sessions of this pattern run from {dates[0]} to {dates[-1]}, outside "
                            f"{term.name} ({term.start} to {term.end}); change from:, sessions: or skip: so that "
                            "every session is in the term.")


def co_delivery(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Every published course is co-delivered by lived or carer experience and professional experience."""
    for course in c.courses.values():
        if not course.is_public:
            continue
        kinds = {f.expertise for f in course.facilitators}
        if not kinds & {"lived-experience", "carer"}:
            yield error(course.source_path, course.line_of("facilitators"), "facilitators",
                        "every course is co-delivered, but no facilitator has expertise: lived-experience or "
                        "carer; add the peer or carer trainer.")
        if "professional" not in kinds:
            yield error(course.source_path, course.line_of("facilitators"), "facilitators",
                        "every course is co-delivered, but no facilitator has expertise: professional; add the "
                        "trainer with professional experience.")
        for r, run in enumerate(course.runs):
            kinds = {f.expertise for f in run.facilitators or []}
            if run.facilitators and not (kinds & {"lived-experience", "carer"} and "professional" in kinds):
                yield error(course.source_path, course.line_of("runs", r, "facilitators"), f"runs[{r}].facilitators",
                            "every run is co-delivered, so the facilitators of this run need one with expertise: "
                            "lived-experience or carer and one with expertise: professional.")


def aliases_unique(c: Collections, today: dt.date) -> Iterator[Problem]:
    """An old address can only lead to one course and cannot hide a current one."""
    owner: dict[str, str] = {}
    for course in c.courses.values():
        for a, alias in enumerate(course.aliases):
            line, field = course.line_of("aliases", a, "slug"), f"aliases[{a}].slug"
            if alias.slug in c.courses:
                yield error(course.source_path, line, field, f'"{alias.slug}" is the address of a current course '
                            f"(courses/{alias.slug}.yml); an alias must be an old address no longer in use.")
            elif alias.slug in owner:
                yield error(course.source_path, line, field, f'the old address "{alias.slug}" is already an alias '
                            f"of the course {owner[alias.slug]}; an old address can lead to one course only.")
            else:
                owner[alias.slug] = course.id


def _exists(c: Collections, base: PurePosixPath, relative_path: str) -> bool:
    return (c.root / base / relative_path).is_file()


def story_media(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Media files exist and match the format; films have captions and transcripts; images have alt text."""
    for story in c.stories.values():
        media, path = story.media, story.source_path
        if media is None:
            continue
        base = PurePosixPath(path).parent
        for key in ("file", "captions", "transcript", "poster"):
            value = getattr(media, key)
            if value and not _exists(c, base, value):
                yield error(path, story.line_of("media", key), f"media.{key}",
                            f'the file "{value}" does not exist next to this story (looked for {base / value}); '
                            "check the name, or add the file.")
        if media.file:
            suffix = PurePosixPath(media.file).suffix.lower()
            expected = {"image": IMAGE_TYPES, "audio": AUDIO_TYPES, "video": VIDEO_TYPES}.get(story.format, set())
            if story.format == "written" or suffix not in expected:
                allowed = ", ".join(sorted(expected)) or "none (written stories have no media file)"
                yield error(path, story.line_of("media", "file"), "media.file",
                            f'a "{suffix}" file does not fit format: {story.format}; use one of: {allowed}.')
        if media.url:
            # Parsed as a browser parses it: "https://127.0.0.1:8000\\@www.youtube-nocookie.com/" is 127.0.0.1.
            address = allowlist.parse(media.url)
            host = address.host if address is not None else media.url
            if story.format != "video":
                yield error(path, story.line_of("media", "url"), "media.url",
                            "only video stories can use a url:; put the file beside the story and use file:.")
            elif address is None or address.host not in allowlist.EMBED_HOSTS or address.scheme != "https":
                yield error(path, story.line_of("media", "url"), "media.url",
                            f'films from "{host}" cannot be embedded; use the privacy-enhanced address on '
                            "www.youtube-nocookie.com or player.vimeo.com.")
            elif problem := allowlist.embed_problem(media.url):
                yield error(path, story.line_of("media", "url"), "media.url", problem)
        if story.format in ("video", "audio") and not media.transcript:
            yield error(path, story.line_of("media"), "media.transcript",
                        f"a {story.format} story needs a transcript, so everyone can read it; add transcript: "
                        "with a Markdown file beside the story.")
        if story.format == "video" and not media.captions:
            yield error(path, story.line_of("media"), "media.captions",
                        "a video story needs captions; add captions: with a WebVTT (.vtt) file beside the story.")
        if media.captions and not media.captions.lower().endswith(".vtt"):
            yield error(path, story.line_of("media", "captions"), "media.captions",
                        "captions must be a WebVTT file ending in .vtt.")
        if media.poster and PurePosixPath(media.poster).suffix.lower() not in IMAGE_TYPES:
            yield error(path, story.line_of("media", "poster"), "media.poster",
                        f"a poster must be a picture; use one of: {', '.join(sorted(IMAGE_TYPES))}.")
        if story.format == "image" and not media.alt:
            yield error(path, story.line_of("media"), "media.alt",
                        "an image story needs alt text saying what the picture shows; add alt: under media:.")


def consent_review(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Warn editors a month before a storyteller's consent needs reviewing."""
    for story in c.stories.values():
        consent = story.consent
        days = (consent.review_by - today).days
        if not consent.withdrawn and 0 <= days <= REVIEW_SOON_DAYS:
            yield warning(story.source_path, story.line_of("consent", "review_by"), "consent.review_by",
                          f"consent must be reviewed with the storyteller by {consent.review_by} ({days} days); "
                          "after that date the story is held back.")


def briefing_references(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Paper numbers are unique and related papers exist; a PDF file beside the paper exists."""
    by_number: dict[int, str] = {}
    for paper in sorted(c.briefings.values(), key=lambda p: p.source_path):
        if paper.number in by_number:
            yield error(paper.source_path, paper.line_of("number"), "number",
                        f"paper number {paper.number} is already used by {by_number[paper.number]}; each paper "
                        "needs its own number.")
        by_number.setdefault(paper.number, paper.source_path)
    for paper in c.briefings.values():
        for i, number in enumerate(paper.related):
            if number == paper.number:
                yield error(paper.source_path, paper.line_of("related", i), f"related[{i}]",
                            "a paper cannot be related to itself; remove this number.")
            elif number not in by_number and not c.is_unreadable("briefings", str(number)):
                yield error(paper.source_path, paper.line_of("related", i), f"related[{i}]",
                            f"there is no paper number {number}; use the number of a paper in content/briefings/.")
        if paper.pdf and not paper.pdf.startswith(("http://", "https://")):
            if not _exists(c, PurePosixPath(paper.source_path).parent, paper.pdf):
                yield error(paper.source_path, paper.line_of("pdf"), "pdf",
                            f'the file "{paper.pdf}" does not exist next to this paper; check the name.')


def resource_checks(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Files exist; review dates that have passed are flagged for the editor."""
    for resource in c.resources.values():
        if resource.file and not _exists(c, PurePosixPath(resource.source_path).parent, resource.file):
            yield error(resource.source_path, resource.line_of("file"), "file",
                        f'the file "{resource.file}" does not exist next to this resource; check the name.')
        if resource.review_by < today:
            yield warning(resource.source_path, resource.line_of("review_by"), "review_by",
                          f"the review date {resource.review_by} has passed; check the resource is still "
                          "accurate and set a new review date.")


def markdown_rules(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Headings do not skip levels; raw HTML and links are safe — in every body and description."""
    hosts = allowlist.image_hosts(read_config(c.root)) if (c.root / "mkdocs.yml").is_file() else frozenset()
    for item in [*c.stories.values(), *c.briefings.values()]:
        yield from check_markdown(item.body, item.source_path, item._body_line, image_hosts=hosts)
    for page in c.pages.values():
        yield from check_markdown(page.body, page.source_path, page._body_line,
                                  top_level=1 if page.title else 0, image_hosts=hosts)
    for course in c.courses.values():
        yield from _yaml_markdown(course, "description", course.description, hosts)
    for story in c.stories.values():
        if story.transcript is not None:
            yield from check_markdown(story.transcript, story.media_path(story.media.transcript), 1,
                                      field="transcript", top_level=1, image_hosts=hosts)


def _yaml_markdown(course: Course, key: str, text: str, image_hosts: frozenset[str]) -> Iterator[Problem]:
    # A block scalar (description: |) starts on the line after its key.
    first = course.line_of(key)
    raw_first_line = text.split("\n", 1)[0]
    yield from check_markdown(text, course.source_path, first + (1 if "\n" in text or not raw_first_line else 0),
                              field=key, top_level=2, image_hosts=image_hosts)


def _placeholders_in(value: object, loc: tuple[object, ...]) -> Iterator[tuple[object, ...]]:
    if isinstance(value, str) and PLACEHOLDER in value:
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders_in(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders_in(item, (*loc, index))


def placeholders(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Nothing is published with template text still in it (drafts may keep it)."""
    published = [*(x for x in c.courses.values() if x.is_public), *c.stories.values(),
                 *(x for x in c.briefings.values() if x.status == "published"), *c.resources.values()]
    for item in published:
        for loc in _placeholders_in(item.model_dump(exclude_defaults=True), ()):
            yield error(item.source_path, item.line_of(*loc), field_name(loc),
                        f'this still holds the template text "{PLACEHOLDER} …"; write the real text here.')
        if PLACEHOLDER in item.body:
            line = item._body_line + item.body[: item.body.index(PLACEHOLDER)].count("\n")
            yield error(item.source_path, line, "body",
                        f'this still holds the template text "{PLACEHOLDER} …"; write the real text here.')


def course_slips(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Slips a careful editor would want caught: a session listed twice, a start time in the
    night (13:30 written as 01:30), no way to enrol without the internet."""
    for course in c.courses.values():
        if course.status == "draft":
            continue
        path = course.source_path
        for r, run in enumerate(course.runs):
            first: dict[tuple[dt.date, dt.time], int] = {}
            for s, session in enumerate(run.sessions):
                key = (session.date, session.start)
                if key in first:
                    yield error(path, course.line_of("runs", r, "sessions", s), f"runs[{r}].sessions[{s}]",
                                f"this session ({session.date} at {session.start:%H:%M}) is listed twice in this "
                                f"run, also as runs[{r}].sessions[{first[key]}]; delete one, or correct its date.")
                first.setdefault(key, s)
                if session.start.hour < 7:
                    afternoon = f"{session.start.hour or 12}:{session.start:%M}pm"
                    yield warning(path, course.line_of("runs", r, "sessions", s, "start"),
                                  f"runs[{r}].sessions[{s}].start",
                                  f"{session.start:%H:%M} is in the night; did you mean {afternoon}? write "
                                  f"{(session.start.hour + 12) % 24 or 12:02d}:{session.start:%M} (times use the "
                                  "24-hour clock).")
        enrol = course.enrol
        if course.is_public and not (enrol.phone or enrol.in_person or enrol.post):
            yield warning(path, course.line_of("enrol"), "enrol",
                          "the only ways to enrol need the internet, and not everyone is online; add phone:, "
                          "in_person: or post: as well.")


def course_titles(c: Collections, today: dt.date) -> Iterator[Problem]:
    """Two published courses with the same title cannot be told apart in listings and print."""
    first: dict[str, str] = {}
    for course in sorted((x for x in c.courses.values() if x.is_public), key=lambda x: x.source_path):
        key = " ".join(course.title.lower().split())
        if key in first:
            yield warning(course.source_path, course.line_of("title"), "title",
                          f'"{course.title}" is also the title of {first[key]}; give each course its own title '
                          "(for example add where or when it runs), so readers can tell them apart.")
        first.setdefault(key, course.source_path)


RULES: list[Rule] = [
    course_references,
    session_dates,
    run_status_rules,
    repeating_sessions,
    co_delivery,
    aliases_unique,
    story_media,
    consent_review,
    briefing_references,
    resource_checks,
    markdown_rules,
    markdown_limits,
    placeholders,
    wording_rule,
    personal_data,
    image_limits,
    file_rules,
    unique_addresses,
    course_slips,
    course_titles,
]


def without_drafts(c: Collections) -> Collections:
    """The collections with draft stories, papers and resources left out: a draft is checked only
    for what makes it unreadable (when it is loaded), so one person's unfinished file blocks no one.
    Draft courses stay, so that a published course linking to one is told it is a draft."""
    return replace(
        c,
        stories={k: v for k, v in c.stories.items() if v.status != "draft"},
        briefings={k: v for k, v in c.briefings.items() if v.status != "draft"},
        resources={k: v for k, v in c.resources.items() if v.status != "draft"},
    )


def run_checks(c: Collections, today: dt.date) -> list[Problem]:
    finished = without_drafts(c)
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(finished, today))
    return problems


def withheld_reason(story: Story, today: dt.date, medium: str) -> str | None:
    """Why a story must not appear in ``medium`` (``web`` or ``print``) today, or ``None``."""
    consent = story.consent
    if story.status == "draft":
        return "draft"
    if consent.withdrawn:
        return f"consent withdrawn on {consent.withdrawn}"
    if medium not in consent.scope:
        where = "the website" if medium == "web" else "print"
        return f"consent does not cover {where} (scope: {', '.join(consent.scope)})"
    if consent.review_by < today:
        return f"consent review was due by {consent.review_by}"
    if story.published > today:
        return f"scheduled for publication on {story.published}"
    return None


def held_back_reason(story: Story, today: dt.date) -> str | None:
    """Why a story must not be on the website today, or ``None`` when its consent covers the web.

    This is the single consent filter: ``published.publish`` puts a story in ``Site.stories``
    only when this returns ``None`` (and in ``Site.printed_stories`` only when
    :func:`withheld_reason` for print does).
    """
    return withheld_reason(story, today, "web")
