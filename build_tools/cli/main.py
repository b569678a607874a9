"""Command line: ``python -m build_tools <command>``.

Exit codes: 0 success, 1 content errors or a failed build, 2 usage errors (wrong arguments).
Editors never see a traceback: unexpected failures are reported in one sentence, with the
full detail only when ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools import __version__
from build_tools.content.errors import ContentError, Problem, errors_in, warnings_in

if TYPE_CHECKING:
    from build_tools.content.load import Collections
    from build_tools.site.published import Report

Handler = Callable[[argparse.Namespace], int]


def find_root(start: Path) -> Path:
    """The project folder: the nearest folder upwards holding mkdocs.yml."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def print_problems(problems: Sequence[Problem], output_format: str) -> None:
    for problem in problems:
        print(problem.github() if output_format == "github" else str(problem))


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def held_back_lines(report: Report) -> list[str]:
    """The report's list of what is not published, for editors; archived and cancelled courses are
    left out (they are kept on purpose), drafts and held-back stories are named."""
    shown = [h for h in report.held_back if h.kind != "course" or h.reason == "status: draft"]
    if not shown:
        return []
    kinds = {"story": "story", "course": "course", "briefing paper": "briefing paper", "resource": "resource"}
    counted = [_plural(sum(h.kind == kind for h in shown), noun) for kind, noun in kinds.items()
               if any(h.kind == kind for h in shown)]
    return [f"Held back from publication ({', '.join(counted)}; not an error):",
            *(f"  {h.path}: {h.reason}" for h in shown)]


def summary_line(collections: Collections, problems: Sequence[Problem]) -> str:
    """``Checked 2 courses, …: 1 error, 0 warnings.``; every file read counts, with errors or not."""
    counts = ", ".join(_plural(collections.checked[key], noun) for key, noun in (
        ("courses", "course"), ("stories", "story"), ("briefings", "briefing paper"),
        ("resources", "resource"), ("pages", "page")))
    return (f"Checked {counts}: {_plural(len(errors_in(problems)), 'error')}, "
            f"{_plural(len(warnings_in(problems)), 'warning')}.")


def cmd_validate(args: argparse.Namespace) -> int:
    from build_tools.site.published import today
    from build_tools.web.check import check_project

    if args.changed is not None or args.staged:
        from build_tools.cli.changed import cmd_validate_changed

        return cmd_validate_changed(args)

    on = args.today or today()
    collections, _, report = check_project(args.root, on)
    problems = report.problems
    print_problems(problems, args.format)
    held = held_back_lines(report) if args.format == "text" else []
    if held:
        print(("\n" if problems else "") + "\n".join(held))
    summary = summary_line(collections, problems)
    print(("\n" if args.format == "text" and (problems or held) else "") + summary, file=sys.stdout if args.format == "text" else sys.stderr)
    return 1 if errors_in(problems) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from build_tools.content.schema import stale_schemas, write_schemas

    directory = args.root / "schemas"
    if args.check:
        stale = stale_schemas(directory)
        for name in stale:
            print(f"schemas/{name}: out of date with build_tools/content/models.py; run python -m build_tools schema.")
        return 1 if stale else 0
    for path in write_schemas(directory):
        print(f"wrote {path.relative_to(args.root)}")
    return 0


def _date(text: str):  # noqa: ANN202 - argparse type
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date; write it as YYYY-MM-DD') from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools",
        description="Validate and build the Recovery College website and printed prospectus.",
        epilog="Run 'python -m build_tools COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full details of unexpected failures")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", type=Path, default=None,
                         help="project folder (default: the nearest folder upwards with mkdocs.yml)")
        sub.set_defaults(handler=handler)
        return sub

    validate = command("validate", cmd_validate, "check every content file and report all problems")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="text (default) or github (GitHub Actions annotations)")
    validate.add_argument("--today", type=_date, default=None,
                          help="check consent and review dates as on this day (YYYY-MM-DD)")
    validate.add_argument("--changed", nargs="?", const="", default=None, metavar="BASE",
                          help="report only on the files you changed since BASE (default: where your branch "
                          "left main), and on what those changes break elsewhere")
    validate.add_argument("--staged", action="store_true",
                          help="report only on the files staged for your next commit, and on what they break "
                          "elsewhere (used by the pre-commit hook)")

    schema = command("schema", cmd_schema, "write JSON Schemas for content files into schemas/")
    schema.add_argument("--check", action="store_true", help="only report schemas that are out of date")

    # Imported here: the command modules load MkDocs and Typst, which `validate` never needs.
    from build_tools.cli.commands import REGISTER

    for register in REGISTER:
        register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    try:
        return args.handler(args)
    except ContentError as exc:
        print_problems(exc.problems, getattr(args, "format", "text"))
        print(f"\n{_plural(len(errors_in(exc.problems)), 'error')} in content; nothing was changed in site/.")
        return 1
    except BrokenPipeError:
        # Output piped into `head` or a pager that closed early: not a failure worth reporting.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: editors get a sentence, developers get --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"error: the command failed unexpectedly ({type(exc).__name__}: {exc}). "
                  "Run again with --debug for details, and tell a developer.", file=sys.stderr)
        return 1
