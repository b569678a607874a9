"""JSON Schemas in schemas/ are exported from the models and never drift from them."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.cli.main import main
from build_tools.content.schema import SCHEMAS, expected_schemas, stale_schemas

REPO = Path(__file__).resolve().parents[1]


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas(REPO / "schemas") == [], "run: python -m build_tools schema"


def test_schema_check_reports_a_stale_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    assert main(["schema", "--root", str(tmp_path)]) == 0
    (tmp_path / "schemas" / "course.schema.json").write_text("{}\n")
    capsys.readouterr()
    assert main(["schema", "--root", str(tmp_path), "--check"]) == 1
    assert capsys.readouterr().out == ("schemas/course.schema.json: out of date with build_tools/content/models.py; "
                                       "run python -m build_tools schema.\n")


def test_course_schema_forbids_unknown_fields_and_lists_statuses() -> None:
    course = json.loads(expected_schemas()["course.schema.json"])
    assert course["additionalProperties"] is False
    assert course["properties"]["status"]["enum"] == ["draft", "open", "full", "cancelled", "archived"]
    assert set(SCHEMAS) == {"course", "terms", "venues", "categories", "story", "briefing", "resource", "page"}
