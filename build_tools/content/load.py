"""Read content files into typed models, keeping line numbers for error messages.

Nothing here raises on bad content: every problem becomes a :class:`~build_tools.content.errors.Problem`
so that one run reports all of them. Files that cannot be read at all (not UTF-8, empty,
broken YAML, unclosed front matter) are reported and skipped; the rest are still checked.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from build_tools.content.errors import Problem, error, printable
from build_tools.content.messages import problems_from
from build_tools.content.models import (
    KEBAB_ID,
    Briefing,
    Category,
    Course,
    FileBacked,
    Page,
    Resource,
    Story,
    Term,
    Venue,
)
from build_tools.content.settings import Settings, read_settings
from build_tools.content.yaml_lines import LineMap, YamlProblem, YamlProblems, parse_yaml

MAX_FILE_BYTES = 2_000_000
# Content that can be a draft (status: draft): checked only for what makes it unreadable.
DRAFTABLE: frozenset[type[BaseModel]] = frozenset({Course, Story, Briefing, Resource})
BRIEFING_NAME = re.compile(r"^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
_FENCE = re.compile(r"^(---|\.\.\.)\s*$")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Draft:
    """A draft too unfinished to read into its model (fields still empty): held back, not an error."""

    path: str
    kind: str   # course, story, briefing paper or resource
    ident: str
    title: str


@dataclass
class Collections:
    """Everything read from the content folders, before cross-collection checks."""

    root: Path
    courses: dict[str, Course] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    # Drafts whose fields are not all written yet; complete drafts are in their collection.
    drafts: list[Draft] = field(default_factory=list)
    # Files read of each collection ("courses", "stories"…), counting those with errors.
    checked: Counter[str] = field(default_factory=Counter)
    # Line maps of the shared lists, keyed by their relative path.
    shared_lines: dict[str, LineMap] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The college's settings (mkdocs.yml), read once here for every output.
    settings: Settings = field(default_factory=Settings)
    # Ids that exist but could not be read ("venues:harbour-library", "courses:managing-anxiety"),
    # or whole lists that could not be read ("venues:*"): references to them are not reported
    # again, since the editor is already told what is wrong with the file itself.
    unreadable: set[str] = field(default_factory=set)

    def is_unreadable(self, kind: str, ident: str) -> bool:
        return f"{kind}:*" in self.unreadable or f"{kind}:{ident}" in self.unreadable

    def draft(self, kind: str, ident: str) -> Draft | None:
        """The unfinished draft ``ident`` of ``kind`` (``course``, ``story``…), if there is one."""
        return next((d for d in self.drafts if d.kind == kind and d.ident == ident), None)


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def symlink_problem(rel: str) -> Problem:
    """The one message for a symbolic link in a content folder (it could publish any file)."""
    return error(rel, 1, "file", "this is a symbolic link, which could publish a file from outside the project; "
                 "replace it with a copy of the file itself.")


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text with Unix line endings, or a problem saying why it cannot be read."""
    if path.is_symlink():
        return None, [symlink_problem(rel)]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [error(rel, 1, "file", f"the file is {size // 1_000_000} MB; content files must be under 2 MB. "
                                "Put large media in a separate file and link to it.")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, 1, "file", f"the file cannot be opened ({exc.strerror}).")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(rel, line, "file", f"the file is not saved as UTF-8 text (byte 0x{data[exc.start]:02X} on "
                            "this line cannot be read); save it again choosing the UTF-8 encoding.")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [error(rel, line, "file", "the file contains a NUL character, so it looks like a binary "
                            "file rather than text; check that the right file was saved here.")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error(rel, 1, "file", "the file is empty; add its content, or delete the file.")]
    return text, []


def split_front_matter(text: str, rel: str) -> tuple[str, str, int] | Problem:
    """``(front_matter, body, body_first_line)`` or a problem when the front matter is missing or open."""
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        return error(rel, 1, "front matter", "the file must start with front matter: a line with three dashes "
                     "(---), then the fields (title: ..., and so on), then another line of three dashes.")
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return error(rel, 1, "front matter", "the front matter that starts on line 1 is never closed; add a line "
                 "with three dashes (---) after the last field, before the text begins.")


@lru_cache(maxsize=20_000)
def _parse_yaml_once(text: str, offset: int) -> tuple[Any, LineMap]:
    """``parse_yaml``, remembered for the same text: ``serve`` reloads every file on each save,
    and parsing YAML is most of that work, so only changed files are parsed again. Safe to share: nothing changes parsed data or line
    maps afterwards (models copy what they read). Texts that fail to parse are not remembered."""
    return parse_yaml(text, offset)


def clear_yaml_cache() -> None:
    """Forget parsed texts (the benchmark times validation from cold)."""
    _parse_yaml_once.cache_clear()


def _yaml(text: str, rel: str, offset: int = 0) -> tuple[Any, LineMap | None, list[Problem]]:
    try:
        data, lines = _parse_yaml_once(text, offset)
    except YamlProblems as many:
        return None, None, [error(rel, p.line, p.field, p.message) for p in many.problems]
    except YamlProblem as problem:
        return None, None, [error(rel, problem.line, problem.field, problem.message)]
    return data, lines, []


def _validate(model: type[M], data: Any, rel: str, lines: LineMap, noun: str,
              ident: str = "") -> tuple[M | Draft | None, list[Problem]]:
    if data is None:
        return None, [error(rel, lines.offset + 1, "file", f"there are no fields; a {noun} needs at least a title.")]
    if not isinstance(data, dict):
        return None, [error(rel, lines.line_of(()), "file", f"the {noun} should be a set of fields (name: value "
                            f"lines), but this file holds {'a list' if isinstance(data, list) else 'a single value'}.")]
    # Keys that are not text (e.g. "1: x" or "true: x") would confuse field names.
    for key in data:
        if not isinstance(key, str):
            return None, [error(rel, lines.key_line((key,)), str(key), f'"{key}" is not a field name; field names '
                                "are words such as title or summary.")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        if model not in DRAFTABLE or data.get("status") != "draft":
            return None, problems_from(exc, model, rel, lines, noun)
        problems = problems_from(exc, model, rel, lines, noun, draft=True)
        if problems:
            return None, problems
        title = data.get("title")
        return Draft(rel, noun, ident, title if isinstance(title, str) and title.strip() else ident), []


def _check_id(stem: str, rel: str, noun: str) -> list[Problem]:
    if KEBAB_ID.match(stem):
        return []
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-file"
    return [error(rel, 1, "file name", f'"{stem}" cannot be used as the address of a {noun}; rename the file '
                  f"using lower-case letters, digits and hyphens, e.g. {suggestion}{Path(rel).suffix}.")]


def _read_media_texts(story: Story, root: Path) -> list[Problem]:
    """Read the story's transcript and captions once, for every check and output that shows them.

    A missing file is reported by ``checks.story_media``; an unreadable one here, once.
    """
    problems: list[Problem] = []
    if story.media is None:
        return problems
    for key in ("transcript", "captions"):
        name = getattr(story.media, key)
        path = root / story.media_path(name) if name else None
        if path is not None and path.is_file():
            text, read_problems = read_text(path, relative(path, root))
            problems += read_problems
            setattr(story, f"_{key}", text)
    return problems


def _unprintable_names(root: Path, found: Collections) -> set[Path]:
    """Files and folders under the content folders whose names hold a line break, a control or
    format character or bytes that are not UTF-8: each is refused once, and nothing else reads it.

    Such a name would break every line that shows it (messages, annotations, addresses).
    """
    refused: set[Path] = set()
    for top in ("courses", "stories", "content"):
        for folder, dirs, files in os.walk(root / top):
            for name in [*dirs, *files]:
                if name.isprintable():
                    continue
                path = Path(folder) / name
                refused.add(path)
                stem, suffix = os.path.splitext(name)
                suggestion = ((re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-file")
                              + re.sub(r"[^a-z0-9.]+", "", suffix.lower()))
                found.problems.append(error(printable(relative(path, root)), 1, "file name",
                                            f'the name "{printable(name)}" contains a line break or another '
                                            "character that cannot be shown (written here with a backslash); "
                                            "rename it using lower-case letters, digits and hyphens, e.g. "
                                            f"{suggestion}."))
            # Nothing inside a refused folder is read either.
            dirs[:] = [d for d in dirs if Path(folder) / d not in refused]
    return refused


def _attach(item: FileBacked, ident: str, rel: str, lines: LineMap, body: str = "", body_line: int = 1) -> None:
    item._id = ident
    item._path = rel
    item._lines = lines
    item._body = body
    item._body_line = body_line


def load_yaml_item(path: Path, root: Path, model: type[M], noun: str) -> tuple[M | Draft | None, list[Problem]]:
    """One YAML file -> one model (courses, resources)."""
    rel = relative(path, root)
    problems = _check_id(path.stem, rel, noun)
    text, read_problems = read_text(path, rel)
    if text is None:
        return None, problems + read_problems
    data, lines, yaml_problems = _yaml(text, rel)
    if lines is None:
        return None, problems + yaml_problems
    item, model_problems = _validate(model, data, rel, lines, noun, path.stem)
    if item is not None and isinstance(item, FileBacked):
        _attach(item, path.stem, rel, lines)
    return item, problems + model_problems


def load_markdown_item(path: Path, root: Path, model: type[M], noun: str,
                       ident: str) -> tuple[M | Draft | None, list[Problem]]:
    """One Markdown file with front matter -> one model (stories, briefing papers, pages)."""
    rel = relative(path, root)
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    split = split_front_matter(text, rel)
    if isinstance(split, Problem):
        return None, [split]
    front, body, body_line = split
    data, lines, yaml_problems = _yaml(front, rel, offset=1)
    if lines is None:
        return None, yaml_problems
    if data is None and model is Page:
        data = {}
    item, model_problems = _validate(model, data, rel, lines, noun, ident)
    if item is not None and isinstance(item, FileBacked):
        _attach(item, ident, rel, lines, body, body_line)
    return item, model_problems


def _load_list(path: Path, root: Path, model: type[BaseModel], key: str, noun: str, into: dict[str, Any],
               collections: Collections) -> None:
    """A shared list (terms, venues, categories); each item is validated on its own, so one bad
    venue does not hide the others."""
    rel = relative(path, root)
    if not path.exists():
        collections.unreadable.add(f"{key}:*")
        collections.problems.append(error(rel, 1, "file", f"this file is missing; it lists the {key} that courses "
                                          "refer to. Create it (see docs/content-formats.md)."))
        return
    text, problems = read_text(path, rel)
    data, lines, yaml_problems = _yaml(text, rel) if text is not None else (None, None, [])
    collections.problems.extend(problems + yaml_problems)
    if lines is None:
        collections.unreadable.add(f"{key}:*")
        return
    collections.shared_lines[rel] = lines
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        collections.unreadable.add(f"{key}:*")
        collections.problems.append(error(rel, lines.line_of(()), key, f"this file must start with {key}: followed "
                                          f"by a list of {key}, each item starting with '- id:'."))
        return
    if isinstance(data, dict):
        for extra in sorted(set(data) - {key}, key=str):
            collections.problems.append(error(rel, lines.key_line((extra,)), str(extra), f'"{extra}" is not '
                                              f"expected here; this file holds only the {key}: list."))
    for index, raw in enumerate(data[key]):
        ident = raw.get("id") if isinstance(raw, dict) else None
        try:
            item = model.model_validate(raw)
        except ValidationError as exc:
            collections.problems.extend(problems_from(exc, model, rel, lines, noun, prefix=(key, index)))
            if isinstance(ident, str):
                collections.unreadable.add(f"{key}:{ident}")
            continue
        if item.id in into:
            collections.problems.append(error(rel, lines.line_of((key, index, "id")), f"{key}[{index}].id",
                                              f'the id "{item.id}" is used twice in this file; each must be unique.'))
        into[item.id] = item


def load_collections(root: Path) -> Collections:
    """Read every content file under ``root``; problems are collected, never raised."""
    root = root.resolve()
    found = Collections(root=root)
    refused = _unprintable_names(root, found)
    found.settings, settings_problems = read_settings(root)
    found.problems.extend(settings_problems)
    courses_dir = root / "courses"
    _load_list(courses_dir / "_terms.yml", root, Term, "terms", "term", found.terms, found)
    _load_list(courses_dir / "_venues.yml", root, Venue, "venues", "venue", found.venues, found)
    _load_list(courses_dir / "_categories.yml", root, Category, "categories", "category", found.categories, found)

    def add(items: dict[str, Any], item: Any, problems: list[Problem], kind: str = "", ident: str = "") -> None:
        found.problems.extend(problems)
        if isinstance(item, Draft):
            found.drafts.append(item)
        elif item is not None:
            items[item.id] = item
        elif kind:
            found.unreadable.add(f"{kind}:{ident}")

    for path in sorted(courses_dir.glob("*.y*ml")):
        if path.name.startswith("_") or path in refused:
            continue
        found.checked["courses"] += 1
        if path.suffix == ".yaml":
            found.problems.append(error(relative(path, root), 1, "file name", "course files end in .yml; rename "
                                        f"it to {path.stem}.yml."))
            continue
        add(found.courses, *load_yaml_item(path, root, Course, "course"), "courses", path.stem)

    for path in sorted((root / "stories").glob("*.md")):
        if path in refused:
            continue
        rel = relative(path, root)
        found.checked["stories"] += 1
        id_problems = _check_id(path.stem, rel, "story")
        story, problems = load_markdown_item(path, root, Story, "story", path.stem)
        if isinstance(story, Story):
            problems += _read_media_texts(story, root)
        add(found.stories, story, id_problems + problems)

    content = root / "content"
    for path in sorted((content / "briefings").glob("*.md")):
        rel = relative(path, root)
        match = BRIEFING_NAME.match(path.stem)
        if path.stem == "index" or path in refused:
            continue
        found.checked["briefings"] += 1
        if not match:
            found.problems.append(error(rel, 1, "file name", f'"{path.name}" should start with the paper number '
                                        "and a hyphen, then the title in lower case with hyphens, e.g. "
                                        "17-preparing-organisations-for-peer-support.md."))
            continue
        paper, problems = load_markdown_item(path, root, Briefing, "briefing paper", path.stem)
        if isinstance(paper, Briefing) and paper.number != int(match.group(1)):
            problems.append(error(rel, paper.line_of("number"), "number", f"the number is {paper.number} but the "
                                  f"file name starts with {match.group(1)}; make them the same."))
        add(found.briefings, paper, problems, "briefings", match.group(1).lstrip("0"))

    for path in sorted((content / "resources").glob("*.y*ml")):
        if path in refused:
            continue
        found.checked["resources"] += 1
        add(found.resources, *load_yaml_item(path, root, Resource, "resource"))

    for path in sorted(content.rglob("*.md")):
        rel_to_content = path.relative_to(content)
        if any(parent in refused for parent in (path, *path.parents)):
            continue
        if rel_to_content.parts[0] in ("briefings",) and path.stem != "index":
            continue
        found.checked["pages"] += 1
        page, problems = load_markdown_item(path, root, Page, "page", rel_to_content.as_posix())
        add(found.pages, page, problems)
    return found
