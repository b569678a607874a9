"""The benchmark's synthetic content is valid, and ``python -m build_tools bench`` runs end to end.

Timings are never asserted: only that the content validates and that the table is printed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from build_tools.cli.main import main
from build_tools.content.errors import errors_in
from build_tools.site.published import assemble, validate

REPO = Path(__file__).resolve().parents[1]


def _synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic_under_test", REPO / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _table_rows(output: str) -> dict[str, list[str]]:
    """Rows of the first Markdown table in ``output``, by their first cell."""
    rows = {}
    for line in output.splitlines():
        if line.startswith("| ") and not line.startswith("| items"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows.setdefault(cells[0], cells)
    return rows


@pytest.mark.parametrize("items", [40, 200])
def test_synthetic_content_validates_without_errors(tmp_path: Path, items: int) -> None:
    synthetic = _synthetic()
    counts = synthetic.make_project(tmp_path / "project", items)
    collections, problems = validate(tmp_path / "project", synthetic.TODAY)

    assert errors_in(problems) == []
    assert counts.total == items
    assert (len(collections.stories), len(collections.resources), len(collections.courses),
            len(collections.briefings)) == (counts.stories, counts.resources, counts.courses, counts.briefings)
    # Realistic proportions: 45 % stories, 25 % resources, 20 % courses, 10 % briefing papers.
    assert (counts.stories, counts.resources, counts.courses, counts.briefings) == (
        round(items * 0.45), round(items * 0.25), round(items * 0.20), round(items * 0.10))
    site = assemble(collections, problems, synthetic.TODAY)
    assert site.stories and site.courses and site.timetable


def test_synthetic_texts_have_realistic_lengths_headings_and_lists(tmp_path: Path) -> None:
    synthetic = _synthetic()
    synthetic.make_project(tmp_path / "project", 100)
    collections, _ = validate(tmp_path / "project", synthetic.TODAY)

    for story in collections.stories.values():
        assert 300 <= len(story.body.split()) <= 1100, story.source_path
        assert "\n## " in "\n" + story.body and "\n- " in story.body
    for course in collections.courses.values():
        assert 80 <= len(course.description.split()) <= 260, course.source_path
        assert "### " in course.description and "\n- " in course.description


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    synthetic = _synthetic()
    synthetic.make_project(tmp_path / "a", 30, seed=7)
    synthetic.make_project(tmp_path / "b", 30, seed=7)
    for folder in ("stories", "courses", "content/briefings", "content/resources"):
        names = sorted(p.name for p in (tmp_path / "a" / folder).iterdir())
        assert names == sorted(p.name for p in (tmp_path / "b" / folder).iterdir())
        for name in names:
            assert (tmp_path / "a" / folder / name).read_bytes() == (tmp_path / "b" / folder / name).read_bytes()


@pytest.mark.slow
def test_bench_command_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--root", str(REPO), "--sizes", "40", "--runs", "1", "--skip-baseline"])
    output = capsys.readouterr().out

    assert code == 0
    assert "CPU:" in output and "Load average" in output
    row = _table_rows(output)["40"]
    # items, validate, web, pdf, floor, material, web ÷ floor, pages, site MB, material pages, material MB
    assert len(row) == 11
    for cell in row[1:5]:
        float(cell.split(" ")[0])  # a number of seconds
    assert row[5] == "–"  # plain Material was skipped
    assert int(row[7].replace(",", "")) > 20  # pages written
    assert "18 stories, 10 resources, 8 courses, 4 briefing papers" in output


@pytest.mark.slow
def test_bench_builds_plain_material_on_the_same_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--root", str(REPO), "--sizes", "20", "--runs", "1", "--no-pdf", "--baseline-max", "20"])
    output = capsys.readouterr().out

    assert code == 0
    row = _table_rows(output)["20"]
    assert row[3] == "–"  # no PDF asked for
    float(row[5].split(" ")[0])  # plain Material's time
    assert int(row[9]) > 10  # its pages: the same Markdown texts, one page each


def test_bench_refuses_bad_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", "--sizes", "lots"])
    assert exit_info.value.code == 2
    assert '"lots" is not a list of numbers; write e.g. 500,1000' in capsys.readouterr().err


@pytest.mark.slow
def test_bench_times_both_prospectus_editions(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--root", str(REPO), "--sizes", "10", "--runs", "1", "--no-pdf", "--skip-baseline",
                 "--prospectus-courses", "12"])
    output = capsys.readouterr().out

    assert code == 0
    table = output[output.index("Prospectus PDFs alone"):]
    row = _table_rows(table)["12"]
    # courses, standard s, CPU s, pages, MB, CPU ms per course, large s, CPU s, pages, large ÷ standard
    assert len(row) == 10
    for cell in (row[1], row[2], row[6], row[7]):
        float(cell.split(" ")[0])
    assert 0 < int(row[3]) < int(row[8]), "the large print edition has more pages"
    assert row[9].endswith("×")
