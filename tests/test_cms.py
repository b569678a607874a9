"""The browser editor's configuration is generated from the models and never drifts from them;
the editor is a build target of its own, with its own narrow Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from projects import copy_project

from build_tools.cli.main import main
from build_tools.content import models as m
from build_tools.content.cms_config import CONFIG_PATH, LEFT_OUT, cms_config, config_is_stale
from build_tools.web.admin import AdminError, build_admin, content_security_policy

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def config() -> dict:
    return cms_config({"site_url": "https://college.example/", "extra": {"cms": {"repo": "college/site"}}})


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _has(field: dict, expected: dict) -> bool:
    return {key: field.get(key) for key in expected} == expected


def _fields(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def test_the_committed_config_matches_the_models() -> None:
    assert not config_is_stale(REPO), "run: python -m build_tools cms"


def test_cms_check_reports_a_stale_config(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    assert main(["cms", "--root", str(tmp_path), "--check"]) == 1
    assert main(["cms", "--root", str(tmp_path)]) == 0
    assert main(["cms", "--root", str(tmp_path), "--check"]) == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  cms:\n    repo: college/site\n")
    capsys.readouterr()
    assert main(["cms", "--root", str(tmp_path), "--check"]) == 1
    assert capsys.readouterr().out == (f"{CONFIG_PATH}: out of date with build_tools/content/models.py or "
                                       "mkdocs.yml; run python -m build_tools cms.\n")


def test_every_collection_is_there_with_reviewed_changes(config: dict) -> None:
    assert [c["name"] for c in config["collections"]] == ["courses", "stories", "briefings", "resources", "pages", "lists"]
    assert [f["file"] for f in _collection(config, "lists")["files"]] == [
        "courses/_terms.yml", "courses/_venues.yml", "courses/_categories.yml"]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "college/site", "branch": "main", "squash_merges": True}


@pytest.mark.parametrize(("collection", "model", "extra"), [
    ("courses", m.Course, set()), ("stories", m.Story, {"body"}), ("briefings", m.Briefing, {"body"}),
    ("resources", m.Resource, set()), ("pages", m.Page, {"body"}),
])
def test_every_field_of_the_model_has_a_form_field_with_its_help(config: dict, collection: str, model, extra) -> None:
    fields = _fields(_collection(config, collection)["fields"])
    expected = {name for name in model.model_fields if (model, name) not in LEFT_OUT}
    assert set(fields) == expected | extra
    for name, info in model.model_fields.items():
        if name in fields:
            assert fields[name].get("required", True) is info.is_required(), name
            if info.description and fields[name]["widget"] not in ("select", "boolean", "datetime"):
                assert fields[name]["hint"] == info.description, name


def test_help_text_leaves_out_what_the_form_already_shows(config: dict) -> None:
    story = _fields(_collection(config, "stories")["fields"])
    assert "hint" not in story["perspective"]  # "lived-experience, carer, practitioner or peer-worker."
    course = _fields(_collection(config, "courses")["fields"])
    assert course["status"]["hint"].startswith("The course as a whole:")  # more than the choices
    run = _fields(course["runs"]["fields"])
    assert run["online"]["hint"] == "Switch on if the run is online (or hybrid, with a venue too)."
    consent = _fields(_collection(config, "stories")["fields"][1]["fields"])
    assert consent["given"]["hint"] == "Date consent was given."
    assert consent["scope"]["hint"] == "Where the story may appear: web, print, training, social."


def test_widgets_follow_the_field_types(config: dict) -> None:
    course = _fields(_collection(config, "courses")["fields"])
    assert course["status"]["widget"] == "select" and course["status"]["default"] == "draft"
    assert [o["value"] for o in course["status"]["options"]] == ["draft", "open", "full", "cancelled", "archived"]
    assert _has(course["category"], {"widget": "relation", "collection": "lists", "file": "categories",
                                      "value_field": "categories.*.id"})
    assert course["next_steps"]["widget"] == "relation" and course["next_steps"]["multiple"] is True
    assert course["description"]["widget"] == "markdown" and "heading-one" not in course["description"]["buttons"]
    assert course["class_size"] == {"name": "class_size", "label": "Class size", "hint": "Most students per run.",
                                    "widget": "number", "value_type": "int", "min": 1, "max": 200}
    run = _fields(course["runs"]["fields"])
    assert run["term"]["file"] == "terms" and run["venue"]["file"] == "venues"
    session = _fields(run["sessions"]["fields"])
    assert _has(session["date"], {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False})
    assert _has(session["start"], {"widget": "datetime", "format": "HH:mm", "date_format": False})
    enrol = _fields(course["enrol"]["fields"])
    assert enrol["email"]["pattern"] == [m._EMAIL.pattern, "write an e-mail address like courses@example.org"]
    assert course["title"]["pattern"] == ["^[\\s\\S]{0,160}$", "keep it to 160 characters or fewer"]
    facilitator = _fields(course["facilitators"]["fields"])
    assert facilitator["expertise"]["options"][0] == {"label": "Lived experience", "value": "lived-experience"}
    briefing = _fields(_collection(config, "briefings")["fields"])
    assert _has(briefing["related"], {"widget": "relation", "collection": "briefings", "value_field": "number",
                                       "multiple": True})
    assert briefing["status"]["default"] == "draft"
    story = _fields(_collection(config, "stories")["fields"])
    assert story["status"]["default"] == "draft"


def test_the_story_form_starts_with_the_conversation_about_consent(config: dict) -> None:
    story = _collection(config, "stories")["fields"]
    assert [f["name"] for f in story][:4] == ["storyteller", "consent", "content_notes", "title"]
    assert story[-1]["name"] == "body"
    consent = story[1]
    assert [f["name"] for f in consent["fields"]] == ["scope", "given", "review_by", "withdrawn"]
    assert "How withdrawal works" in consent["hint"]


def test_the_editor_is_built_apart_from_the_site_with_its_own_policy(tmp_path: Path) -> None:
    root = copy_project("minimal", tmp_path / "p")
    with pytest.raises(AdminError, match=r"schemas/cms.yml is out of date"):
        build_admin(root, tmp_path / "admin")
    assert main(["cms", "--root", str(root)]) == 0
    with pytest.raises(AdminError, match=r"decap-cms.js is missing; run npm ci --ignore-scripts"):
        build_admin(root, tmp_path / "admin")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    if not (REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
        pytest.skip("npm ci --ignore-scripts has not been run")
    out = tmp_path / "admin"
    build_admin(root, out, "http://127.0.0.1:8081/api/v1")
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert page.find("html")["lang"] == "en-GB"  # the project's language (mkdocs.yml leaves it to the default)
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert csp == content_security_policy("http://127.0.0.1:8081/api/v1")
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert directives["connect-src"] == "'self' https://api.github.com http://127.0.0.1:8081"
    assert [s["src"] for s in page.find_all("script")] == ["decap-cms.js"]
    assert (out / "decap-cms.js").is_file() and not list(out.glob("*.map"))
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    served = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert served["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1", "allowed_hosts": ["127.0.0.1"]}
    assert "X-Robots-Tag: noindex, nofollow" in (out / "_headers").read_text()


def test_the_public_site_has_no_editor(built_site: Path) -> None:
    assert not (built_site / "admin").exists()
    assert not list(built_site.rglob("decap-cms.js"))
    assert not list(built_site.rglob("config.yml"))
