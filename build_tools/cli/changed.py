"""``validate --changed [BASE]`` and ``validate --staged``: the problems an editor's own change makes.

Reported: every problem in the files the editor changed, and every new problem in a file the
change did not touch (a venue removed that a course still uses, a paper number taken twice).
Not reported: problems that were there before, and problems in other files that differ from
BASE but are not part of this change (someone else's unfinished story in the same folder), so
one person's work in progress never blocks another's commit.

BASE is a revision (default: where this branch left ``main``, or ``HEAD`` when there is no
``main``); ``--staged`` checks the files staged for the next commit against ``HEAD``, as the
pre-commit hook does. BASE's content is exported with ``git archive`` (see ``changes.export``)
and checked with the same rules.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from build_tools.cli.changes import CONTENT_FOLDERS, ChangesError, _git, export, resolve
from build_tools.cli.main import held_back_lines, print_problems
from build_tools.content.errors import Problem, errors_in, warnings_in


def _names(root: Path, *args: str) -> set[str]:
    """Paths git lists (relative to ``root``), within the content folders."""
    listed = _git(root, *args, "--relative", "--", *CONTENT_FOLDERS) if args[0] == "diff" else \
        _git(root, *args, "--", *CONTENT_FOLDERS)
    return {line for line in listed.stdout.splitlines() if line}


# git's empty tree: what a repository's first commit is compared with.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def _no_commits_yet(root: Path) -> bool:
    inside = _git(root, "rev-parse", "--is-inside-work-tree").returncode == 0
    return inside and _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0


def default_base(root: Path) -> tuple[str, str]:
    """``(revision, how to name it)``: where this branch left ``main`` (or ``origin/main``), else ``HEAD``."""
    for branch in ("main", "origin/main"):
        found = _git(root, "merge-base", "HEAD", branch)
        if found.returncode == 0 and found.stdout.strip():
            return found.stdout.strip(), f"where this branch left {branch}"
    return "HEAD", "HEAD"


def changed_files(root: Path, base: str, staged: bool) -> tuple[set[str], set[str]]:
    """``(changed, differing)``: the files of this change, and every file that differs from ``base``."""
    untracked = _names(root, "ls-files", "--others", "--exclude-standard")
    differing = _names(root, "diff", "--name-only", base) | untracked
    changed = _names(root, "diff", "--name-only", "--cached", base) if staged else differing
    return changed, differing


def _key(problem: Problem) -> tuple[str, str, str, str]:
    # Lines are left out: an unchanged file's lines do not move, and a changed file is reported whole.
    return problem.path, problem.field, problem.message, problem.severity


def own_problems(now: list[Problem], before: list[Problem], changed: set[str], differing: set[str]) -> list[Problem]:
    """The problems this change is responsible for (see the module docstring)."""
    old = {_key(p) for p in before}
    return [p for p in now if p.path in changed or (p.path not in differing and _key(p) not in old)]


def cmd_validate_changed(args: argparse.Namespace) -> int:
    from build_tools.site.published import Report, today
    from build_tools.web.check import check_project

    root: Path = args.root
    on = args.today or today()
    named = "HEAD" if args.staged else args.changed
    try:
        revision, label = (named, named) if named else default_base(root)
        base = EMPTY_TREE if revision == "HEAD" and _no_commits_yet(root) else resolve(root, revision)
        changed, differing = changed_files(root, base, args.staged)
    except ChangesError as problem:
        print(f"error: {problem}")
        return 2
    _, _, report = check_project(root, on)
    with tempfile.TemporaryDirectory() as folder:
        before = export(root, base, Path(folder))
        if (root / "mkdocs.yml").is_file():
            shutil.copy(root / "mkdocs.yml", before / "mkdocs.yml")  # the same settings, for links
        _, _, base_report = check_project(before, on)
    problems = own_problems(report.problems, base_report.problems, changed, differing)
    print_problems(problems, args.format)
    held = held_back_lines(Report(problems, [h for h in report.held_back if h.path in changed]))
    if args.format == "text" and held:
        print(("\n" if problems else "") + "\n".join(held))
    what = "staged file" if args.staged else "changed file"
    count = len(changed)
    summary = (f"Checked {count} {what}{'s' if count != 1 else ''} against {label}: "
               f"{len(errors_in(problems))} error{'s' if len(errors_in(problems)) != 1 else ''}, "
               f"{len(warnings_in(problems))} warning{'s' if len(warnings_in(problems)) != 1 else ''}.")
    print(("\n" if problems or held else "") + summary)
    return 1 if errors_in(problems) else 0
