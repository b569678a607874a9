"""Bad inputs and the exact problems ``validate`` must report for each (a table is easy to grow).

Each case edits one file of the minimal valid project in ``tests/fixtures/minimal``:
``replace`` swaps one exact piece of text (it must occur once), ``content`` writes the whole
file (text or bytes), ``delete`` removes it. ``expected`` lists every problem line printed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image


def _minimal(path: str) -> str:
    """The text of a file of the minimal fixture project, for cases that change it in two places."""
    return (Path(__file__).parent / "fixtures" / "minimal" / path).read_text(encoding="utf-8")


def _tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (40, 120, 140)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    id: str
    path: str
    expected: list[str]
    replace: tuple[str, str] | None = None
    content: str | bytes | None = None
    delete: bool = False
    exit_code: int = 1
    extra_files: dict[str, str | bytes] = field(default_factory=dict)


# Pieces of the minimal course, for the living-prospectus cases below.
_MINIMAL_COURSE = (Path(__file__).parent / "fixtures" / "minimal" / "courses" / "managing-anxiety.yml")
_RUN = "    venue: harbour-library\n"
_SECOND = "      - date: 2027-01-21\n        start: 10:00\n        end: 12:00\n"
_SESSIONS = "    sessions:\n      - date: 2027-01-14\n        start: 10:00\n        end: 12:00\n" + _SECOND


def _course(*changes: tuple[str, str]) -> str:
    """The minimal course with several exact pieces swapped (each must occur once)."""
    text = _MINIMAL_COURSE.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _pattern(first: str, sessions: int, extra: str = "") -> str:
    return (f"    repeat:\n      every: week\n      from: {first}\n      sessions: {sessions}\n"
            f"      start: \"10:00\"\n      end: \"12:00\"\n{extra}")


COURSE = "courses/managing-anxiety.yml"
STORY = "stories/finding-my-feet.md"
FILM = "stories/river-film.md"
PAPER = "content/briefings/17-preparing-organisations.md"
RESOURCE = "content/resources/wellbeing-guide.yml"

DRAFT_STORY = "---\ntitle: Finding my feet again\nsummary:\nstoryteller:\n  attribution:\n  name:\nperspective:\nformat: written\nthemes: []\ncontent_notes: []\nconsent:\n  given:\n  scope: []\n  review_by:\npublished:\nstatus: draft\n---\n\nFILL IN: the storyteller's words.\n"

CASES: list[Case] = [
    Case("not-utf8", COURSE, [
        "courses/managing-anxiety.yml:1: file: the file is not saved as UTF-8 text (byte 0xE9 on this line cannot be read); save it again choosing the UTF-8 encoding.",
    ], content=b"title: Caf\xe9 club\n"),
    Case("empty-file", COURSE, [
        "courses/managing-anxiety.yml:1: file: the file is empty; add its content, or delete the file.",
    ], content=""),
    Case("only-blank-lines", COURSE, [
        "courses/managing-anxiety.yml:1: file: the file is empty; add its content, or delete the file.",
    ], content="  \n\n"),
    Case("nul-byte", STORY, [
        "stories/finding-my-feet.md:2: file: the file contains a NUL character, so it looks like a binary file rather than text; check that the right file was saved here.",
    ], content="---\ntitle: x\x00\n---\n"),
    Case("no-front-matter", STORY, [
        "stories/finding-my-feet.md:1: front matter: the file must start with front matter: a line with three dashes (---), then the fields (title: ..., and so on), then another line of three dashes.",
    ], content="It was a wee bit hard at first.\n"),
    Case("unclosed-front-matter", STORY, [
        "stories/finding-my-feet.md:1: front matter: the front matter that starts on line 1 is never closed; add a line with three dashes (---) after the last field, before the text begins.",
    ], content="---\ntitle: Finding my feet\n\nIt was hard.\n"),
    Case("unclosed-quote-in-front-matter", STORY, [
        "stories/finding-my-feet.md:2: file: the YAML cannot be read: a quoted text is not closed; add the closing quote mark.",
    ], replace=("title: Finding my feet", "title: 'Finding my feet")),
    Case("colon-in-unquoted-text", COURSE, [
        "courses/managing-anxiety.yml:1: file: the YAML cannot be read: a colon (:) appears where YAML does not expect one; if the text contains ': ', put the whole value in quotes, e.g. title: \"Hope: a story\".",
    ], replace=("title: Managing anxiety", "title: Managing anxiety: the basics")),
    Case("tab-indentation", COURSE, [
        "courses/managing-anxiety.yml:13: file: the YAML cannot be read: a tab character is used for indenting; YAML needs spaces, so replace the tab with spaces.",
    ], replace=("  open_to: [everyone]", "\topen_to: [everyone]")),
    Case("duplicate-key", COURSE, [
        "courses/managing-anxiety.yml:35: class_size: \"class_size\" appears twice in the same block (first on line 34); keep one and delete the other.",
    ], replace=("class_size: 12", "class_size: 12\nclass_size: 14")),
    Case("yaml-alias", COURSE, [
        "courses/managing-anxiety.yml:35: file: anchors and aliases (& and *) are not allowed in content files; write the value out in full.",
    ], replace=("class_size: 12", "class_size: &size 12\ncost: *size")),
    Case("file-is-a-list", COURSE, [
        "courses/managing-anxiety.yml:1: file: the course should be a set of fields (name: value lines), but this file holds a list.",
    ], content="- Managing anxiety\n- Creative writing\n"),
    Case("two-documents", COURSE, [
        "courses/managing-anxiety.yml:2: file: the YAML cannot be read: the file holds more than one YAML document (a second '---'); keep one.",
    ], content="title: A\n---\ntitle: B\n"),
    Case("bad-file-name", "courses/Managing Anxiety.yml", [
        "courses/Managing Anxiety.yml:1: file name: \"Managing Anxiety\" cannot be used as the address of a course; rename the file using lower-case letters, digits and hyphens, e.g. managing-anxiety.yml.",
        "warning: courses/managing-anxiety.yml:1: title: \"Managing anxiety\" is also the title of courses/Managing Anxiety.yml; give each course its own title (for example add where or when it runs), so readers can tell them apart.",
    ], content=None, extra_files={}),
    Case("yaml-extension", "courses/sleep-well.yaml", [
        "courses/sleep-well.yaml:1: file name: course files end in .yml; rename it to sleep-well.yml.",
    ], content="title: Sleep well\n"),
    Case("missing-title", COURSE, [
        "courses/managing-anxiety.yml:1: title: this is required but missing; add title: to the course.",
    ], replace=("title: Managing anxiety\n", "")),
    Case("misspelt-field", COURSE, [
        "courses/managing-anxiety.yml:1: summary: this is required but missing; add summary: to the course.",
        "courses/managing-anxiety.yml:2: sumary: \"sumary\" is not a field here; did you mean \"summary\"? check the spelling, or remove the line.",
    ], replace=("summary:", "sumary:")),
    Case("date-in-words", COURSE, [
        "courses/managing-anxiety.yml:31: runs[0].sessions[1].date: \"next Tuesday\" is not a date; write it as YYYY-MM-DD, for example 2027-01-14.",
    ], replace=("date: 2027-01-21", "date: next Tuesday")),
    Case("impossible-date", COURSE, [
        "courses/managing-anxiety.yml:31: runs[0].sessions[1].date: \"2027-02-30\" is not a real date (check the month and day); write it as YYYY-MM-DD, for example 2027-01-14.",
    ], replace=("date: 2027-01-21", "date: 2027-02-30")),
    Case("date-with-time", COURSE, [
        "courses/managing-anxiety.yml:31: runs[0].sessions[1].date: 2027-01-21 10:00:00 has a time in it; write only the date, as YYYY-MM-DD, for example 2027-01-14.",
    ], replace=("date: 2027-01-21", "date: 2027-01-21 10:00:00")),
    Case("time-not-24-hour", COURSE, [
        "courses/managing-anxiety.yml:32: runs[0].sessions[1].start: \"10am\" is not a time; write it in 24-hour form as HH:MM, for example 14:30.",
    ], replace=("- date: 2027-01-21\n        start: 10:00", "- date: 2027-01-21\n        start: 10am")),
    Case("session-ends-before-start", COURSE, [
        "courses/managing-anxiety.yml:33: runs[0].sessions[1].end: the session ends at 09:30, which is not after it starts at 10:00; check the times (24-hour HH:MM).",
    ], replace=("2027-01-21\n        start: 10:00\n        end: 12:00", "2027-01-21\n        start: 10:00\n        end: 09:30")),
    Case("session-outside-term", COURSE, [
        "courses/managing-anxiety.yml:31: runs[0].sessions[1].date: 2027-04-02 is outside Spring term 2027 (2027-01-11 to 2027-03-26); correct the date, or move the session to a run in the right term.",
    ], replace=("date: 2027-01-21", "date: 2027-04-02")),
    Case("sessions-out-of-order", COURSE, [
        "warning: courses/managing-anxiety.yml:28: runs[0].sessions: the sessions are not in date order; list them from first to last.",
    ], replace=("date: 2027-01-14", "date: 2027-01-28"), exit_code=0),
    # The living prospectus: run status, waiting lists, per-run overrides, changed sessions, patterns.
    Case("run-status-misspelt", COURSE, [
        "courses/managing-anxiety.yml:27: runs[0].status: \"ful\" is not allowed here (did you mean \"full\"?); use one of: open, full, cancelled.",
    ], replace=(_RUN, _RUN + "    status: ful\n")),
    Case("open-run-in-full-course", COURSE, [
        "courses/managing-anxiety.yml:27: runs[0].status: the course's status is full, which covers every run, but this run says open; remove status: from this run, or set the course's status: open and mark only the full runs with status: full.",
    ],
         content=_course((_RUN, _RUN + "    status: open\n"), ("\nstatus: open\n", "\nstatus: full\n"))),
    Case("full-run-in-cancelled-course", COURSE, [
        "courses/managing-anxiety.yml:27: runs[0].status: the course's status is cancelled, so this run cannot be full; remove status: from this run, or change the course's status.",
    ],
         content=_course((_RUN, _RUN + "    status: full\n"), ("\nstatus: open\n", "\nstatus: cancelled\n"))),
    Case("waiting-list-on-open-run", COURSE, [
        "courses/managing-anxiety.yml:28: runs[0].waiting_list: this run is open, so it has no waiting list yet; add status: full to the run, or remove waiting_list:.",
    ],
         replace=(_RUN, _RUN + "    waiting_list:\n      how_to_join: phoning 01632 960 210\n")),
    Case("waiting-list-on-cancelled-run", COURSE, [
        "courses/managing-anxiety.yml:29: runs[0].waiting_list: this run is cancelled, so it has no waiting list; set status: full, or remove waiting_list:.",
    ],
         replace=(_RUN, _RUN + "    status: cancelled\n    waiting_list:\n      how_to_join: phoning 01632 960 210\n")),
    Case("run-class-size-zero", COURSE, [
        "courses/managing-anxiety.yml:27: runs[0].class_size: 0 is too small; it must be at least 1.",
    ], replace=(_RUN, _RUN + "    class_size: 0\n")),
    Case("run-facilitators-not-co-delivered", COURSE, [
        "courses/managing-anxiety.yml:28: runs[0].facilitators: every run is co-delivered, so the facilitators of this run need one with expertise: lived-experience or carer and one with expertise: professional.",
    ],
         replace=(_RUN, _RUN + "    facilitators:\n      - name: Sam Green\n        role: Peer trainer\n"
                  "        expertise: lived-experience\n")),
    Case("run-without-sessions", COURSE, [
        "courses/managing-anxiety.yml:25: runs[0].sessions: a run needs its dates: list them under sessions:, or give a repeat: pattern.",
    ], replace=(_SESSIONS, "")),
    Case("session-cancelled-and-moved", COURSE, [
        "courses/managing-anxiety.yml:36: runs[0].sessions[1].moved_to: a session is either cancelled or moved, not both; keep cancelled: or moved_to:.",
    ],
         replace=(_SECOND, _SECOND + "        cancelled: Trainer unwell\n        moved_to:\n          date: 2027-01-22\n")),
    Case("session-moved-nowhere", COURSE, [
        "courses/managing-anxiety.yml:34: runs[0].sessions[1].moved_to: say what changed: give the new date:, start:, end: or venue: under moved_to:.",
    ], replace=(_SECOND, _SECOND + "        moved_to: {}\n")),
    Case("session-moved-outside-term", COURSE, [
        "courses/managing-anxiety.yml:35: runs[0].sessions[1].moved_to.date: 2027-04-02 is outside Spring term 2027 (2027-01-11 to 2027-03-26); correct the date, or move the session to a run in the right term.",
    ],
         replace=(_SECOND, _SECOND + "        moved_to:\n          date: 2027-04-02\n")),
    Case("session-moved-to-unknown-venue", COURSE, [
        "courses/managing-anxiety.yml:35: runs[0].sessions[1].moved_to.venue: there is no venue \"harbor-library\" in courses/_venues.yml; use one of: harbour-library.",
    ],
         replace=(_SECOND, _SECOND + "        moved_to:\n          venue: harbor-library\n")),
    Case("session-moved-ends-before-start", COURSE, [
        "courses/managing-anxiety.yml:35: runs[0].sessions[1].moved_to: the moved session would end at 12:00, which is not after it starts at 13:00; give both start: and end: under moved_to: when the times change.",
    ],
         replace=(_SECOND, _SECOND + "        moved_to:\n          start: \"13:00\"\n")),
    Case("session-cancelled-reason-empty", COURSE, [
        "courses/managing-anxiety.yml:34: runs[0].sessions[1].cancelled: this is empty; write some text here.",
    ], replace=(_SECOND, _SECOND + "        cancelled: \"\"\n")),
    Case("pattern-outside-term", COURSE, [
        "courses/managing-anxiety.yml:28: runs[0].repeat: the sessions of this pattern run from 2027-03-04 to 2027-04-08, outside Spring term 2027 (2027-01-11 to 2027-03-26); change from:, sessions: or skip: so that every session is in the term.",
    ], replace=(_SESSIONS, _pattern("2027-03-04", 6))),
    Case("pattern-skips-a-date-it-never-reaches", COURSE, [
        "courses/managing-anxiety.yml:33: runs[0].repeat.skip[0]: 2027-01-15 is not a date this pattern meets on (every week from 2027-01-14 to 2027-02-11), so there is nothing to skip; check the date, or remove it.",
    ],
         replace=(_SESSIONS, _pattern("2027-01-14", 4, "      skip: [2027-01-15, 2027-01-21]\n"))),
    Case("pattern-every-month", COURSE, [
        "courses/managing-anxiety.yml:28: runs[0].repeat.every: \"month\" is not allowed here; use one of: week, fortnight.",
    ],
         replace=(_SESSIONS, _pattern("2027-01-14", 4).replace("every: week", "every: month"))),
    Case("pattern-without-from", COURSE, [
        "courses/managing-anxiety.yml:28: runs[0].repeat.from: this is required but missing; add from: to the course.",
    ],
         replace=(_SESSIONS, _pattern("2027-01-14", 4).replace("      from: 2027-01-14\n", ""))),
    Case("too-few-outcomes", COURSE, [
        "courses/managing-anxiety.yml:10: learning_outcomes: needs at least 2 items, but has 1; add more.",
    ], replace=("  - Try three ways to manage it\n", "")),
    Case("too-many-outcomes", COURSE, [
        "courses/managing-anxiety.yml:10: learning_outcomes: has 7 items, but at most 6 are allowed; remove some.",
    ], replace=("  - Try three ways to manage it\n", "  - Two\n  - Three\n  - Four\n  - Five\n  - Six\n  - Seven\n")),
    Case("outcomes-not-a-list", COURSE, [
        "courses/managing-anxiety.yml:9: learning_outcomes: expected a list, but found \"Describe what anxiety is\"; put each item on its own line, indented and starting with '- '.",
    ], replace=("learning_outcomes:\n  - Describe what anxiety is\n  - Try three ways to manage it\n", "learning_outcomes: Describe what anxiety is\n")),
    Case("status-misspelt", COURSE, [
        "courses/managing-anxiety.yml:38: status: \"opne\" is not allowed here (did you mean \"open\"?); use one of: draft, open, full, cancelled, archived.",
    ], replace=("status: open", "status: opne")),
    Case("class-size-in-words", COURSE, [
        "courses/managing-anxiety.yml:34: class_size: \"twelve\" is not a whole number; write digits only, for example 12.",
    ], replace=("class_size: 12", "class_size: twelve")),
    Case("class-size-zero", COURSE, [
        "courses/managing-anxiety.yml:34: class_size: 0 is too small; it must be at least 1.",
    ], replace=("class_size: 12", "class_size: 0")),
    Case("title-is-a-number", COURSE, [
        "courses/managing-anxiety.yml:1: title: expected text, but YAML read 2027 as a number; put it in quotes: \"2027\".",
    ], replace=("title: Managing anxiety", "title: 2027")),
    Case("audience-unknown", COURSE, [
        "courses/managing-anxiety.yml:13: who_can_attend.open_to[0]: \"everybody\" is not allowed here (did you mean \"everyone\"?); use one of: everyone, people-using-services, carers-and-supporters, staff.",
    ], replace=("open_to: [everyone]", "open_to: [everybody]")),
    Case("unknown-category", COURSE, [
        "courses/managing-anxiety.yml:8: category: there is no category \"living-wel\" in courses/_categories.yml; use one of: creativity, living-well.",
    ], replace=("category: living-well", "category: living-wel")),
    Case("unknown-term", COURSE, [
        "courses/managing-anxiety.yml:25: runs[0].term: there is no term \"spring-2028\" in courses/_terms.yml; use one of: spring-2027.",
    ], replace=("term: spring-2027", "term: spring-2028")),
    Case("unknown-venue", COURSE, [
        "courses/managing-anxiety.yml:26: runs[0].venue: there is no venue \"harbor-library\" in courses/_venues.yml; use one of: harbour-library.",
    ], replace=("venue: harbour-library", "venue: harbor-library")),
    Case("run-without-place", COURSE, [
        "courses/managing-anxiety.yml:25: runs[0]: a run needs somewhere to happen: add venue: <venue id>, or online: true, or both for a hybrid run.",
    ], replace=("    venue: harbour-library\n", "")),
    Case("unknown-next-step", COURSE, [
        "courses/managing-anxiety.yml:39: next_steps[0]: there is no course \"creative-writng\" (no file courses/creative-writng.yml); check the spelling of the course id.",
    ], replace=("next_steps: [creative-writing]", "next_steps: [creative-writng]")),
    Case("course-lists-itself", COURSE, [
        "courses/managing-anxiety.yml:39: next_steps[0]: a course cannot list itself; remove this line.",
    ], replace=("next_steps: [creative-writing]", "next_steps: [managing-anxiety]")),
    Case("next-step-is-draft", "courses/creative-writing.yml", [
        "courses/managing-anxiety.yml:39: next_steps[0]: the course \"creative-writing\" is draft, so it has no page to link to; remove it from this list or publish that course.",
    ], replace=("status: open", "status: draft")),
    Case("not-co-delivered", COURSE, [
        "courses/managing-anxiety.yml:18: facilitators: every course is co-delivered, but no facilitator has expertise: professional; add the trainer with professional experience.",
    ], replace=("expertise: professional", "expertise: lived-experience")),
    Case("no-lived-experience-trainer", COURSE, [
        "courses/managing-anxiety.yml:18: facilitators: every course is co-delivered, but no facilitator has expertise: lived-experience or carer; add the peer or carer trainer.",
    ], replace=("expertise: lived-experience", "expertise: professional")),
    Case("no-way-to-enrol", COURSE, [
        "courses/managing-anxiety.yml:35: enrol: give at least one way to enrol: online, email, phone, in_person or post.",
    ], replace=("enrol:\n  online: https://college.example/enrol/\n  phone: 01632 960 210\n", "enrol: {}\n")),
    Case("enrol-link-without-scheme", COURSE, [
        "courses/managing-anxiety.yml:36: enrol.online: \"college.example/enrol\" is not a web address; write it in full, starting with https://",
    ], replace=("online: https://college.example/enrol/", "online: college.example/enrol")),
    Case("bad-email", "courses/creative-writing.yml", [
        "courses/creative-writing.yml:29: enrol.email: \"courses at college\" is not an e-mail address; write it like courses@example.org.",
    ], replace=("email: courses@college.example", "email: courses at college")),
    Case("bad-course-id", COURSE, [
        "courses/managing-anxiety.yml:39: next_steps[0]: \"Creative Writing\" is not a valid id; use lower-case letters, digits and hyphens only, for example managing-anxiety.",
    ], replace=("next_steps: [creative-writing]", "next_steps: [Creative Writing]")),
    Case("alias-is-current-course", COURSE, [
        "courses/managing-anxiety.yml:40: aliases[0].slug: \"creative-writing\" is the address of a current course (courses/creative-writing.yml); an alias must be an old address no longer in use.",
    ], replace=("status: open", "status: open\naliases:\n  - slug: creative-writing")),
    Case("script-in-description", COURSE, [
        "courses/managing-anxiety.yml:4: description <script>: the HTML tag <script> is not allowed in content; use Markdown instead, or ask a developer to add a safe template for it.",
    ], replace=("A friendly course about anxiety.", "A friendly course <script>alert(1)</script>")),
    Case("heading-skips-in-description", COURSE, [
        "courses/managing-anxiety.yml:6: description heading: this heading jumps from level 2 to level 5; use ### so that no level is skipped.",
    ], replace=("### What we cover", "##### What we cover")),
    Case("heading-too-high-in-description", COURSE, [
        "courses/managing-anxiety.yml:6: description heading: a level-2 heading (##) is not allowed here, because the page title above is level 2; use ### instead.",
    ], replace=("### What we cover", "## What we cover")),
    Case("anonymous-with-name", FILM, [
        "stories/river-film.md:6: storyteller.name: the storyteller chose to be anonymous, so no name may be given; remove name:, or change attribution if they agreed to be named.",
    ], replace=("  attribution: anonymous\n", "  attribution: anonymous\n  name: Jean\n")),
    Case("named-without-name", STORY, [
        "stories/finding-my-feet.md:5: storyteller: attribution is first-name, so the name to show is needed; add name: under storyteller:.",
    ], replace=("  name: Morag\n", "")),
    # A first name of two words is the storyteller's own: accepted as it is.
    Case("two-word-first-name", STORY, [], replace=("name: Morag", "name: Anne Marie"), exit_code=0),
    Case("unknown-attribution", STORY, [
        "stories/finding-my-feet.md:5: storyteller.attribution: \"firstname\" is not allowed here (did you mean \"first-name\"?); use one of: named, first-name, pseudonym, anonymous.",
    ], replace=("attribution: first-name", "attribution: firstname")),
    Case("review-before-consent", STORY, [
        "stories/finding-my-feet.md:14: consent.review_by: review_by (2025-03-01) must be after the date consent was given (2026-03-01).",
    ], replace=("review_by: 2028-03-01", "review_by: 2025-03-01")),
    Case("withdrawn-before-consent", STORY, [
        "stories/finding-my-feet.md:15: consent.withdrawn: withdrawn (2025-01-01) is before consent was given (2026-03-01); check both dates.",
    ], replace=("review_by: 2028-03-01", "review_by: 2028-03-01\n  withdrawn: 2025-01-01")),
    Case("published-before-consent", STORY, [
        "stories/finding-my-feet.md:15: published: published (2026-02-01) is before consent was given (2026-03-01); a story cannot be published before the storyteller agrees.",
    ], replace=("published: 2026-04-01", "published: 2026-02-01")),
    Case("empty-consent-scope", STORY, [
        "stories/finding-my-feet.md:13: consent.scope: needs at least 1 item, but has 0; add more.",
    ], replace=("scope: [web, print]", "scope: []")),
    Case("unknown-content-note", STORY, [
        "stories/finding-my-feet.md:10: content_notes[0]: \"hospital\" is not allowed here (did you mean \"hospital-admission\"?); use one of: self-harm, suicidal-thoughts, suicide, bereavement, substance-use, eating-difficulties, abuse, violence, trauma, hospital-admission, detention, discrimination.",
    ], replace=("content_notes: [hospital-admission]", "content_notes: [hospital]")),
    Case("unknown-theme", STORY, [
        "stories/finding-my-feet.md:9: themes[0]: \"connection\" is not allowed here (did you mean \"connectedness\"?); use one of: connectedness, hope, identity, meaning, empowerment.",
    ], replace=("themes: [connectedness, hope]", "themes: [connection, hope]")),
    Case("heading-skips-in-story", STORY, [
        "stories/finding-my-feet.md:20: body heading: this heading jumps from level 1 to level 4; use ## so that no level is skipped.",
    ], replace=("## What helped", "#### What helped")),
    Case("level-one-heading-in-story", STORY, [
        "stories/finding-my-feet.md:20: body heading: a level-1 heading (#) is not allowed here, because the page title above is level 1; use ## instead.",
    ], replace=("## What helped", "# What helped")),
    Case("javascript-link", STORY, [
        "stories/finding-my-feet.md:22: body link: the link \"javascript:alert(1)\" uses \"javascript:\", which is not allowed; links may only start with https://, http://, mailto: or tel:, or point to another page of this site.",
    ], replace=("The walking group.", "The [walking group](javascript:alert(1)).")),
    Case("javascript-link-with-tab", STORY, [
        "stories/finding-my-feet.md:22: body <a href>: the link \"java script:alert(1)\" uses \"javascript:\", which is not allowed; links may only start with https://, http://, mailto: or tel:, or point to another page of this site.",
    ], replace=("The walking group.", '<a href="java&#x09;script:alert(1)">The walking group</a>.')),
    Case("event-handler-attribute", STORY, [
        "stories/finding-my-feet.md:22: body <span onclick>: the attribute onclick=\"...\" runs a script and is not allowed; remove it.",
    ], replace=("The walking group.", '<span onclick="steal()">The walking group</span>.')),
    Case("iframe-from-other-host", STORY, [
        "stories/finding-my-feet.md:22: body <iframe src>: embedded content from \"tracker.example\" is not allowed; only films from www.youtube-nocookie.com or player.vimeo.com can be embedded. Link to other content instead.",
    ], replace=("The walking group.", '<iframe src="https://tracker.example/embed"></iframe>')),
    Case("object-tag", STORY, [
        "stories/finding-my-feet.md:22: body <object>: the HTML tag <object> is not allowed in content; use Markdown instead, or ask a developer to add a safe template for it.",
    ], replace=("The walking group.", '<object data="film.swf"></object>')),
    Case("video-without-transcript", FILM, [
        "stories/river-film.md:9: media.transcript: a video story needs a transcript, so everyone can read it; add transcript: with a Markdown file beside the story.",
    ], replace=("  transcript: media/river-film-transcript.md\n", "")),
    Case("video-without-captions", FILM, [
        "stories/river-film.md:9: media.captions: a video story needs captions; add captions: with a WebVTT (.vtt) file beside the story.",
    ], replace=("  captions: media/river-film.vtt\n", "")),
    Case("missing-captions-file", FILM, [
        "stories/river-film.md:10: media.captions: the file \"media/river.vtt\" does not exist next to this story (looked for stories/media/river.vtt); check the name, or add the file.",
    ], replace=("captions: media/river-film.vtt", "captions: media/river.vtt")),
    Case("video-host-not-allowed", FILM, [
        "stories/river-film.md:9: media.url: films from \"www.youtube.com\" cannot be embedded; use the privacy-enhanced address on www.youtube-nocookie.com or player.vimeo.com.",
    ], replace=("https://www.youtube-nocookie.com/embed/abcdefghijk", "https://www.youtube.com/watch?v=abcdefghijk")),
    Case("video-without-media", FILM, [
        "stories/river-film.md:7: format: a video story needs a media: block with the file or url, and its transcript, captions or alt text.",
    ], replace=("media:\n  url: https://www.youtube-nocookie.com/embed/abcdefghijk\n  captions: media/river-film.vtt\n  transcript: media/river-film-transcript.md\n", "")),
    Case("media-path-escapes-folder", FILM, [
        "stories/river-film.md:10: media.captions: \"../../secrets.vtt\" must be a path relative to this file's folder, using forward slashes and no '..'; for example media/river-walk.jpg.",
    ], replace=("captions: media/river-film.vtt", "captions: ../../secrets.vtt")),
    Case("image-without-alt", "stories/harbour-picture.md", [
        "stories/harbour-picture.md:10: media.alt: an image story needs alt text saying what the picture shows; add alt: under media:.",
    ], content="---\ntitle: Harbour picture\nsummary: A painting.\nstoryteller:\n  attribution: pseudonym\n  name: Gull\nperspective: lived-experience\nformat: image\nmedia:\n  file: media/harbour.png\nconsent:\n  given: 2026-03-01\n  scope: [web]\n  review_by: 2028-03-01\npublished: 2026-04-01\n---\n\nI painted this.\n", extra_files={"stories/media/harbour.png": _tiny_png()}),
    Case("paper-number-differs-from-file-name", PAPER, [
        "content/briefings/17-preparing-organisations.md:2: number: the number is 18 but the file name starts with 17; make them the same.",
    ], replace=("number: 17", "number: 18")),
    Case("unknown-related-paper", PAPER, [
        "content/briefings/17-preparing-organisations.md:7: related[0]: there is no paper number 21; use the number of a paper in content/briefings/.",
    ], replace=("related: [20]", "related: [21]")),
    Case("published-paper-without-pdf", PAPER, [
        "content/briefings/17-preparing-organisations.md:2: status: a published paper needs pdf: (a file beside it or a web address of the PDF) or url: (its web page); or set status: planned.",
    ], replace=("pdf: https://papers.example/17.pdf\n", "")),
    Case("paper-year-in-words", PAPER, [
        "content/briefings/17-preparing-organisations.md:5: year: \"twenty nineteen\" is not a whole number; write digits only, for example 12.",
    ], replace=("year: 2019", "year: twenty nineteen")),
    Case("paper-file-name-without-number", "content/briefings/peer-support.md", [
        "content/briefings/peer-support.md:1: file name: \"peer-support.md\" should start with the paper number and a hyphen, then the title in lower case with hyphens, e.g. 17-preparing-organisations-for-peer-support.md.",
    ], content="---\nnumber: 3\ntitle: Peer support\nauthors: [A Team]\nyear: 2020\nsummary: About peer support.\nstatus: planned\n---\n"),
    Case("duplicate-paper-number", "content/briefings/17-another-paper.md", [
        "content/briefings/17-preparing-organisations.md:2: number: paper number 17 is already used by content/briefings/17-another-paper.md; each paper needs its own number.",
    ], content="---\nnumber: 17\ntitle: Another paper\nauthors: [A Team]\nyear: 2020\nsummary: Another.\nstatus: planned\n---\n"),
    Case("resource-url-and-file", RESOURCE, [
        "content/resources/wellbeing-guide.yml:1: file: give exactly one of url: (a web address) or file: (a file beside this one).",
    ], replace=("url: https://www.nhs.uk/mental-health/", "url: https://www.nhs.uk/mental-health/\nfile: guide.pdf")),
    Case("resource-type-misspelt", RESOURCE, [
        "content/resources/wellbeing-guide.yml:2: type: \"guid\" is not allowed here (did you mean \"guide\"?); use one of: guide, toolkit, leaflet, film, podcast, webinar, tool, directory-entry, link, report.",
    ], replace=("type: guide", "type: guid")),
    Case("resource-review-date-passed", RESOURCE, [
        "warning: content/resources/wellbeing-guide.yml:8: review_by: the review date 2026-01-01 has passed; check the resource is still accurate and set a new review date.",
    ], replace=("review_by: 2028-01-01", "review_by: 2026-01-01"), exit_code=0),
    Case("sensitive-note-without-flag", RESOURCE, [
        "content/resources/wellbeing-guide.yml:9: sensitive_note: sensitive_note is set but sensitive is not true; set sensitive: true or remove the note.",
    ], replace=("review_by: 2028-01-01", "review_by: 2028-01-01\nsensitive_note: Talks about loss.")),
    Case("terms-file-missing", "courses/_terms.yml", [
        "courses/_terms.yml:1: file: this file is missing; it lists the terms that courses refer to. Create it (see docs/content-formats.md).",
    ], delete=True),
    Case("venue-field-missing", "courses/_venues.yml", [
        "courses/_venues.yml:2: venues[0].quiet_room: this is required but missing; add quiet_room: to the venue.",
    ], replace=("    quiet_room: false\n", "")),
    Case("venue-yes-no-not-boolean", "courses/_venues.yml", [
        "courses/_venues.yml:12: venues[0].quiet_room: \"sometimes\" is not true or false; write true or false.",
    ], replace=("quiet_room: false", "quiet_room: sometimes")),
    Case("term-ends-before-start", "courses/_terms.yml", [
        "courses/_terms.yml:5: terms[0].end: the term ends (2026-03-26) before it starts (2027-01-11); check both dates.",
    ], replace=("end: 2027-03-26", "end: 2026-03-26")),
    Case("duplicate-category-id", "courses/_categories.yml", [
        "courses/_categories.yml:5: categories[1].id: the id \"living-well\" is used twice in this file; each must be unique.",
        "courses/creative-writing.yml:4: category: there is no category \"creativity\" in courses/_categories.yml; use one of: living-well.",
    ], replace=("  - id: creativity", "  - id: living-well")),
    Case("suffers-from-in-summary", COURSE, [
        "warning: courses/managing-anxiety.yml:2: summary: \"suffers from\": say \"lives with\" or \"has experience of\" rather than \"suffers from\" (person-first, hopeful language).",
    ], replace=("summary: Learn what anxiety is", "summary: For anyone who suffers from anxiety. Learn what anxiety is"), exit_code=0),
    Case("course-promises-therapy", COURSE, [
        "warning: courses/managing-anxiety.yml:11: learning_outcomes[1]: \"cure\": courses are education, not treatment; describe what students learn instead of promising treatment, therapy or a cure.",
        "warning: courses/managing-anxiety.yml:11: learning_outcomes[1]: \"therapy\": courses are education, not treatment; describe what students learn instead of promising treatment, therapy or a cure.",
    ], replace=("  - Try three ways to manage it", "  - Get therapy that will cure your anxiety"), exit_code=0),
    Case("committed-suicide-in-resource", RESOURCE, [
        "warning: content/resources/wellbeing-guide.yml:3: summary: \"committed suicide\": say \"died by suicide\" (person-first, hopeful language).",
    ], replace=("summary: A short guide to wellbeing.", "summary: For families after someone committed suicide."), exit_code=0),
    Case("quoted-words-are-not-flagged", RESOURCE, [
    ], replace=("summary: A short guide to wellbeing.", "summary: 'Why \"committed suicide\" hurts families.'"), exit_code=0),
    Case("story-body-words-are-never-flagged", STORY, [
    ], replace=("The walking group.", "I used to say I suffered from my nerves. The walking group."), exit_code=0),
    Case("vague-link-text", "content/index.md", [
        "warning: content/index.md:9: body: the link text \"click here\" does not say where it goes; use words that make sense on their own, e.g. [how to enrol](enrol.md).",
    ], replace=("See the courses.", "To see the courses, [click here](courses/index.md)."), exit_code=0),
    Case("reading-age-too-high", "courses/creative-writing.yml", [
        "warning: courses/creative-writing.yml:3: description: reading age is over 18, above the target of 11; use shorter sentences and everyday words.",
    ], replace=("description: Writing together.", "description: Participants will collaboratively investigate sophisticated compositional methodologies, interrogating autobiographical representation, intertextuality and the epistemological implications of narrative reconstruction within contemporary psychosocial rehabilitation paradigms, considering organisational, interpersonal and institutional perspectives."), exit_code=0),
    Case("template-text-left-in-open-course", COURSE, [
        "courses/managing-anxiety.yml:11: learning_outcomes[1]: this still holds the template text \"FILL IN: …\"; write the real text here.",
    ], replace=("  - Try three ways to manage it", "  - \"FILL IN: another thing students will be able to do.\"")),
    Case("empty-choice", COURSE, [
        "courses/managing-anxiety.yml:38: status: this is empty; choose one of: draft, open, full, cancelled, archived.",
    ], replace=("status: open", "status:")),
    Case("html-in-plain-text-title", COURSE, [
        "courses/managing-anxiety.yml:1: title: this is plain text, so HTML such as \"<em>\" would be shown as typed; remove it (formatting is only for descriptions and story text).",
    ], replace=("title: Managing anxiety", "title: Managing <em>anxiety</em>")),
    Case("html-in-storyteller-name", FILM, [
        "stories/river-film.md:6: storyteller.name: this is plain text, so HTML such as \"<img>\" would be shown as typed; remove it (formatting is only for descriptions and story text).",
    ], replace=("  attribution: anonymous\n", "  attribution: pseudonym\n  name: <img src=x onerror=alert(1)>\n")),
    Case("page-front-matter-typo", "content/index.md", [
        "content/index.md:2: titel: \"titel\" is not a field here; did you mean \"title\"? check the spelling, or remove the line.",
    ], replace=("title: Home", "titel: Home")),
    Case("page-heading-skips", "content/index.md", [
        "content/index.md:7: body heading: this heading jumps from level 1 to level 3; use ## so that no level is skipped.",
    ], replace=("## Courses", "### Courses")),
    # Front matter that Material prints or follows, and text that would change how outputs read.
    Case("page-status-unknown", "content/index.md", [
        "content/index.md:3: status: \"beta\" is not allowed here; use one of: new, deprecated.",
    ], replace=("title: Home\n", "title: Home\nstatus: beta\n")),
    Case("page-icon-is-a-path", "content/index.md", [
        "content/index.md:3: icon: \"../../partials/header\" is not an icon name; write a Material icon name such as material/heart-outline (see the icon search in Material for MkDocs' documentation), or leave icon: out.",
    ], replace=("title: Home\n", "title: Home\nicon: ../../partials/header\n")),
    Case("page-template-unknown", "content/index.md", [
        "content/index.md:3: template: \"story.html\" is not allowed here (did you mean \"home.html\"?); use one of: main.html, home.html, crisis-support.html.",
    ], replace=("title: Home\n", "title: Home\ntemplate: story.html\n")),
    Case("page-icon-accepted", "content/index.md", [
    ], replace=("title: Home\n", "title: Home\nicon: material/heart-outline\nstatus: new\n"), exit_code=0),
    Case("control-character-in-title", COURSE, [
        "courses/managing-anxiety.yml:1: title: this holds an invisible control character (U+0007), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace=("title: Managing anxiety", 'title: "Managing\\a anxiety"')),
    Case("title-over-two-lines", COURSE, [
        "courses/managing-anxiety.yml:1: title: this must fit on one line, but it runs over several; join the lines into one.",
    ], replace=("title: Managing anxiety", "title: |\n  Managing\n  anxiety")),
    Case("direction-override-in-summary", RESOURCE, [
        "content/resources/wellbeing-guide.yml:3: summary: this holds an invisible control character (U+2066), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace=("summary: A short guide to wellbeing.", "summary: A short guide to \u2066wellbeing.")),
    Case("control-character-in-description", COURSE, [
        "courses/managing-anxiety.yml:3: description: this holds an invisible control character (U+0008), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace=("description: |\n  A friendly course about anxiety.\n\n  ### What we cover\n  Breathing, noticing and planning.\n",
                'description: "A friendly course\\b about anxiety."\n')),
    Case("control-character-in-story-body", STORY, [
        "stories/finding-my-feet.md:22: body: this holds an invisible control character (U+001B), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace=("The walking group.", "The walking \x1b[2J group.")),
    # Files in content/, and addresses.
    Case("note-left-in-content", "content/notes.txt", [
        "warning: content/notes.txt:1: file: this file is not published on the website: only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and captions are published; move it out of content/ if it is not meant for readers.",
    ], content="Call Jo back.\n", exit_code=0),
    Case("web-page-in-content", "content/offer.htm", [
        "content/offer.htm:1: file: a .htm file cannot be published: a web page could run scripts on the site; write the page in Markdown (.md) instead.",
    ], content="<p>Offer</p>\n"),
    Case("svg-picture-in-content", "content/map.svg", [
        "content/map.svg:1: file: a .svg file cannot be published: an SVG picture can hold scripts; save the picture as PNG or WebP instead.",
    ], content="<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"),
    Case("picture-in-the-theme-folder", RESOURCE, [
        "content/assets/logo.png:1: file: the address assets/logo.png belongs to the theme's own files, so this file would replace part of the theme on every page; move it to another folder, such as images/.",
    ], replace=("type: guide", "type: guide"), extra_files={"content/assets/logo.png": _tiny_png()}),
    Case("page-at-the-search-index-address", "content/pagefind.md", [
        "content/pagefind.md:1: file: the address pagefind/ on the website holds its search index, which the build writes there, so this file would be lost or replace part of it; move it to another folder or give it another name.",
    ], content="---\ntitle: Find\n---\n\nText.\n"),
    Case("file-in-the-search-index-folder", RESOURCE, [
        "content/pagefind/notes.pdf:1: file: the address pagefind/ on the website holds its search index, which the build writes there, so this file would be lost or replace part of it; move it to another folder or give it another name.",
    ], replace=("type: guide", "type: guide"), extra_files={"content/pagefind/notes.pdf": b"%PDF-1.4\n"}),
    Case("resource-file-of-any-type-is-published", RESOURCE, [
    ], replace=("url: https://www.nhs.uk/mental-health/", "file: wellbeing-guide.docx"), exit_code=0,
        extra_files={"content/resources/wellbeing-guide.docx": b"PK\x03\x04"}),
    Case("alias-takes-the-timetable-address", COURSE, [
        "courses/managing-anxiety.yml:40: aliases[0].slug: the address /courses/timetable/ is already the timetable, which the build makes; each address leads to one page only, so rename this one.",
    ], replace=("status: open", "status: open\naliases:\n  - slug: timetable")),
    Case("course-file-named-index", "courses/index.yml", [
        "content/courses/managing-anxiety.md:1: file: the address /courses/managing-anxiety/ is already the course in courses/managing-anxiety.yml; each address leads to one page only, so rename this one.",
        "courses/index.yml:1: file name: the address /courses/ is already the course listing, which the build makes; each address leads to one page only, so rename this one.",
        "warning: courses/managing-anxiety.yml:1: title: \"Managing anxiety\" is also the title of courses/index.yml; give each course its own title (for example add where or when it runs), so readers can tell them apart.",
    ], content=None, extra_files={"content/courses/managing-anxiety.md": "---\ntitle: Anxiety\n---\n\nText.\n"}),
    Case("page-takes-a-venue-address", RESOURCE, [
        "content/venues/harbour-library.md:1: file: the address /venues/harbour-library/ is already the venue \"harbour-library\" in courses/_venues.yml; each address leads to one page only, so rename this one.",
    ], replace=("type: guide", "type: guide"),
        extra_files={"content/venues/harbour-library.md": "---\ntitle: Library\n---\n\nText.\n"}),
    # What a form editor writes for optional blocks left empty means the same as leaving them out.
    Case("empty-optional-blocks-of-a-run", COURSE, [
    ], replace=("    venue: harbour-library\n", "    venue: harbour-library\n    facilitators: []\n    repeat:\n      skip: []\n"),
        exit_code=0),
    # Slips a careful editor would want caught.
    Case("session-listed-twice", COURSE, [
        "courses/managing-anxiety.yml:31: runs[0].sessions[1]: this session (2027-01-14 at 10:00) is listed twice in this run, also as runs[0].sessions[0]; delete one, or correct its date.",
    ], replace=("date: 2027-01-21", "date: 2027-01-14")),
    Case("same-title-as-another-course", "courses/creative-writing.yml", [
        "warning: courses/managing-anxiety.yml:1: title: \"Managing anxiety\" is also the title of courses/creative-writing.yml; give each course its own title (for example add where or when it runs), so readers can tell them apart.",
    ], replace=("title: Creative writing", "title: Managing  Anxiety"), exit_code=0),
    Case("session-in-the-night", COURSE, [
        "warning: courses/managing-anxiety.yml:32: runs[0].sessions[1].start: 01:30 is in the night; did you mean 1:30pm? write 13:30 (times use the 24-hour clock).",
    ], replace=("- date: 2027-01-21\n        start: 10:00", "- date: 2027-01-21\n        start: 01:30"), exit_code=0),
    Case("mailto-in-email", "courses/creative-writing.yml", [
        "courses/creative-writing.yml:29: enrol.email: \"mailto:courses@college.example\" starts with mailto:, which the site adds itself; write the address alone: courses@college.example.",
    ], replace=("email: courses@college.example", "email: mailto:courses@college.example")),
    Case("tel-in-phone", COURSE, [
        "courses/managing-anxiety.yml:37: enrol.phone: \"tel:01632 960 210\" starts with tel:, which the site adds itself; write the number alone: \"01632 960 210\".",
    ], replace=("phone: 01632 960 210", "phone: tel:01632 960 210")),
    Case("letter-in-phone", COURSE, [
        "courses/managing-anxiety.yml:37: enrol.phone: \"01632 96O 210\" has the letter \"O\" in the number; a phone number has only digits and spaces (check for a letter O typed for a zero). Put opening hours in brackets after the number, for example \"01632 960412 (Monday to Friday, 9am to 5pm)\".",
    ], replace=("phone: 01632 960 210", "phone: 01632 96O 210")),
    Case("phone-with-opening-hours-is-fine", COURSE, [
    ], replace=("phone: 01632 960 210", "phone: \"01632 960 210 (Monday to Friday, 9am to 5pm)\""), exit_code=0),
    Case("enrol-only-online", COURSE, [
        "warning: courses/managing-anxiety.yml:36: enrol: the only ways to enrol need the internet, and not everyone is online; add phone:, in_person: or post: as well.",
    ], replace=("  phone: 01632 960 210\n", ""), exit_code=0),
    Case("curly-quotes-around-value", COURSE, [
        "courses/managing-anxiety.yml:1: title: \u201cManaging anxiety\u201d is wrapped in curly quotes, which YAML does not treat as quotes, so they would be published; use straight quotes (\") around the whole value, or none: \"Managing anxiety\".",
    ], replace=("title: Managing anxiety", "title: \u201cManaging anxiety\u201d")),
    Case("curly-quotes-around-value-with-colon", COURSE, [
        "courses/managing-anxiety.yml:1: file: the YAML cannot be read: this line has curly quotes (\u201c \u201d or \u2018 \u2019), which YAML does not treat as quotes; put straight quotes (\") around the whole value instead.",
    ], replace=("title: Managing anxiety", "title: \u201cManaging anxiety: the basics\u201d")),
    Case("missing-colon", COURSE, [
        "courses/managing-anxiety.yml:34: file: the YAML cannot be read: this line has no colon (:) after its field name; write it as name: value, or close the quote if a quoted text goes on from here.",
    ], replace=("class_size: 12", "class_size 12")),
    Case("missing-space-after-colon", COURSE, [
        "courses/managing-anxiety.yml:2: file: the YAML cannot be read: the colon after \"summary\" needs a space after it; write summary: followed by a space, then the value.",
    ], replace=("summary: Learn", "summary:Learn")),
    Case("phone-number-read-as-a-number", COURSE, [
        "courses/managing-anxiety.yml:37: enrol.phone: expected text, but YAML read 01632960210 as a number; put it in quotes: \"01632960210\".",
    ], replace=("phone: 01632 960 210", "phone: 01632960210")),
    Case("time-with-a-dot", COURSE, [
        "courses/managing-anxiety.yml:32: runs[0].sessions[1].start: \"14.00\" is not a time; write it in 24-hour form as HH:MM, for example 14:30.",
    ], replace=("- date: 2027-01-21\n        start: 10:00\n        end: 12:00", "- date: 2027-01-21\n        start: 14.00\n        end: 16:00")),
    # Drafts: checked only for what makes them unreadable, and held back.
    Case("half-written-draft-story", "stories/finding-my-feet-again.md", [
    ], content=DRAFT_STORY, exit_code=0),
    Case("draft-story-with-a-wrong-type", "stories/finding-my-feet-again.md", [
        "stories/finding-my-feet-again.md:15: published: \"next week\" is not a date; write it as YYYY-MM-DD, for example 2027-01-14.",
    ], content=DRAFT_STORY.replace("published:\n", "published: next week\n")),
    Case("draft-story-with-a-misspelt-field", "stories/finding-my-feet-again.md", [
        "stories/finding-my-feet-again.md:3: sumary: \"sumary\" is not a field here; did you mean \"summary\"? check the spelling, or remove the line.",
    ], content=DRAFT_STORY.replace("summary:\n", "sumary:\n")),
    Case("template-text-in-published-story", STORY, [
        "stories/finding-my-feet.md:22: body: this still holds the template text \"FILL IN: …\"; write the real text here.",
    ], replace=("The walking group.", "FILL IN: what helped.")),
    Case("template-text-in-draft-story", STORY, [
    ], replace=("summary: How a walking group helped me.", "summary: \"FILL IN: one sentence.\"\nstatus: draft"), exit_code=0),
    Case("draft-resource", RESOURCE, [
    ], replace=("produced_by: NHS\n", "produced_by:\nstatus: draft\n"), exit_code=0),
    Case("draft-paper-with-a-wrong-type", PAPER, [
        "content/briefings/17-preparing-organisations.md:5: year: \"soon\" is not a whole number; write digits only, for example 12.",
    ], replace=("year: 2019", "year: soon\nstatus: draft")),
    # Links and pictures in Markdown, resolved as the build resolves them.
    Case("broken-course-link-in-story", STORY, [
        "stories/finding-my-feet.md:22: body link: there is no page or file \"/courses/managing-anxeity.md\" on the site (looked for courses/managing-anxeity.md); did you mean /courses/managing-anxiety.md?",
    ], replace=("The walking group.", "The walking group, then [Managing anxiety](/courses/managing-anxeity.md).")),
    Case("missing-picture-in-story", STORY, [
        "stories/finding-my-feet.md:22: body image: there is no picture \"media/harbour.jpg\" (looked for stories/media/harbour.jpg); check the name, or add the file.",
    ], replace=("The walking group.", "![The harbour at dawn](media/harbour.jpg)")),
    Case("picture-without-alt-text", "content/index.md", [
        "content/index.md:9: body image: this picture has no alt text; describe what it shows inside the brackets, ![like this](media/picture.jpg), or add {.decorative} after it if it is only decoration.",
    ], replace=("See the courses.", "![](wave.png)"), extra_files={"content/wave.png": _tiny_png()}),
    Case("decorative-picture", "content/index.md", [
    ], replace=("See the courses.", "![](wave.png){.decorative}"), extra_files={"content/wave.png": _tiny_png()}, exit_code=0),
    Case("course-link-as-web-address", "content/index.md", [
        "content/index.md:9: body link: \"/courses/creative-writing/\" is a web address, which would break in the offline copy; link to the page's file instead, /courses/creative-writing.md, which works from every page.",
    ], replace=("See the courses.", "See [Creative writing](/courses/creative-writing/).")),
    Case("link-to-a-draft-story", "content/index.md", [
        "content/index.md:9: body link: the link \"/stories/finding-my-feet-again.md\" leads nowhere: the story stories/finding-my-feet-again.md is not published (draft); remove the link, or link to another page.",
    ], replace=("See the courses.", "Read [a new story](/stories/finding-my-feet-again.md)."), extra_files={"stories/finding-my-feet-again.md": DRAFT_STORY}),
    Case("link-to-a-missing-anchor", PAPER, [
        "content/briefings/17-preparing-organisations.md:13: body link: the page stories/finding-my-feet.md has no heading or anchor \"#what-helps\"; check the spelling of the part after #, or link to the page alone.",
    ], replace=("A summary.", "As [Morag says](/stories/finding-my-feet.md#what-helps).")),
    Case("links-from-a-course-description", COURSE, [
    ], replace=("A friendly course about anxiety.", "A friendly course about anxiety.\n\n  - [Creative writing](/courses/creative-writing.md)\n  - [Morag's story](/stories/finding-my-feet.md#what-helped)\n  - [Paper 20](/briefings/20-value-of-experience.md)"), exit_code=0),
    Case("links-from-a-story", STORY, [
    ], replace=("The walking group.", "The walking group, and [Managing anxiety](/courses/managing-anxiety.md) (or [the same page](../courses/managing-anxiety.md))."), exit_code=0),
    Case("yes-is-not-true", "courses/_venues.yml", [
        "courses/_venues.yml:12: venues[0].quiet_room: \"yes\" is not true or false; write true or false.",
    ], replace=("quiet_room: false", "quiet_room: yes")),
    Case("indented-too-far", COURSE, [
        "courses/managing-anxiety.yml:16: file: the YAML cannot be read: this line is indented further than the line above, so YAML reads it as part of that line's value; line it up with the fields around it.",
    ], replace=("  length: Four", "   length: Four")),
    Case("scope-in-words", STORY, [
        "stories/finding-my-feet.md:13: consent.scope[0]: \"website\" is not allowed here (did you mean \"web\"?); use one of: web, print, training, social.",
    ], replace=("scope: [web, print]", "scope: [website, print]")),
    Case("draft-course-for-a-term-not-listed-yet", COURSE, [
    ], content=_minimal(COURSE).replace("status: open", "status: draft").replace("term: spring-2027", "term: summer-2027"),
        exit_code=0),
    Case("anchor-on-the-same-page", "content/index.md", [
    ], replace=("Welcome.", "Welcome. See [the courses](#courses)."), exit_code=0),
    Case("missing-anchor-on-the-same-page", "content/index.md", [
        "content/index.md:5: body link: this page has no heading or anchor \"#curses\"; check the spelling of the part after #.",
    ], replace=("Welcome.", "Welcome. See [the courses](#curses).")),
    Case("link-outside-the-site", STORY, [
        "stories/finding-my-feet.md:22: body link: the link \"../../secrets.md\" points outside the site; link to a page of this site, e.g. /courses/understanding-anxiety.md.",
    ], replace=("The walking group.", "The [walking group](../../secrets.md).")),
    # The college's settings in mkdocs.yml: brand colours readable, a known nation, a logo that exists.
    Case("brand-colour-too-pale", "mkdocs.yml", [
        "mkdocs.yml:5: extra.brand.colour: #7fd6e0 has a contrast of 1.7:1 with white text and the white page, and text needs at least 4.5:1 to be readable (WCAG AA); choose a darker colour.",
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  brand:\n    colour: \"#7fd6e0\"")),
    Case("brand-dark-scheme-colour-too-dark", "mkdocs.yml", [
        "mkdocs.yml:5: extra.brand.dark_scheme_colour: #005a66 has a contrast of 2.1:1 with the dark background, and text needs at least 4.5:1 to be readable (WCAG AA); choose a lighter colour.",
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  brand:\n    dark_scheme_colour: \"#005a66\"")),
    Case("brand-colour-just-enough-contrast", "mkdocs.yml", [
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  brand:\n    colour: \"#767676\""), exit_code=0),
    Case("brand-colour-not-a-colour", "mkdocs.yml", [
        "mkdocs.yml:5: extra.brand.colour: \"teal-ish\" is not a colour; write it as a hex code in quotes, for example \"#005a66\".",
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  brand:\n    colour: teal-ish")),
    Case("brand-logo-missing", "mkdocs.yml", [
        "mkdocs.yml:5: extra.brand.logo: there is no file content/images/logo.png; put the logo there, or correct the path (it is relative to content/).",
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  brand:\n    logo: images/logo.png")),
    Case("brand-logo-outside-content", "mkdocs.yml", [
        "mkdocs.yml:5: extra.brand.logo: the logo must be a PNG, JPEG or WebP picture under content/, named with letters, digits and dashes, for example images/logo.png.",
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  brand:\n    logo: ../../secret.png")),
    Case("unknown-nation", "mkdocs.yml", [
        "mkdocs.yml:4: extra.nation: \"britain\" is not a nation this tool knows; write one of england, wales, scotland, northern-ireland, or remove the line.",
    ], replace=("docs_dir: content", "docs_dir: content\nextra:\n  nation: britain")),
    Case("language-not-a-tag", "mkdocs.yml", [
        "mkdocs.yml:4: theme.language: \"British English\" is not a language tag; write en-GB (British English), or remove the line.",
    ], replace=("docs_dir: content", "docs_dir: content\ntheme:\n  language: British English")),
]
