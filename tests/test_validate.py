"""``python -m build_tools validate``: exit codes and the exact message for every bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from projects import FULL, copy_project
from validation_cases import CASES, Case

from build_tools.cli.main import main


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the minimal valid project, for one case to break."""
    return copy_project("minimal", tmp_path / "project")


def apply_case(case: Case, root: Path) -> None:
    target = root / case.path
    for relative, data in case.extra_files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    if case.delete:
        target.unlink()
    elif case.replace:
        old, new = case.replace
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"case {case.id}: {old!r} must occur exactly once in {case.path}"
        target.write_text(text.replace(old, new), encoding="utf-8")
    elif case.content is None:
        # A valid course under a bad file name.
        target.write_text((root / "courses/managing-anxiety.yml").read_text(encoding="utf-8"), encoding="utf-8")
    elif isinstance(case.content, bytes):
        target.write_bytes(case.content)
    else:
        target.write_text(case.content, encoding="utf-8")


def run_validate(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str], str]:
    code = main(["validate", "--root", str(root), "--today", "2026-11-22", *extra])
    out = capsys.readouterr().out
    problems = [line for line in out.split("\n\n")[0].splitlines()
                if line and not line.startswith(("Checked ", "Held back", "  "))]
    return code, problems, out


def test_minimal_project_is_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, out = run_validate(project, capsys)
    assert (code, problems) == (0, [])
    assert out.strip() == ("Checked 2 courses, 2 stories, 2 briefing papers, 1 resource, 1 page: "
                           "0 errors, 0 warnings.")


def test_there_are_many_bad_input_cases() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_reported_exactly(case: Case, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_case(case, project)
    code, problems, _ = run_validate(project, capsys)
    assert problems == case.expected
    assert code == case.exit_code


def test_all_problems_are_reported_in_one_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case_id in ("status-misspelt", "unknown-related-paper", "unknown-content-note", "resource-type-misspelt"):
        apply_case(next(c for c in CASES if c.id == case_id), project)
    code, problems, out = run_validate(project, capsys)
    assert code == 1
    assert [p.split(":")[0] for p in problems] == [
        "content/briefings/17-preparing-organisations.md", "content/resources/wellbeing-guide.yml",
        "courses/managing-anxiety.yml", "stories/finding-my-feet.md"]
    assert "4 errors, 0 warnings." in out


def test_held_back_stories_are_reported_not_failed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = project / "stories/finding-my-feet.md"
    story.write_text(story.read_text().replace("review_by: 2028-03-01", "review_by: 2028-03-01\n  withdrawn: 2026-10-02"))
    film = project / "stories/river-film.md"
    film.write_text(film.read_text().replace("review_by: 2028-03-01", "review_by: 2026-06-30"))
    code, problems, out = run_validate(project, capsys)
    assert (code, problems) == (0, [])
    assert ("Held back from publication (2 stories; not an error):\n"
            "  stories/finding-my-feet.md: consent withdrawn on 2026-10-02\n"
            "  stories/river-film.md: consent review was due by 2026-06-30\n") in out


def test_story_without_web_consent_is_held_back(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = project / "stories/finding-my-feet.md"
    story.write_text(story.read_text().replace("scope: [web, print]", "scope: [print, training]"))
    _, _, out = run_validate(project, capsys)
    assert "  stories/finding-my-feet.md: consent does not cover the website (scope: print, training)\n" in out


def test_review_date_near_is_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = project / "stories/finding-my-feet.md"
    story.write_text(story.read_text().replace("review_by: 2028-03-01", "review_by: 2026-12-10"))
    code, problems, _ = run_validate(project, capsys)
    assert code == 0
    assert problems == ["warning: stories/finding-my-feet.md:14: consent.review_by: consent must be reviewed with "
                        "the storyteller by 2026-12-10 (18 days); after that date the story is held back."]


def test_github_annotations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_case(next(c for c in CASES if c.id == "status-misspelt"), project)
    code = main(["validate", "--root", str(project), "--today", "2026-11-22", "--format", "github"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out.splitlines() == [
        '::error file=courses/managing-anxiety.yml,line=38,title=Error in status::status: "opne" is not allowed '
        'here (did you mean "open"?); use one of: draft, open, full, cancelled, archived.']
    assert "1 error, 0 warnings." in captured.err


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["validate", "--today", "soon"], ["frobnicate"], []])
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "usage: python -m build_tools" in capsys.readouterr().err


def test_command_line_has_no_traceback_for_broken_content(project: Path) -> None:
    (project / "courses/managing-anxiety.yml").write_bytes(b"title: [unclosed\n\xff\xfe")
    result = subprocess.run([sys.executable, "-m", "build_tools", "validate", "--root", str(project)],
                            capture_output=True, text=True, env={**os.environ, "RECOVERY_TODAY": "2026-11-22"})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("courses/managing-anxiety.yml:2: file: the file is not saved as UTF-8 text")


def test_sample_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, _ = run_validate(FULL, capsys)
    assert [p for p in problems if not p.startswith("warning:")] == []
    assert code == 0
