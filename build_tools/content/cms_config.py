"""The browser editor's configuration (Decap CMS), generated from the models.

``python -m build_tools cms`` writes ``schemas/cms.yml``; a test fails when the committed file
differs from what the models and ``mkdocs.yml`` produce, so the forms never drift from the
fields the build accepts. Every field of every model becomes a form field: its label from its
name, its help text from its description, required when the model requires it, choices as
select widgets (with the labels the site shows), references to the shared lists and to other
entries as relation widgets, dates and times as pickers, Markdown as the Markdown editor limited
to what the site renders.

The backend (which repository, which branch, which sign-in service) comes from ``mkdocs.yml``::

    extra:
      cms:
        repo: our-college/recovery-college-site   # owner/name on GitHub
        branch: main
        base_url: https://cms-auth.college.example   # the OAuth service, see docs/editing-in-the-browser.md
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from build_tools.content import models as m
from build_tools.content.settings import read_config

CONFIG_PATH = Path("schemas") / "cms.yml"
HEADER = ("# The browser editor's configuration (Decap CMS), generated from build_tools/content/models.py\n"
          "# and mkdocs.yml by: python -m build_tools cms. Do not edit by hand: a test fails when it drifts.\n")

# Labels the site shows for each set of choices (one source: the models' label tables).
_CHOICE_LABELS: list[dict[str, str]] = [
    m.AUDIENCE_LABELS, m.EXPERTISE_LABELS, m.FORMAT_LABELS, m.CONTENT_NOTE_LABELS, m.THEME_LABELS,
    m.PERSPECTIVE_LABELS, m.RESOURCE_TYPE_LABELS, m.ALTERNATIVE_FORMAT_LABELS,
]

# The shared lists live in one file each; a relation widget searches the list inside it.
_LISTS = {"terms": "courses/_terms.yml", "venues": "courses/_venues.yml", "categories": "courses/_categories.yml"}


def _list_relation(list_name: str) -> dict[str, Any]:
    return {"widget": "relation", "collection": "lists", "file": list_name,
            "search_fields": [f"{list_name}.*.name", f"{list_name}.*.id"],
            "value_field": f"{list_name}.*.id", "display_fields": [f"{list_name}.*.name"]}


_COURSES = {"widget": "relation", "collection": "courses", "search_fields": ["title"],
            "value_field": "{{slug}}", "display_fields": ["title"]}
_BRIEFINGS = {"widget": "relation", "collection": "briefings", "search_fields": ["title", "number"],
              "value_field": "number", "display_fields": ["number", "title"]}

# References between files (checked by content/rules/checks.py), as relation widgets.
RELATIONS: dict[tuple[type[BaseModel], str], dict[str, Any]] = {
    (m.Course, "category"): _list_relation("categories"),
    (m.Run, "term"): _list_relation("terms"),
    (m.Run, "venue"): _list_relation("venues"),
    (m.Course, "prerequisites"): _COURSES,
    (m.Course, "next_steps"): _COURSES,
    (m.Briefing, "related"): _BRIEFINGS,
}

# Fields the site sets, or that no editor needs in a form; they stay editable in the file itself.
LEFT_OUT: dict[tuple[type[BaseModel], str], str] = {
    (m.Briefing, "template"): "set by the site",
    (m.Page, "template"): "set by the site",
    (m.Page, "icon"): "a theme setting",
    (m.Page, "status"): "a theme setting",
    (m.Page, "search"): "a search setting, written by hand in the rare page that needs it",
}

# New entries start as drafts: nothing half-written is published by accident.
NEW_ENTRY_DEFAULTS: dict[tuple[type[BaseModel], str], Any] = {
    (m.Course, "status"): "draft",
    (m.Story, "status"): "draft",
    (m.Briefing, "status"): "draft",
    (m.Resource, "status"): "draft",
}

# Headings start at level 2 (the page title is the only level 1) and raw HTML is not offered:
# the editor's buttons are the Markdown the site renders and content/rules/markup.py allows.
MARKDOWN = {"widget": "markdown", "modes": ["rich_text", "raw"], "sanitize_preview": True,
            "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "heading-four",
                        "quote", "bulleted-list", "numbered-list"],
            "editor_components": []}

# The order the editing guide gives (docs/editing.md, "Adding a story"): attribution, scope,
# review date and withdrawal, content notes, and only then the storyteller's words.
STORY_ORDER = ["storyteller", "consent", "content_notes", "title", "summary", "perspective", "format",
               "media", "themes", "published", "status"]
CONSENT_ORDER = ["scope", "given", "review_by", "withdrawn"]
WITHDRAWAL_HINT = (" How withdrawal works: the storyteller can change their mind at any time, without"
                   " giving a reason, by telling any member of staff; write the date in Withdrawn and the"
                   " story is removed from every page, listing, search result, feed and printed copy.")


# Where a field's name is not the plain word an editor would use.
LABELS = {"url": "Web address", "alt": "Text alternative", "pdf": "PDF", "given": "Date consent was given",
          "in_person": "In person", "five_ways": "Five Ways to Wellbeing"}


# The models' own patterns, checked by the form as the editor types (Decap skips empty fields).
# Decap shows the second part as "Title didn't match the pattern: keep it to 160 characters or fewer."
PATTERNS = {
    m._parse_email: (m._EMAIL.pattern, "write an e-mail address like courses@example.org"),
    m._parse_url: (m._URL.pattern, "write the web address in full, starting with https://"),
    m._parse_kebab: (m.KEBAB_ID.pattern, "use lower-case letters, digits and hyphens only, for example managing-anxiety"),
}


def _label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """``(base type, metadata, optional)`` of an annotation such as ``Text | None``."""
    metadata: list[Any] = []
    optional = False
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, metadata, optional


def _validator(metadata: list[Any]) -> Any:
    return next((getattr(item, "func", None) for item in metadata if hasattr(item, "func")), None)


def _bound(metadata: list[Any], attribute: str) -> Any:
    """A constraint such as ``max_length`` or ``ge`` from pydantic's metadata, or ``None``."""
    for item in metadata:
        # Field(...) inside Annotated arrives as a FieldInfo whose own metadata holds the bounds.
        found = _bound(item.metadata, attribute) if isinstance(item, FieldInfo) else getattr(item, attribute, None)
        if found is not None:
            return found
    return None


def _options(values: tuple[str, ...]) -> list[dict[str, str]]:
    labels = next((table for table in _CHOICE_LABELS if set(table) == set(values)), {})
    return [{"label": labels.get(value, _label(value.replace("-", "_"))), "value": value} for value in values]


def _widget(annotation: Any, metadata: list[Any]) -> dict[str, Any]:
    """The Decap widget settings for one value of this type."""
    base, inner, _ = _unwrap(annotation)
    metadata = metadata + inner
    parse = _validator(metadata)
    if typing.get_origin(base) is Literal:
        return {"widget": "select", "options": _options(typing.get_args(base))}
    if typing.get_origin(base) is list:
        (item,) = typing.get_args(base)
        item_widget = _widget(item, [])
        if item_widget["widget"] in ("select", "relation"):
            widget = {**item_widget, "multiple": True}
        elif item_widget["widget"] == "object":
            widget = {"widget": "list", "fields": item_widget["fields"]}
        else:
            widget = {"widget": "list", "field": {"name": "item", "label": "Item", **item_widget}}
        least, most = _bound(metadata, "min_length"), _bound(metadata, "max_length")
        if least:
            widget["min"] = least
        if most:
            widget["max"] = most
        return widget
    if isinstance(base, type) and issubclass(base, BaseModel):
        return {"widget": "object", "fields": model_fields(base)}
    if base is bool:
        return {"widget": "boolean"}
    if base is int:
        widget = {"widget": "number", "value_type": "int"}
        least, most = _bound(metadata, "ge"), _bound(metadata, "le")
        if least is not None:
            widget["min"] = least
        if most is not None:
            widget["max"] = most
        return widget
    if base is dt.date:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if base is dt.time:
        return {"widget": "datetime", "format": "HH:mm", "date_format": False, "time_format": "HH:mm"}
    if parse in (m._parse_text, m._parse_markdown_text):
        return dict(MARKDOWN)
    if parse is m._parse_relative_path:
        return {"widget": "file", "choose_url": False}
    most = _bound(metadata, "max_length")
    widget = {"widget": "text" if parse is m._parse_plain_text and (most is None or most > 160) else "string"}
    if parse in PATTERNS:
        widget["pattern"] = list(PATTERNS[parse])
    elif most is not None:
        widget["pattern"] = [f"^[\\s\\S]{{0,{most}}}$", f"keep it to {most} characters or fewer"]
    return widget


def _hint(description: str, field: dict[str, Any]) -> str:
    """The model's description, less what the form already shows (the choices, the date format)."""
    if field["widget"] == "select":
        rest = description
        for option in sorted((o["value"] for o in field["options"]), key=len, reverse=True):
            rest = rest.replace(option, "")
        if not rest.replace(",", "").replace(" or ", "").replace(" and ", "").strip(" ."):
            return ""
    if field["widget"] == "boolean" and description.startswith("true if "):
        return "Switch on if " + description.removeprefix("true if ")
    if field["widget"] == "datetime":
        return description.replace(", YYYY-MM-DD", "").removesuffix("YYYY-MM-DD").strip()
    return description


def _field(model: type[BaseModel], name: str, info: FieldInfo) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": _label(name)}
    if (model, name) in RELATIONS:
        field.update(RELATIONS[(model, name)])
        if typing.get_origin(_unwrap(info.annotation)[0]) is list:
            field["multiple"] = True
    else:
        field.update(_widget(info.annotation, list(info.metadata)))
    hint = _hint(info.description or "", field)
    if hint:
        # Written after the label, where a reader of schemas/cms.yml looks for it.
        field = {"name": name, "label": field["label"], "hint": hint, **field}
    if not info.is_required():
        field["required"] = False
    if (model, name) in NEW_ENTRY_DEFAULTS:
        field["default"] = NEW_ENTRY_DEFAULTS[(model, name)]
    elif field["widget"] == "boolean":
        # An untouched switch is still written, so a required yes/no is never left out.
        field["default"] = bool(info.default) if not info.is_required() else False
    elif not info.is_required() and isinstance(info.default, (str, int)) and info.default is not None:
        field["default"] = info.default
    elif not info.is_required() and field["widget"] == "list":
        # Otherwise Decap starts an optional list with one empty item, which then fails the check.
        field["default"] = []
    return field


def model_fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """Form fields for every field of ``model`` that editors fill in, in the model's order."""
    return [_field(model, name, info) for name, info in model.model_fields.items() if (model, name) not in LEFT_OUT]


def _story_fields() -> list[dict[str, Any]]:
    fields = {field["name"]: field for field in model_fields(m.Story)}
    assert set(fields) == set(STORY_ORDER), "every story field has its place in STORY_ORDER"
    consent = fields["consent"]
    consent["hint"] = (m.Consent.__doc__ or "").strip() + WITHDRAWAL_HINT
    by_name = {field["name"]: field for field in consent["fields"]}
    consent["fields"] = [by_name[name] for name in CONSENT_ORDER]
    ordered = [fields[name] for name in STORY_ORDER]
    # The storyteller's words are edited as plain Markdown only: once its text is touched, the
    # rich text editor rewrites the rest (list markers, blank lines), and a story is kept exactly
    # as it was agreed. (Decap opens rich text whenever it is allowed, whatever the order.)
    return [*ordered, {"name": "body", "label": "The story, in the storyteller's own words",
                       "hint": "Exactly as the storyteller agreed it: never correct their words, spelling or dialect.",
                       **MARKDOWN, "modes": ["raw"]}]


def _body(label: str, hint: str) -> dict[str, Any]:
    return {"name": "body", "label": label, "hint": hint, **MARKDOWN, "required": False}


# Decap lists every .yml file in courses/, the shared lists (_terms.yml, …) too; it has no way to
# leave them out, so they are named for what they are and where to edit them.
SHARED_LIST_NOTE = "A shared list: open it under Terms, venues and categories"
COURSE_SUMMARY = f"{{{{title | default('{SHARED_LIST_NOTE}')}}}}{{{{status | ternary(' (', '')}}}}{{{{status}}}}{{{{status | ternary(')', '')}}}}"

# Decap's preview pane is not the site (none of its templates, styles or checks) and has no
# accessible name; the real preview is the pull request's built site, or `make serve`.
NO_PREVIEW = {"preview": False}


def collections() -> list[dict[str, Any]]:
    """Every collection editors work on, with its folder, file format and form."""
    return [{**collection, "editor": NO_PREVIEW} for collection in _collections()]


def _collections() -> list[dict[str, Any]]:
    return [
        {"name": "courses", "label": "Courses", "label_singular": "Course", "folder": "courses",
         "extension": "yml", "format": "yml", "create": True, "identifier_field": "title",
         "slug": "{{slug}}", "summary": COURSE_SUMMARY, "fields": model_fields(m.Course)},
        {"name": "stories", "label": "Recovery stories", "label_singular": "Story", "folder": "stories",
         "extension": "md", "format": "frontmatter", "create": True, "identifier_field": "title",
         "slug": "{{slug}}", "media_folder": "media", "public_folder": "media", "fields": _story_fields()},
        {"name": "briefings", "label": "Briefing papers", "label_singular": "Briefing paper",
         "folder": "content/briefings", "extension": "md", "format": "frontmatter", "create": True,
         "identifier_field": "title", "slug": "{{fields.number}}-{{slug}}", "summary": "{{number}}. {{title}}",
         "media_folder": "", "public_folder": "",
         "fields": [*model_fields(m.Briefing), _body("Introduction", "Shown on the paper's page above the download.")]},
        {"name": "resources", "label": "Resource library", "label_singular": "Resource",
         "folder": "content/resources", "extension": "yml", "format": "yml", "create": True,
         "identifier_field": "title", "slug": "{{slug}}", "media_folder": "", "public_folder": "",
         "fields": model_fields(m.Resource)},
        {"name": "pages", "label": "Pages", "label_singular": "Page", "folder": "content", "extension": "md",
         "format": "frontmatter", "create": False, "delete": False, "identifier_field": "title",
         "fields": [*model_fields(m.Page), _body("Text", "The page's text.")]},
        {"name": "lists", "label": "Terms, venues and categories", "delete": False, "files": [
            {"name": list_name, "label": _label(list_name), "file": path,
             "fields": [_field(model, list_name, model.model_fields[list_name])]}
            for (list_name, path), model in zip(_LISTS.items(), (m.TermList, m.VenueList, m.CategoryList), strict=True)
        ]},
    ]


def cms_config(settings: dict[str, Any]) -> dict[str, Any]:
    """The whole Decap configuration for a project whose ``mkdocs.yml`` holds ``settings``."""
    cms = (settings.get("extra") or {}).get("cms") or {}
    backend: dict[str, Any] = {"name": "github", "repo": cms.get("repo", "OWNER/REPOSITORY"),
                               "branch": cms.get("branch", "main"), "squash_merges": True}
    if cms.get("base_url"):
        backend["base_url"] = cms["base_url"]
    config: dict[str, Any] = {"backend": backend, "publish_mode": "editorial_workflow",
                              # decap-server on this computer, used only when the editor is opened on localhost.
                              "local_backend": True,
                              "media_folder": "stories/media", "public_folder": "media"}
    if settings.get("site_url"):
        config["site_url"] = settings["site_url"]
    config["collections"] = collections()
    return config


class _Dumper(yaml.SafeDumper):
    """Writes shared settings out in full each time: anchors and aliases would puzzle a reader."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_text(root: Path) -> str:
    """The configuration file's text for the project at ``root``."""
    return HEADER + yaml.dump(cms_config(read_config(root)), Dumper=_Dumper, sort_keys=False,
                              allow_unicode=True, width=100)


def write_config(root: Path) -> Path:
    path = root / CONFIG_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    text = config_text(root)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def config_is_stale(root: Path) -> bool:
    """True when ``schemas/cms.yml`` is missing or differs from the models and settings."""
    path = root / CONFIG_PATH
    return not path.exists() or path.read_text(encoding="utf-8") != config_text(root)
