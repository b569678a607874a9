"""``python -m build_tools init``: a new college's project that builds at once, with the crisis
lines of its nation."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.cli.main import main
from build_tools.cli.starter import COLLEGE_FILES, write_project
from build_tools.content.environment import environment
from build_tools.content.settings import NATIONS, load_settings
from build_tools.site.published import validate

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("nation", list(NATIONS))
def test_the_starter_is_valid_and_has_its_nations_crisis_lines(tmp_path: Path, nation: str) -> None:
    project = tmp_path / "college"
    (project / "build_tools").mkdir(parents=True)  # a copy of the tool: only the college's files are written
    written = write_project(project, "Northtown Recovery College", nation, TODAY)
    assert sorted({p.relative_to(project).parts[0] for p in written}) == sorted(COLLEGE_FILES)
    settings = load_settings(project)
    assert settings.college_name == "Northtown Recovery College"
    assert settings.nation == nation
    assert settings.crisis_support == [dict(line) for line in NATIONS[nation].crisis_support]
    assert settings.detention_note == NATIONS[nation].detention_note
    _, problems = validate(project, TODAY)
    assert [str(p) for p in problems] == []


def test_every_example_is_clearly_marked(tmp_path: Path) -> None:
    project = tmp_path / "college"
    (project / "build_tools").mkdir(parents=True)
    write_project(project, "Northtown Recovery College", "england", TODAY)
    examples = ["courses/example-course.yml", "stories/example-story.md", "content/briefings/01-example-briefing-paper.md",
                "content/resources/example-resource.yml", "courses/_terms.yml", "courses/_venues.yml",
                "courses/_categories.yml"]
    for rel in examples:
        assert "EXAMPLE" in (project / rel).read_text(encoding="utf-8"), rel
    assert "FILL IN" in (project / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_new_folder_gets_the_tool_and_builds_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from build_tools.cli.build import build_site

    project = tmp_path / "college"
    with environment(RECOVERY_TODAY=TODAY.isoformat()):
        assert main(["init", str(project), "--nation", "wales", "--name", "Northtown Recovery College"]) == 0
        assert "make site" in capsys.readouterr().out
        for part in ("Makefile", "pyproject.toml", "theme", "build_tools", "package.json", "docs"):
            assert (project / part).exists(), part
        build_site(project, tmp_path / "site", pdf=True)
    site = tmp_path / "site"
    for page in ("index.html", "courses/example-course/index.html", "stories/example-story/index.html",
                 "prospectus.pdf", "stories.pdf"):
        assert (site / page).is_file(), page
    crisis = BeautifulSoup((site / "crisis-support" / "index.html").read_text(encoding="utf-8"), "html.parser")
    lines = [li.get_text(" ", strip=True) for li in crisis.select("#crisis-lines-heading + ul li")]
    assert lines[1] == "NHS 111 Wales : 111, option 2, urgent mental health help, day and night"
    leaked = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".ics", ".json")
              and "kelderbridge" in p.read_text(encoding="utf-8").lower()]
    assert leaked == []


def test_init_never_writes_over_a_college(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "college"
    (project / "build_tools").mkdir(parents=True)
    (project / "stories").mkdir()
    assert main(["init", str(project), "--nation", "england"]) == 1
    assert capsys.readouterr().err == (f"error: {project} already has stories: a project is there. To start again, move "
                                       "them away first (init never writes over a college's files).\n")
    assert not (project / "mkdocs.yml").exists()


def test_init_without_a_nation_asks_or_says_how(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    assert main(["init", str(tmp_path / "college")]) == 2
    assert capsys.readouterr().err.startswith("error: say which nation the college is in, with --nation (england, ")


def test_a_name_that_would_break_the_files_is_refused(tmp_path: Path) -> None:
    from build_tools.cli.starter import StarterError

    (tmp_path / "college" / "build_tools").mkdir(parents=True)
    with pytest.raises(StarterError, match="use letters, digits, spaces"):
        write_project(tmp_path / "college", "College: <b>", "england", TODAY)
