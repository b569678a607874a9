"""``python -m build_tools init DIR``: a new college's project, ready to build at once.

It writes the college's own files: ``mkdocs.yml`` with the settings to fill in (lines marked
FILL IN) and the public crisis lines of the college's nation, and one clearly marked example of
each content type (a course with its term, venue and category, a story, a briefing paper, a
resource, and the hand-written pages). Into a new folder it also copies the tool (code, theme,
tests, docs, Makefile), so ``make site`` works there; in a copy of the tool whose sample
content was removed, it writes the college's files only. Templates: ``cli/starter/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import jinja2

from build_tools.content.settings import NATIONS

STARTER = Path(__file__).with_name("starter")
TOOL = Path(__file__).resolve().parents[2]
# The college's own files: init never writes over any of them.
COLLEGE_FILES = ("mkdocs.yml", "courses", "stories", "content")
# The tool's files a new project needs beside them (those that exist are copied).
TOOL_FILES = ("build_tools", "theme", "tests", "benchmarks", "docs", "schemas", "scripts", ".ci", ".github",
              "pyproject.toml", "Makefile", "package.json", "package-lock.json", "README.md", ".gitignore",
              ".editorconfig", ".pre-commit-config.yaml")
_NOT_COPIED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".venv", "node_modules", "site",
                                     ".pytest_cache", ".hypothesis")
NAME_PUNCTUATION = frozenset(" '&-,.()")
DEFAULT_NAME = "Our Recovery College"


class StarterError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def example_term(today: dt.date) -> dict[str, object]:
    """A term of eleven weeks starting on a Monday at least a week from ``today``."""
    start = today + dt.timedelta(days=7 + (7 - today.weekday()) % 7)
    season = "spring" if start.month <= 4 else "summer" if start.month <= 8 else "autumn"
    return {"id": f"{season}-{start.year}", "name": f"{season.capitalize()} term {start.year}",
            "start": start, "end": start + dt.timedelta(weeks=11, days=-3)}


def context(name: str, nation: str, today: dt.date) -> dict[str, object]:
    term = example_term(today)
    first_tuesday = term["start"] + dt.timedelta(days=1)  # type: ignore[operator]
    return {
        "college": json.dumps(name, ensure_ascii=False),  # quoted for YAML
        "college_text": name,
        "nation": nation,
        "nation_name": NATIONS[nation].name,
        "crisis_support": NATIONS[nation].crisis_support,
        "today": today,
        "today_long": f"{today.day} {today:%B %Y}",
        "year": today.year,
        "review_by": _years_later(today, 1),
        "term": term,
        "sessions": [first_tuesday + dt.timedelta(weeks=week) for week in range(3)],
    }


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or not all(ch.isalnum() or ch in NAME_PUNCTUATION for ch in name):
        raise StarterError(f'"{name}" cannot be the college\'s name here: use letters, digits, spaces and '
                           "' & - , . ( ) only (you can change it in mkdocs.yml afterwards).", 2)
    return name


def write_project(target: Path, name: str, nation: str, today: dt.date) -> list[Path]:
    """Write the starter project into ``target``; returns the college's files written."""
    if nation not in NATIONS:
        raise StarterError(f'"{nation}" is not a nation this tool knows; use one of {", ".join(NATIONS)}.', 2)
    name = check_name(name)
    taken = [part for part in COLLEGE_FILES if (target / part).exists()]
    if taken:
        raise StarterError(f"{target} already has {', '.join(taken)}: a project is there. To start again, move "
                           "them away first (init never writes over a college's files).", 1)
    if not (target / "build_tools").is_dir():
        if not (TOOL / "theme").is_dir():
            raise StarterError(f"the tool's theme/ is not beside its code in {TOOL}; run init from a clone of "
                               "the tool's repository.", 1)
        target.mkdir(parents=True, exist_ok=True)
        for part in TOOL_FILES:
            source = TOOL / part
            if source.is_dir():
                shutil.copytree(source, target / part, ignore=_NOT_COPIED, symlinks=True)
            elif source.is_file():
                shutil.copy2(source, target / part)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(STARTER), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 - YAML and Markdown
    values = context(name, nation, today)
    written = []
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file():
            continue
        rel = source.relative_to(STARTER).as_posix()
        destination = target / rel.removesuffix(".j2")
        destination.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".j2"):
            destination.write_text(env.get_template(rel).render(**values), encoding="utf-8")
        else:
            shutil.copy2(source, destination)
        written.append(destination)
    return written


def _ask_nation() -> str:
    choices = ", ".join(NATIONS)
    while True:
        answer = input(f"Which nation is the college in ({choices})? ").strip().lower().replace(" ", "-")
        if answer in NATIONS:
            return answer
        print(f"Please answer one of: {choices}.")


def cmd_init(args: argparse.Namespace) -> int:
    from build_tools.site.published import today

    nation = args.nation
    if nation is None:
        if not sys.stdin.isatty():
            print(f"error: say which nation the college is in, with --nation ({', '.join(NATIONS)}): it chooses "
                  "the crisis lines and the mental health law the content notes name.", file=sys.stderr)
            return 2
        nation = _ask_nation()
    target = args.directory.resolve()
    try:
        written = write_project(target, args.name, nation, today())
    except StarterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    print(f"Started a project for {' '.join(args.name.split())} ({NATIONS[nation].name}) in {target}:")
    for path in written:
        print(f"  {path.relative_to(target)}")
    print("\nNext: fill in the lines marked FILL IN in mkdocs.yml and content/, replace the files marked EXAMPLE,")
    print(f"then build it: cd {target} && make site (see docs/new-college.md).")
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    init = command("init", cmd_init, "start a new college's project: settings to fill in and one example of each "
                   "kind of content")
    init.add_argument("directory", type=Path, help="the folder to create (or a copy of the tool without content)")
    init.add_argument("--nation", choices=list(NATIONS), default=None,
                      help="where the college is: sets the crisis lines and the law content notes name (asked if left out)")
    init.add_argument("--name", default=DEFAULT_NAME, help=f'the college\'s name (default "{DEFAULT_NAME}")')
