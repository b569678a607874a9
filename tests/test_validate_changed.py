"""``validate --changed`` and ``--staged``: an editor hears about their own change, and what it breaks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from projects import copy_project
from validation_cases import DRAFT_STORY

from build_tools.cli.main import main

TODAY = "2026-11-22"


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), "-c", "user.name=Editor", "-c", "user.email=e@example.org",
                             "-c", "init.defaultBranch=main", *args], capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The minimal project as a git repository, on a branch ``edit`` made from ``main``."""
    root = copy_project("minimal", tmp_path / "p")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    git(root, "switch", "-qc", "edit")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["validate", "--root", str(root), "--today", TODAY, *args])
    return code, capsys.readouterr().out.strip().split("\n")


def test_only_the_staged_change_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Someone's broken story, not staged: it must not block this commit.
    (repo / "stories/half-written.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    edit(repo, "courses/creative-writing.yml", "class_size: 10", "class_size: ten")
    git(repo, "add", "courses/creative-writing.yml")
    code, out = run(repo, capsys, "--staged")
    assert code == 1
    assert out == [
        'courses/creative-writing.yml:27: class_size: "ten" is not a whole number; write digits only, for example 12.',
        "",
        "Checked 1 staged file against HEAD: 1 error, 0 warnings.",
    ]
    # The whole-project check still sees both.
    assert main(["validate", "--root", str(repo), "--today", TODAY]) == 1
    assert "stories/half-written.md:2: file:" in capsys.readouterr().out


def test_what_a_change_breaks_elsewhere_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "courses/_venues.yml", "- id: harbour-library", "- id: harbour-hall")
    code, out = run(repo, capsys, "--changed")
    assert code == 1
    assert out == [
        'courses/managing-anxiety.yml:26: runs[0].venue: there is no venue "harbour-library" in '
        "courses/_venues.yml; use one of: harbour-hall.",
        "",
        "Checked 1 changed file against where this branch left main: 1 error, 0 warnings.",
    ]


def test_problems_that_were_there_before_are_not_this_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "stories/finding-my-feet.md", "name: Morag", "name: Morag Innes")
    git(repo, "commit", "-qam", "an old mistake")
    git(repo, "switch", "-qc", "next")
    (repo / "stories/finding-my-feet-again.md").write_text(DRAFT_STORY, encoding="utf-8")
    code, out = run(repo, capsys, "--changed", "HEAD")
    assert code == 0
    assert out == [
        "Held back from publication (1 story; not an error):",
        "  stories/finding-my-feet-again.md: draft",
        "",
        "Checked 1 changed file against HEAD: 0 errors, 0 warnings.",
    ]


def test_a_revision_git_does_not_know(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(repo, capsys, "--changed", "no-such-branch")
    assert code == 2
    assert out == ['error: "no-such-branch" is not a revision in this repository; give a branch name, a tag or a '
                   "commit id, for example main, origin/main or HEAD~1."]


def test_pre_commit_runs_the_staged_check() -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"].split()[-2:] == ["validate", "--staged"]
    assert hook["pass_filenames"] is False


def test_reviewers_see_an_unfinished_draft_in_the_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "stories/finding-my-feet-again.md").write_text(DRAFT_STORY, encoding="utf-8")
    assert main(["changes", "main", "--root", str(repo)]) == 0
    assert capsys.readouterr().out.strip().split("\n")[-1] == (
        'story finding-my-feet-again: added ("Finding my feet again", draft)')


def test_the_first_commit_is_checked_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("minimal", tmp_path / "p")
    git(root, "init", "-q")
    edit(root, "courses/creative-writing.yml", "class_size: 10", "class_size: ten")
    git(root, "add", "-A")
    code, out = run(root, capsys, "--staged")
    assert code == 1
    assert out[0].startswith('courses/creative-writing.yml:27: class_size: "ten" is not a whole number')
    assert out[-1] == "Checked 13 staged files against HEAD: 1 error, 0 warnings."
