"""``python -m build_tools changes BASE [HEAD]``: what content a change adds, changes and removes.

Written for reviewers, not developers: ``1 course added; 1 story withdrawn`` and one line per
item, such as ``course understanding-anxiety: dates changed, venue changed``.

Each revision's content folders are exported with ``git archive`` into a temporary folder and
read with the same loader as the build (:func:`build_tools.content.load.load_collections`); the models
are then compared field by field. Without HEAD, BASE is compared with the working tree.
Exit codes: 0 done (whether or not anything changed), 2 not a git repository or a bad revision.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from build_tools.content.errors import errors_in
from build_tools.content.load import Collections, load_collections
from build_tools.content.models import FileBacked, Resource, Story

CONTENT_FOLDERS = ("courses", "stories", "content")
SHARED_FILES = {"terms": "courses/_terms.yml", "venues": "courses/_venues.yml",
                "categories": "courses/_categories.yml"}

# Collections in the order reviewers read them: (attribute, singular, plural).
KINDS: list[tuple[str, str, str]] = [
    ("courses", "course", "courses"),
    ("stories", "story", "stories"),
    ("briefings", "briefing paper", "briefing papers"),
    ("resources", "resource", "resources"),
    ("pages", "page", "pages"),
    ("terms", "term", "terms"),
    ("venues", "venue", "venues"),
    ("categories", "category", "categories"),
]

# Reviewers' words for fields whose name alone does not say it well.
LABELS: dict[str, str] = {
    "enrol": "how to enrol",
    "access": "access information",
    "access_notes": "access notes",
    "who_can_attend": "who can attend",
    "next_steps": "next steps",
    "aliases": "old addresses",
    "storyteller": "attribution",
    "content_notes": "content notes",
    "key_concepts": "key concepts",
    "related": "related papers",
    "pdf": "PDF",
    "alternative_formats": "alternative formats",
    "co_produced_with": "co-producers",
    "five_ways": "Five Ways to Wellbeing",
    "review_by": "review date",
    "sensitive_note": "sensitive note",
    "step_free_access": "step-free access",
    "hearing_loop": "hearing loop",
    "accessible_toilet": "accessible toilet",
    "quiet_room": "quiet room",
    "non_clinical": "non-clinical",
    "start": "start date",
    "end": "end date",
    "body": "text",
}


class ChangesError(Exception):
    """Not a repository, or a revision git does not know; the message is for editors."""


@dataclass(frozen=True)
class Entry:
    """One item's change: ``course understanding-anxiety: dates changed, venue changed``."""

    noun: str
    ident: str
    event: str            # added, removed, withdrawn, changed, unreadable
    details: tuple[str, ...] = ()

    def text(self) -> str:
        return f"{self.noun} {self.ident}: {', '.join(self.details) if self.details else self.event}"


# ---------------------------------------------------------------------------
# Reading a revision
# ---------------------------------------------------------------------------


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[Any]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=not binary, check=False)
    except FileNotFoundError:
        raise ChangesError("git is not installed on this computer; install it to compare revisions.") from None


def resolve(root: Path, revision: str) -> str:
    """The commit id of ``revision``, or :class:`ChangesError` in plain words."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise ChangesError(f"{root} is not inside a git repository, so there are no revisions to compare.")
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        raise ChangesError(f'"{revision}" is not a revision in this repository; give a branch name, a tag or '
                           "a commit id, for example main, origin/main or HEAD~1.")
    return found.stdout.strip()


def export(root: Path, commit: str, into: Path) -> Path:
    """Write the content folders of ``commit`` into ``into``; returns the project folder inside it."""
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    listed = _git(root, "ls-tree", "--name-only", commit, "--", *(f"{prefix}{f}" for f in CONTENT_FOLDERS))
    paths = [line for line in listed.stdout.splitlines() if line]
    if paths:
        # git archive paths are relative to the repository's top, whatever -C says.
        top = _git(root, "rev-parse", "--show-toplevel").stdout.strip()
        archive = _git(Path(top), "archive", "--format=tar", commit, "--", *paths, binary=True)
        if archive.returncode != 0:
            raise ChangesError(f"git could not export {commit[:12]}: {archive.stderr.decode(errors='replace').strip()}")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(into, filter="data")
    project = into / prefix
    project.mkdir(parents=True, exist_ok=True)
    return project


# ---------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------


def _label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " "))


def _dump(item: Any) -> dict[str, Any]:
    data = item.model_dump(mode="json")
    if isinstance(item, FileBacked) and item.body.strip():
        data["body"] = item.body.strip()
    return data


def _run_details(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Course runs in reviewers' words: status, cancelled and moved sessions, dates, times, venue, term, online."""
    details: list[str] = []
    for before, after in zip(old, new):
        if before.get("status") != after.get("status"):
            details.append(f"run status changed from {before.get('status') or 'open'} to {after.get('status') or 'open'}")
    for key, words in (("cancelled", "session cancelled"), ("moved_to", "session moved")):
        counts = [sum(1 for r in runs for s in r["sessions"] if s.get(key)) for runs in (old, new)]
        if counts[1] > counts[0]:
            details.append(words if counts[1] - counts[0] == 1 else f"{counts[1] - counts[0]} sessions {words.split()[1]}")
    sessions = [[(s["date"], s["start"], s["end"]) for r in runs for s in r["sessions"]] for runs in (old, new)]
    if sorted(s[0] for s in sessions[0]) != sorted(s[0] for s in sessions[1]):
        details.append("dates changed")
    elif sorted(sessions[0]) != sorted(sessions[1]):
        details.append("times changed")
    for key, words in (("venue", "venue changed"), ("term", "term changed"), ("online", "online changed")):
        if [r.get(key) for r in old] != [r.get(key) for r in new]:
            details.append(words)
    return details or ["runs changed"]


def _status_detail(old: Any, new: Any) -> str:
    return f"status changed from {old} to {new}"


def _consent_details(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    details = []
    if old.get("withdrawn") and not new.get("withdrawn"):
        details.append("withdrawal removed")
    for key, words in (("scope", "consent scope changed"), ("review_by", "consent review date changed"),
                       ("given", "consent date changed")):
        if old.get(key) != new.get(key):
            details.append(words)
    return details or ["consent changed"]


def field_details(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between two dumps of one item, in the order the model declares its fields."""
    details: list[str] = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key == "runs":
            details.extend(_run_details(before or [], after or []))
        elif key == "status":
            details.append(_status_detail(before, after))
        elif key == "consent":
            details.extend(_consent_details(before or {}, after or {}))
        elif key == "title" and before and after:
            details.append(f'title changed (was "{before}")')
        elif before is None or before == []:
            details.append(f"{_label(key)} added")
        elif after is None or after == []:
            details.append(f"{_label(key)} removed")
        else:
            details.append(f"{_label(key)} changed")
    return details


def _described(item: Any) -> str:
    """``("Walking Football", draft)``: the title, and the status where it has one (stories and
    resources are published unless they say otherwise, so only their drafts are marked)."""
    title = getattr(item, "title", None) or getattr(item, "name", None) or ""
    status = getattr(item, "status", None)
    if isinstance(item, (Story, Resource)) and status == "published":
        status = None
    parts = [f'"{title}"' if title else "", status or ""]
    return f"({', '.join(p for p in parts if p)})" if any(parts) else ""


def _ident_for(attribute: str, path: str) -> str | None:
    """The id an item of ``attribute`` read from ``path`` would have, or ``None`` if it is not one."""
    where = PurePosixPath(path)
    folder = where.parent.as_posix()
    if attribute == "courses" and folder == "courses" and not where.name.startswith("_"):
        return where.stem
    if (attribute, folder) in (("stories", "stories"), ("resources", "content/resources")):
        return where.stem
    if attribute == "briefings" and folder == "content/briefings" and where.stem != "index":
        return where.stem
    if attribute == "pages" and where.parts[0] == "content" and where.suffix == ".md" \
            and _ident_for("briefings", path) is None:
        return where.relative_to("content").as_posix()
    return None


def _failed(collections: Collections, attribute: str) -> set[str]:
    """Ids of this collection's files that have errors and so could not be read at all."""
    loaded = {getattr(item, "source_path", "") for item in getattr(collections, attribute).values()}
    failed = {_ident_for(attribute, p.path) for p in errors_in(collections.problems) if p.path not in loaded}
    return {ident for ident in failed if ident}


def _list_failed(collections: Collections, attribute: str) -> bool:
    """A shared list (terms, venues, categories) whose file could not be read."""
    path = SHARED_FILES[attribute]
    return not getattr(collections, attribute) and any(p.path == path for p in errors_in(collections.problems))


def _compare_item(attribute: str, noun: str, ident: str, before: Any, after: Any) -> Entry | None:
    old_data, new_data = _dump(before), _dump(after)
    if old_data == new_data:
        return None
    if attribute == "stories" and not old_data["consent"].get("withdrawn") and new_data["consent"].get("withdrawn"):
        return Entry(noun, ident, "withdrawn", (f"withdrawn (consent withdrawn on {new_data['consent']['withdrawn']})",))
    return Entry(noun, ident, "changed", tuple(field_details(old_data, new_data)))


def compare(old: Collections, new: Collections) -> list[Entry]:
    """Every added, removed, withdrawn and changed item, collection by collection.

    A file that has errors cannot be read, so it is reported as having errors rather than as
    removed (or, once fixed, as added).
    """
    entries: list[Entry] = []
    for attribute, noun, plural in KINDS:
        before: dict[str, Any] = getattr(old, attribute)
        after: dict[str, Any] = getattr(new, attribute)
        if attribute in SHARED_FILES and (_list_failed(old, attribute) or _list_failed(new, attribute)):
            entries.append(Entry("file", SHARED_FILES[attribute], "unreadable",
                                 (f"has errors, so changes to {plural} cannot be listed; run validate",)))
            continue
        failed_before = _failed(old, attribute) if attribute not in SHARED_FILES else set()
        failed_after = _failed(new, attribute) if attribute not in SHARED_FILES else set()
        # Drafts with fields still empty are read, but not into models: listed by their title.
        drafts_before = {d.ident: d for d in old.drafts if d.kind == noun}
        drafts_after = {d.ident: d for d in new.drafts if d.kind == noun}
        for ident in sorted(set(before) | set(after) | failed_after | set(drafts_before) | set(drafts_after)):
            if ident in drafts_after and ident not in after:
                if ident not in before and ident not in drafts_before:
                    entries.append(Entry(noun, ident, "added", (f'added ("{drafts_after[ident].title}", draft)',)))
                elif ident in before:
                    entries.append(Entry(noun, ident, "changed", ("made a draft again",)))
            elif ident in drafts_before and ident not in after and ident not in before:
                entries.append(Entry(noun, ident, "removed", (f'removed ("{drafts_before[ident].title}", draft)',)))
            elif ident in failed_after:
                entries.append(Entry(noun, ident, "unreadable",
                                     ("has errors, so its changes cannot be listed; run validate",)))
            elif ident not in before and ident in failed_before:
                entries.append(Entry(noun, ident, "changed", ("errors fixed",)))
            elif ident not in before:
                entries.append(Entry(noun, ident, "added", (f"added {_described(after[ident])}".strip(),)))
            elif ident not in after:
                entries.append(Entry(noun, ident, "removed", (f"removed {_described(before[ident])}".strip(),)))
            else:
                entry = _compare_item(attribute, noun, ident, before[ident], after[ident])
                if entry is not None:
                    entries.append(entry)
    return entries


def headline(entries: list[Entry]) -> str:
    """``2 courses added; 1 course changed; 1 story withdrawn``."""
    parts = []
    for _, noun, plural in KINDS:
        for event in ("added", "changed", "withdrawn", "removed"):
            count = sum(1 for e in entries if e.noun == noun and e.event == event)
            if count:
                parts.append(f"{count} {noun if count == 1 else plural} {event}")
    unreadable = sum(1 for e in entries if e.event == "unreadable")
    if unreadable:
        parts.append(f"{unreadable} file{'' if unreadable == 1 else 's'} with errors")
    return "; ".join(parts) if parts else "no content changes"


def summarise(entries: list[Entry], output_format: str = "text", base: str = "", head: str = "") -> str:
    """The report: a headline, then one line per item (a Markdown list for pull requests)."""
    if output_format == "markdown":
        lines = ["### Content changes", "", f"Comparing `{base}` with {f'`{head}`' if head else 'the working tree'}: "
                 f"**{headline(entries)}**.", ""]
        lines += [f"- **{e.noun}** `{e.ident}`: {', '.join(e.details)}" for e in entries]
        return "\n".join(lines).rstrip() + "\n"
    return "\n".join([headline(entries).capitalize() + ".", *(e.text() for e in entries)]) + "\n"


def changes_between(root: Path, base: str, head: str | None = None) -> list[Entry]:
    """Compare the content of two revisions (or a revision and the working tree)."""
    base_commit = resolve(root, base)
    head_commit = resolve(root, head) if head else None
    with tempfile.TemporaryDirectory(prefix="changes-") as temp:
        old = load_collections(export(root, base_commit, Path(temp) / "base"))
        new = load_collections(export(root, head_commit, Path(temp) / "head") if head_commit else root)
        return compare(old, new)


def cmd_changes(args: argparse.Namespace) -> int:
    try:
        entries = changes_between(args.root, args.base, args.head)
    except ChangesError as problem:
        print(f"error: {problem}")
        return 2
    print(summarise(entries, args.format, args.base, args.head or ""), end="")
    return 0


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    changes = command("changes", cmd_changes,
                      "list the content added, changed and removed between two git revisions")
    changes.add_argument("base", metavar="BASE", help="the revision to compare from, e.g. main or HEAD~1")
    changes.add_argument("head", metavar="HEAD", nargs="?", default=None,
                         help="the revision to compare to (default: the files as they are now)")
    changes.add_argument("--format", choices=("text", "markdown"), default="text",
                         help="text (default) or markdown (for a pull-request comment)")


