"""``python -m build_tools changes``: a reviewer's summary of the content changed between two revisions."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from projects import copy_project

from build_tools.cli.main import main

NEW_COURSE = """\
title: Walking Football
summary: A gentle game of football at walking pace.
description: We play, we talk, we have a cup of tea.
category: {category}
learning_outcomes:
  - Play a short game with others.
  - Notice how moving affects how you feel.
who_can_attend:
  open_to: [everyone]
format:
  type: drop-in
  length: One hour each week.
facilitators:
  - name: Sam Peters
    role: Peer trainer
    expertise: lived-experience
  - name: Jo Lee
    role: Physiotherapist
    expertise: professional
class_size: 10
enrol:
  phone: 01632 960 000
status: draft
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of the sample content, committed once."""
    monkeypatch.setenv("RECOVERY_TODAY", "2026-11-22")
    root = tmp_path / "repo"
    root.mkdir()
    copy_project("full", root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Sample content")
    return root


def changes(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main(["changes", *args, "--root", str(root)])
    return code, capsys.readouterr().out


def replace_once(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not found in {path}"
    path.write_text(new, encoding="utf-8")


def first_with(folder: Path, pattern: str, without: str | None = None) -> Path:
    """The first file (by name) in ``folder`` whose text matches ``pattern`` (and not ``without``)."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith("_"):
            text = path.read_text(encoding="utf-8")
            if re.search(pattern, text, re.MULTILINE) and not (without and re.search(without, text, re.MULTILINE)):
                return path
    raise AssertionError(f"no file in {folder} matches {pattern!r}")


def move_first_session(course: Path) -> None:
    text = course.read_text(encoding="utf-8")
    match = re.search(r"^      - date: (\d{4})-(\d{2})-(\d{2})", text, re.MULTILINE)
    assert match is not None
    day = int(match.group(3))
    moved = f"{match.group(1)}-{match.group(2)}-{day + 1 if day < 28 else day - 1:02d}"
    course.write_text(text[:match.start()] + f"      - date: {moved}" + text[match.end():], encoding="utf-8")


def withdraw(story: Path) -> None:
    replace_once(story, r"^(  review_by: .*)$", r"\1\n  withdrawn: 2026-11-20")


def prepare(root: Path) -> dict[str, str]:
    """Make the reviewer-visible changes; returns the ids involved."""
    category = re.search(r"^  - id: (\S+)", (root / "courses" / "_categories.yml").read_text(), re.MULTILINE)
    assert category is not None
    (root / "courses" / "walking-football.yml").write_text(NEW_COURSE.format(category=category.group(1)))

    course = first_with(root / "courses", r"^    venue: ")
    venues = re.findall(r"^  - id: (\S+)", (root / "courses" / "_venues.yml").read_text(), re.MULTILINE)
    current = re.search(r"^    venue: (\S+)", course.read_text(), re.MULTILINE)
    assert current is not None
    replace_once(course, r"^    venue: \S+", f"    venue: {next(v for v in venues if v != current.group(1))}")
    move_first_session(course)

    story = first_with(root / "stories", r"^  scope: \[.*web", without=r"^  withdrawn:")
    withdraw(story)

    resource = sorted((root / "content" / "resources").glob("*.yml"))[0]
    git(root, "rm", "-q", str(resource.relative_to(root)))
    return {"course": course.stem, "story": story.stem, "resource": resource.stem}


def title_of(path_text: str) -> str:
    match = re.search(r'^title: "?(.*?)"?$', path_text, re.MULTILINE)
    assert match is not None
    return match.group(1)


def test_summary_between_two_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    resource_text = sorted((repo / "content" / "resources").glob("*.yml"))[0].read_text(encoding="utf-8")
    ids = prepare(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Changes for review")

    code, out = changes(capsys, repo, "HEAD~1", "HEAD")
    assert code == 0
    assert out.split("\n") == [
        "1 course added; 1 course changed; 1 story withdrawn; 1 resource removed.",
        *sorted([
            f"course {ids['course']}: dates changed, venue changed",
            'course walking-football: added ("Walking Football", draft)',
        ]),
        f"story {ids['story']}: withdrawn (consent withdrawn on 2026-11-20)",
        f'resource {ids["resource"]}: removed ("{title_of(resource_text)}")',
        "",
    ]


def test_without_head_compares_with_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = prepare(repo)  # nothing committed
    code, out = changes(capsys, repo, "HEAD")
    assert code == 0
    assert out.split("\n")[0] == "1 course added; 1 course changed; 1 story withdrawn; 1 resource removed."
    assert f"story {ids['story']}: withdrawn (consent withdrawn on 2026-11-20)" in out.split("\n")


def test_no_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert changes(capsys, repo, "HEAD") == (0, "No content changes.\n")


def test_reviewer_words_for_other_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = first_with(repo / "courses", r"^status: draft", without=r"^aliases:")
    replace_once(course, r"^status: draft", "status: open")
    story = first_with(repo / "stories", r"^  scope: \[.*web", without=r"^  withdrawn:")
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more line from the storyteller.\n", encoding="utf-8")
    replace_once(story, r"^(  review_by: )\d{4}", r"\g<1>2031")

    code, out = changes(capsys, repo, "HEAD")
    assert code == 0
    assert out.split("\n") == [
        "1 course changed; 1 story changed.",
        f"course {course.stem}: status changed from draft to open",
        f"story {story.stem}: consent review date changed, text changed",
        "",
    ]


def test_markdown_for_a_pull_request(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = prepare(repo)
    code, out = changes(capsys, repo, "HEAD", "--format", "markdown")
    assert code == 0
    lines = out.split("\n")
    assert lines[:3] == [
        "### Content changes",
        "",
        "Comparing `HEAD` with the working tree: **1 course added; 1 course changed; 1 story withdrawn; "
        "1 resource removed**.",
    ]
    assert f"- **story** `{ids['story']}`: withdrawn (consent withdrawn on 2026-11-20)" in lines


def test_a_file_with_errors_is_not_reported_as_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    resource = sorted((repo / "content" / "resources").glob("*.yml"))[0]
    replace_once(resource, r"^title: .*$", "title:")
    code, out = changes(capsys, repo, "HEAD")
    assert (code, out) == (0, f"1 file with errors.\nresource {resource.stem}: has errors, so its changes "
                              "cannot be listed; run validate\n")

    git(repo, "commit", "-q", "-a", "-m", "A broken resource")
    replace_once(resource, r"^title:$", "title: Mended")
    assert changes(capsys, repo, "HEAD") == (0, f"1 resource changed.\nresource {resource.stem}: errors fixed\n")


def test_a_new_file_with_errors_is_listed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "stories" / "half-written.md").write_text("---\ntitle: Half written\n---\n\nText.\n", encoding="utf-8")
    assert changes(capsys, repo, "HEAD") == (
        0, "1 file with errors.\nstory half-written: has errors, so its changes cannot be listed; run validate\n")


def test_a_broken_shared_list(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    venues = repo / "courses" / "_venues.yml"
    venues.write_text(venues.read_text(encoding="utf-8").replace("venues:", "venues: [", 1), encoding="utf-8")
    code, out = changes(capsys, repo, "HEAD")
    assert code == 0
    assert out.split("\n")[:2] == [
        "1 file with errors.",
        "file courses/_venues.yml: has errors, so changes to venues cannot be listed; run validate",
    ]


def test_bad_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert changes(capsys, repo, "no-such-branch") == (
        2, 'error: "no-such-branch" is not a revision in this repository; give a branch name, a tag or a commit '
           "id, for example main, origin/main or HEAD~1.\n")


def test_not_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    code, out = changes(capsys, tmp_path, "HEAD")
    assert (code, out) == (2, f"error: {tmp_path.resolve()} is not inside a git repository, so there are no "
                              "revisions to compare.\n")


def test_folders_missing_from_a_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A revision from before the stories folder existed: every story counts as added."""
    git(repo, "rm", "-r", "-q", "stories")
    git(repo, "commit", "-q", "-m", "No stories yet")
    git(repo, "revert", "--no-edit", "HEAD")
    code, out = changes(capsys, repo, "HEAD~1", "HEAD")
    count = len(list((repo / "stories").glob("*.md")))
    assert code == 0
    assert out.split("\n")[0] == f"{count} stories added."
