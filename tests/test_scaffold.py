"""``python -m build_tools new``: file names, refusals, what it prints, and how validate sees the new file."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pytest
from projects import copy_project

from build_tools.cli.main import main
from build_tools.cli.scaffold import slugify
from build_tools.content import models
from build_tools.content.load import load_collections
from build_tools.site.published import assemble, validate

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample project's content, with two known briefing papers (numbers 1 and 3)."""
    monkeypatch.setenv("RECOVERY_TODAY", "2026-11-22")
    root = tmp_path / "project"
    root.mkdir()
    copy_project("full", root)
    briefings = root / "content" / "briefings"
    for paper in briefings.glob("[0-9]*.md"):
        paper.unlink()
    for number in (1, 3):
        (briefings / f"{number:02d}-paper-{number}.md").write_text(
            f"---\nnumber: {number}\ntitle: Paper {number}\nauthors: [A Team]\nyear: 2025\n"
            f"summary: A paper.\nstatus: planned\n---\n\nText.\n", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main(["new", *args, "--root", str(root)])
    return code, capsys.readouterr().out


def line_of(path: Path, start: str) -> int:
    """1-based number of the first line that, without its indentation, starts with ``start``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip().startswith(start):
            return number
    raise AssertionError(f"no line starting {start!r} in {path}")


def problems_for(root: Path, rel: str) -> list[str]:
    _, problems = validate(root)
    return [str(p) for p in problems if p.path == rel]


@pytest.mark.parametrize(("title", "slug"), [
    ("Managing Anxiety", "managing-anxiety"),
    ("I thought college wasn't for me", "i-thought-college-wasnt-for-me"),
    ("Carers & Supporters: Café Mornings", "carers-and-supporters-cafe-mornings"),
    ("  Sleep -- and -- wellbeing!  ", "sleep-and-wellbeing"),
    ("Ünïcödé Çourse 2027", "unicode-course-2027"),
    ("!!!", ""),
    ("💬", ""),
    ("word " * 30, ("word-" * 12).rstrip("-")),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_course_is_a_valid_draft(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "course", "Walking Football")
    path = project / "courses" / "walking-football.yml"
    assert code == 0
    assert path.is_file()
    assert problems_for(project, "courses/walking-football.yml") == []
    collections, problems = validate(project)
    course = collections.courses["walking-football"]
    assert course.title == "Walking Football"
    assert course.status == "draft"
    assert "walking-football" not in {c.id for c in assemble(collections, problems, TODAY).courses}
    placeholder_lines = [
        (line_of(path, "summary:"), "summary"),
        (line_of(path, "description:"), "description"),
        (line_of(path, '- "FILL IN: something'), "learning_outcomes[0]"),
        (line_of(path, '- "FILL IN: another'), "learning_outcomes[1]"),
        (line_of(path, "length:"), "format.length"),
        (line_of(path, '- name: "FILL IN: name of the peer'), "facilitators[0].name"),
        (line_of(path, '- name: "FILL IN: name of the trainer'), "facilitators[1].name"),
        (line_of(path, 'role: "FILL IN'), "facilitators[1].role"),
        (line_of(path, "phone:"), "enrol.phone"),
    ]
    assert out == "\n".join([
        "Created courses/walking-football.yml.",
        "It is a draft: it is not on the website or in the prospectus until you set status: open.",
        "",
        "Fill in next:",
        *(f"  line {line}: {field}: replace the FILL IN: text." for line, field in placeholder_lines),
        "",
        "Then check your work:  make validate   (or .venv/bin/python -m build_tools validate)",
        "and preview it:        make serve, then open http://127.0.0.1:8000/courses/walking-football/",
        "                       (it appears there once its status is open or full).",
        "Every field is described in docs/content-formats.md; the steps are in docs/editing.md.",
        "",
    ])


def test_course_template_lists_the_real_choices(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, project, "course", "Walking Football")
    text = (project / "courses" / "walking-football.yml").read_text(encoding="utf-8")
    collections = load_collections(project)
    for literal in (models.Audience, models.CourseFormat, models.Expertise, models.CourseStatus):
        assert f"of: {', '.join(typing.get_args(literal))}." in text
    assert f"one of: {', '.join(collections.categories)}." in text
    assert f"venue is one of: {', '.join(collections.venues)};" in text


def test_course_example_run_validates_once_uncommented(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor who removes the "# " from the example run and publishes gets no error from the run."""
    run(capsys, project, "course", "Walking Football")
    path = project / "courses" / "walking-football.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start, end = lines.index("# runs:"), lines.index("runs: []")
    lines[start:end + 1] = [line[2:] for line in lines[start:end]]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems_for(project, "courses/walking-football.yml") == []
    course = load_collections(project).courses["walking-football"]
    assert len(course.runs) == 1 and len(course.runs[0].sessions) == 1


def test_new_story_is_a_draft_that_validates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "story", "Finding My Feet Again")
    path = project / "stories" / "finding-my-feet-again.md"
    rel = "stories/finding-my-feet-again.md"
    assert code == 0
    assert problems_for(project, rel) == []
    assert main(["validate", "--root", str(project)]) == 0
    assert f"  {rel}: draft\n" in capsys.readouterr().out
    todo = [
        f"  line {line_of(path, 'summary:')}: summary: this is empty; write some text here.",
        f"  line {line_of(path, 'attribution:')}: storyteller.attribution: this is empty; choose one "
        "of: named, first-name, pseudonym, anonymous.",
        f"  line {line_of(path, 'perspective:')}: perspective: this is empty; choose one of: "
        "lived-experience, carer, practitioner, peer-worker.",
        f"  line {line_of(path, 'given:')}: consent.given: this is empty; write the date as YYYY-MM-DD, "
        "for example 2027-01-14.",
        f"  line {line_of(path, 'scope:')}: consent.scope: needs at least 1 item, but has 0; add more.",
        f"  line {line_of(path, 'review_by:')}: consent.review_by: this is empty; write the date as YYYY-MM-DD, "
        "for example 2027-01-14.",
        f"  line {line_of(path, 'published:')}: published: this is empty; write the date as YYYY-MM-DD, "
        "for example 2027-01-14.",
    ]
    assert out == "\n".join([
        f"Created {rel}.",
        "It is a draft: it is not published until you set status: published.",
        "First agree consent with the storyteller, using the checklist at the top of the file.",
        "",
        "Fill in next:",
        *todo,
        "",
        "Then check your work:  make validate   (or .venv/bin/python -m build_tools validate)",
        "and preview it:        make serve, then open http://127.0.0.1:8000/stories/finding-my-feet-again/",
        "                       (it appears there once its status is published, its consent includes web, and "
        "the published date has come).",
        "Every field is described in docs/content-formats.md; the steps are in docs/editing.md.",
        "",
    ])


def test_new_with_a_short_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "story", "How I Found My Feet Again After A Long Winter", "--id", "long-winter")
    assert code == 0
    assert out.startswith("Created stories/long-winter.md.\n")
    assert 'title: "How I Found My Feet Again After A Long Winter"' in (project / "stories/long-winter.md").read_text()
    code, out = run(capsys, project, "briefing", "Peer Support in Practice", "--id", "peer-support")
    assert (code, out.split("\n")[0]) == (0, "Created content/briefings/04-peer-support.md.")
    code, out = run(capsys, project, "course", "Walking Football", "--id", "Walking_Football")
    assert (code, out) == (2, 'error: "Walking_Football" cannot be a file name; use lower-case letters, digits '
                           "and hyphens only, for example --id walking-football.\n")


def test_story_template_carries_the_consent_checklist_and_model_values(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, project, "story", "Finding My Feet Again")
    text = (project / "stories" / "finding-my-feet-again.md").read_text(encoding="utf-8")
    for item in ("[ ] Attribution agreed", "[ ] Scope agreed", "[ ] Review date agreed", "[ ] Withdrawal explained",
                 "[ ] Content notes agreed", "[ ] The storyteller has read the final text"):
        assert item in text
    for literal in (models.Attribution, models.Perspective, models.StoryFormat, models.Theme, models.ContentNote,
                    models.Scope):
        assert f"of: {', '.join(typing.get_args(literal))}" in text
    assert text.startswith("---\n")


def test_story_with_consent_filled_in_is_published(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, project, "story", "Finding My Feet Again")
    path = project / "stories" / "finding-my-feet-again.md"
    text = path.read_text(encoding="utf-8")
    for old, new in (("summary:\n", "summary: Sam on getting back to the allotment.\n"),
                     ("  attribution:\n", "  attribution: first-name\n"), ("  name:\n", "  name: Sam\n"),
                     ("perspective:\n", "perspective: lived-experience\n"),
                     ("given:\n", "given: 2026-10-01\n"), ("scope: []", "scope: [web, print]"),
                     ("review_by:\n", "review_by: 2027-10-01\n"), ("published:\n", "published: 2026-11-01\n"),
                     ("status: draft", "status: published")):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text + "I started going back to the allotment on Sundays.\n", encoding="utf-8")
    assert problems_for(project, "stories/finding-my-feet-again.md") == []
    collections, problems = validate(project)
    site = assemble(collections, problems, TODAY)
    assert "finding-my-feet-again" in {s.id for s in site.stories}


def test_new_briefing_takes_the_next_free_number(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "briefing", "Peer Support in Practice")
    path = project / "content" / "briefings" / "04-peer-support-in-practice.md"
    rel = "content/briefings/04-peer-support-in-practice.md"
    assert code == 0, out
    assert out.startswith(f"Created {rel}.\n")
    assert problems_for(project, rel) == []
    assert (f"Fill in next:\n  line {line_of(path, 'authors:')}: authors: needs at least 1 item, but has 0; add more.\n"
            f"  line {line_of(path, 'summary:')}: summary: this is empty; write some text here.\n") in out
    assert "number: 4\n" in path.read_text(encoding="utf-8")
    assert "year: 2026\n" in path.read_text(encoding="utf-8")


def test_new_briefing_with_a_number(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(capsys, project, "briefing", "Peer Support in Practice", "--number", "2")
    assert code == 0
    assert (project / "content" / "briefings" / "02-peer-support-in-practice.md").is_file()

    code, out = run(capsys, project, "briefing", "Another Paper", "--number", "3")
    assert code == 1
    assert out == ("error: paper number 3 is already used by content/briefings/03-paper-3.md; choose another "
                   "with --number, or leave --number out to take the next free one.\n")
    assert not (project / "content" / "briefings" / "03-another-paper.md").exists()

    code, out = run(capsys, project, "briefing", "Another Paper", "--number", "1000")
    assert code == 2
    assert out == "error: 1000 cannot be a paper number; use a number from 1 to 999.\n"

    code, out = run(capsys, project, "course", "Another Course", "--number", "5")
    assert code == 2
    assert out == "error: --number is only for briefing papers; leave it out.\n"


def test_new_resource(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, project, "resource", "Wyndhamshire Walking Groups")
    path = project / "content" / "resources" / "wyndhamshire-walking-groups.yml"
    rel = "content/resources/wyndhamshire-walking-groups.yml"
    assert code == 0
    assert out.startswith(f"Created {rel}.\n")
    assert problems_for(project, rel) == []
    assert "\n".join([
        f"  line {line_of(path, 'type:')}: type: this is empty; choose one of: guide, toolkit, leaflet, "
        "film, podcast, webinar, tool, directory-entry, link, report.",
        f"  line {line_of(path, 'summary:')}: summary: this is empty; write some text here.",
        f"  line {line_of(path, 'topics:')}: topics: needs at least 1 item, but has 0; add more.",
        f"  line {line_of(path, 'produced_by:')}: produced_by: this is empty; write some text here.",
    ]) in out
    assert "review_by: 2027-11-22\n" in path.read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000/resources/\n" in out


@pytest.mark.parametrize(("kind", "title", "rel"), [
    ("course", "Walking Football", "courses/walking-football.yml"),
    ("story", "Finding My Feet", "stories/finding-my-feet.md"),
    ("briefing", "Paper Three", "content/briefings/03-paper-3.md"),
    ("resource", "Walking Groups", "content/resources/walking-groups.yml"),
])
def test_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str], kind: str, title: str,
                              rel: str) -> None:
    path = project / rel
    if kind != "briefing":
        assert run(capsys, project, kind, title)[0] == 0
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    if kind == "briefing":
        # The same file name is reached through its number.
        code, out = run(capsys, project, kind, "Paper 3", "--number", "3")
        assert (code, out) == (1, "error: paper number 3 is already used by content/briefings/03-paper-3.md; "
                               "choose another with --number, or leave --number out to take the next free one.\n")
    else:
        code, out = run(capsys, project, kind, title)
        assert (code, out) == (1, f"error: {rel} already exists, and it was left as it is. Edit that file, or "
                               "choose a different title.\n")
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("kind", ["course", "story", "briefing", "resource"])
def test_rejects_a_title_without_words(project: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    before = sorted(p for p in project.rglob("*") if p.is_file())
    code, out = run(capsys, project, kind, "?!")
    assert code == 2
    assert out == ('error: "?!" has no letters or digits to make a file name from; give a title with words in '
                   'it, for example "Managing Anxiety".\n')
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


def test_titles_with_yaml_characters_are_kept_exactly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Food, Mood & Me: "yes", no # not a comment'
    assert run(capsys, project, "course", title)[0] == 0
    course = load_collections(project).courses["food-mood-and-me-yes-no-not-a-comment"]
    assert course.title == title
