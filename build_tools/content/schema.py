"""JSON Schemas exported from the models, for editors' YAML tooling (completion, inline errors).

``python -m build_tools schema`` writes ``schemas/<name>.schema.json``; a test fails when the
committed files differ from what the models produce, so the two never drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from build_tools.content.models import Briefing, CategoryList, Course, Page, Resource, Story, TermList, VenueList

SCHEMAS: dict[str, type[BaseModel]] = {
    "course": Course,
    "terms": TermList,
    "venues": VenueList,
    "categories": CategoryList,
    "story": Story,
    "briefing": Briefing,
    "resource": Resource,
    "page": Page,
}


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
    return json.dumps(schema, indent=2, sort_keys=False, default=str) + "\n"


def expected_schemas() -> dict[str, str]:
    """File name -> content, for every schema."""
    return {f"{name}.schema.json": schema_text(model, name) for name, model in SCHEMAS.items()}


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in expected_schemas().items():
        path = directory / filename
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return [name for name, text in expected_schemas().items()
            if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text]
