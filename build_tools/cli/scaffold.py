"""``python -m build_tools new TYPE "Title"``: start a content file from a commented template.

Each template (``build_tools/scaffold_templates/``) explains every field in a comment line and
lists the values allowed, taken from the ``Literal`` types in ``models.py`` so the lists never
drift from what the validator accepts. A new course is a valid *draft* (not published) with
``FILL IN`` placeholders; a new story, briefing paper or resource is a draft with empty fields,
which ``validate`` accepts (and holds back) until its status says it is ready; ``new`` lists
what is still to fill in.

Exit codes: 0 created, 1 the file (or briefing number) already exists, 2 the title gives no
usable file name or the number is out of range.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import tempfile
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2

from build_tools.content import models
from build_tools.content.errors import errors_in, field_name
from build_tools.content.load import BRIEFING_NAME, load_collections
from build_tools.content.rules.checks import PLACEHOLDER  # text still to be written; checks.placeholders() blocks publishing it

TEMPLATES = Path(__file__).with_name("scaffold_templates")
SLUG_LIMIT = 60

# Allowed values shown in the templates' comments, read from the models' Literal types.
ALLOWED_TYPES: dict[str, object] = {
    "audience": models.Audience,
    "course_format": models.CourseFormat,
    "expertise": models.Expertise,
    "course_status": models.CourseStatus,
    "run_status": models.RunStatus,
    "repeat_every": models.RepeatEvery,
    "attribution": models.Attribution,
    "perspective": models.Perspective,
    "story_format": models.StoryFormat,
    "theme": models.Theme,
    "content_note": models.ContentNote,
    "scope": models.Scope,
    "resource_type": models.ResourceType,
    "alternative_format": models.AlternativeFormat,
    "five_ways": models.FiveWays,
}


@dataclass(frozen=True)
class Kind:
    """One type of content file ``new`` can create."""

    noun: str
    template: str
    folder: str
    suffix: str
    url: str            # preview address of a published item, with {id}
    published_when: str  # what makes it appear in the preview


KINDS: dict[str, Kind] = {
    "course": Kind("course", "course.yml.j2", "courses", ".yml", "courses/{id}/",
                   "once its status is open or full"),
    "story": Kind("story", "story.md.j2", "stories", ".md", "stories/{id}/",
                  "once its status is published, its consent includes web, and the published date has come"),
    "briefing": Kind("briefing paper", "briefing.md.j2", "content/briefings", ".md", "briefings/{id}/",
                     "once its status is planned or published"),
    "resource": Kind("resource", "resource.yml.j2", "content/resources", ".yml", "resources/",
                     "in the resource library once its status is published"),
}


class ScaffoldError(Exception):
    """A plain-English reason the file was not created, with the exit code to return."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def slugify(title: str, limit: int = SLUG_LIMIT) -> str:
    """``"Carers & Supporters: Café"`` -> ``carers-and-supporters-cafe``; empty when no letters or digits."""
    text = unicodedata.normalize("NFKD", title.replace("&", " and "))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    # "wasn't" -> "wasnt", as in the sample stories' file names.
    text = re.sub(r"['\u2019]", "", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def allowed_values() -> dict[str, str]:
    return {name: ", ".join(typing.get_args(literal)) for name, literal in ALLOWED_TYPES.items()}


def _ids(root: Path) -> dict[str, object]:
    """Ids of the shared course lists, to show in the course template's comments."""
    found = load_collections(root)
    terms = sorted(found.terms.values(), key=lambda term: term.start)
    return {"categories": list(found.categories), "terms": [term.id for term in terms],
            "venues": list(found.venues), "first_date": terms[0].start.isoformat() if terms else "2027-01-20"}


def briefing_numbers(root: Path) -> dict[int, str]:
    """Paper number -> file, from the names of the files in content/briefings/."""
    numbers: dict[int, str] = {}
    for path in sorted((root / "content" / "briefings").glob("*.md")):
        match = BRIEFING_NAME.match(path.stem)
        if match:
            numbers.setdefault(int(match.group(1)), path.relative_to(root).as_posix())
    return numbers


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, not HTML
    )


def plan(kind_name: str, title: str, root: Path, number: int | None = None,
         today: dt.date | None = None, ident: str | None = None) -> tuple[Path, str]:
    """The path to create and its text; raises :class:`ScaffoldError` when it cannot be created.

    The file name comes from ``ident`` when given (a short id of the editor's choosing), else
    from the title.
    """
    from build_tools.content.settings import load_settings
    from build_tools.site.published import today as build_date

    kind = KINDS[kind_name]
    today = today or build_date()
    if ident is not None and not models.KEBAB_ID.match(ident):
        suggestion = slugify(ident) or "walking-football"
        raise ScaffoldError(f'"{ident}" cannot be a file name; use lower-case letters, digits and hyphens only, '
                            f"for example --id {suggestion}.", 2)
    slug = ident or slugify(title)
    if not slug:
        raise ScaffoldError(f'"{title}" has no letters or digits to make a file name from; give a title '
                            "with words in it, for example \"Managing Anxiety\".", 2)
    context: dict[str, object] = {
        "title": json.dumps(title.strip(), ensure_ascii=False),
        "allowed": allowed_values(),
        "placeholder": PLACEHOLDER,
        # Shown in comments as an example: one line, whatever mkdocs.yml holds.
        "college": " ".join(load_settings(root).college_name.split()) or "Your Recovery College",
    }
    stem = slug
    if kind_name == "course":
        context.update(_ids(root))
        if not context["categories"]:
            raise ScaffoldError("courses/_categories.yml lists no categories (or cannot be read); "
                                "fix it first: run python -m build_tools validate.", 1)
    elif kind_name == "briefing":
        taken = briefing_numbers(root)
        if number is None:
            number = max(taken, default=0) + 1
        if not 1 <= number <= 999:
            raise ScaffoldError(f"{number} cannot be a paper number; use a number from 1 to 999.", 2)
        if number in taken:
            raise ScaffoldError(f"paper number {number} is already used by {taken[number]}; choose another "
                                "with --number, or leave --number out to take the next free one.", 1)
        stem = f"{number:02d}-{slug}"
        context.update(number=number, year=today.year)
    elif kind_name == "resource":
        try:
            context["review_by"] = today.replace(year=today.year + 1)
        except ValueError:  # 29 February
            context["review_by"] = today + dt.timedelta(days=365)
    path = root / kind.folder / f"{stem}{kind.suffix}"
    text = _environment().get_template(kind.template).render(**context)
    return path, text


def _placeholders(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Paths of the text values that still hold the placeholder marker."""
    if isinstance(value, str):
        return [path] if PLACEHOLDER in value else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _placeholders(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _placeholders(item, (*path, index))]
    return []


# What a draft becomes when it is ready: the new file is checked as that, to list what is left.
READY_STATUS = {"story": "published", "resource": "published", "briefing": "planned"}


def _as_ready(root: Path, rel: str, kind_name: str) -> list[str]:
    """The errors the new draft ``rel`` would have once its status says it is ready (file by itself)."""
    ready = READY_STATUS.get(kind_name)
    text = (root / rel).read_text(encoding="utf-8")
    if ready is None or "\nstatus: draft\n" not in text:
        return []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / rel
        copy.parent.mkdir(parents=True)
        copy.write_text(text.replace("\nstatus: draft\n", f"\nstatus: {ready}\n"), encoding="utf-8")
        return [f"  line {p.line}: {p.field}: {p.message}" for p in errors_in(load_collections(Path(folder)).problems)
                if p.path == rel and p.field != "file"]


def still_to_do(root: Path, rel: str, kind_name: str = "") -> list[str]:
    """What the editor has left to do in the new file: validator errors (for a draft, those it would
    have once ready to publish), then placeholder text."""
    from build_tools.site.published import validate

    collections, problems = validate(root)
    todo = [f"  line {p.line}: {p.field}: {p.message}" for p in errors_in(problems) if p.path == rel]
    todo += [line for line in _as_ready(root, rel, kind_name) if line not in todo]
    loaded = [item for name in ("courses", "stories", "briefings", "resources")
              for item in getattr(collections, name).values() if item.source_path == rel]
    for item in loaded:
        for path in _placeholders(item.model_dump(mode="json")):
            todo.append(f"  line {item.line_of(*path)}: {field_name(path)}: replace the {PLACEHOLDER} text.")
    return todo


def cmd_new(args: argparse.Namespace) -> int:
    root: Path = args.root
    kind = KINDS[args.type]
    if args.number is not None and args.type != "briefing":
        print("error: --number is only for briefing papers; leave it out.")
        return 2
    try:
        path, text = plan(args.type, args.title, root, number=args.number, ident=args.id)
    except ScaffoldError as problem:
        print(f"error: {problem}")
        return problem.code
    rel = path.relative_to(root).as_posix()
    if path.exists():
        print(f"error: {rel} already exists, and it was left as it is. Edit that file, or choose "
              "a different title.")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(f"Created {rel}.")
    if args.type == "course":
        print("It is a draft: it is not on the website or in the prospectus until you set status: open.")
    if args.type == "story":
        print("It is a draft: it is not published until you set status: published.")
        print("First agree consent with the storyteller, using the checklist at the top of the file.")
    if args.type in ("briefing", "resource"):
        print("It is a draft: it is not published until you set status: "
              f"{'planned or published' if args.type == 'briefing' else 'published'}.")
    todo = still_to_do(root, rel, args.type)
    if todo:
        print("\nFill in next:")
        print("\n".join(todo))
    ident = path.stem
    print("\nThen check your work:  make validate   (or .venv/bin/python -m build_tools validate)")
    print(f"and preview it:        make serve, then open http://127.0.0.1:8000/{kind.url.format(id=ident)}")
    print(f"                       (it appears there {kind.published_when}).")
    print("Every field is described in docs/content-formats.md; the steps are in docs/editing.md.")
    return 0


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number') from None


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    new = command("new", cmd_new, "start a new course, story, briefing paper or resource from a template")
    new.add_argument("type", choices=list(KINDS), help="what to create: course, story, briefing or resource")
    new.add_argument("title", help='the title, in quotes, e.g. "Managing Anxiety"; the file name is made from it')
    new.add_argument("--number", type=_number, default=None,
                     help="briefing papers only: the paper number (default: the next free number)")
    new.add_argument("--id", default=None,
                     help="a short file name (and web address) instead of one made from the title, e.g. "
                     "--id walking-football; rename freely before publication, but once published keep it "
                     "(or add an alias)")


