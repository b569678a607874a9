"""The messages and command output shown in the editors' guides are the tool's own, word for word.

Every problem line in a code block of ``docs/editing.md`` or ``docs/content-formats.md`` must be
one that a case in ``validation_cases.py`` produces (and those cases are run exactly by
``test_validate.py``), so a changed message fails here until the guide shows the new one.
The ``new`` command's output shown in the guide is produced by running the command.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from projects import copy_project
from validation_cases import CASES

from build_tools.cli.main import main

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDES = ["editing.md", "content-formats.md"]
MESSAGE = re.compile(r"^(warning: )?(courses|stories|content)/\S+:\d+: \S")
FENCE = re.compile(r"^```(\w*)\s*$")


def code_blocks(text: str) -> list[tuple[str, list[str]]]:
    """``(language, lines)`` of every fenced code block, in order (indented blocks in lists too)."""
    blocks: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    language, indent = "", 0
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        fence = FENCE.match(stripped)
        if current is None and fence:
            current, language, indent = [], fence.group(1), len(line) - len(stripped)
        elif current is not None and stripped.startswith("```"):
            blocks.append((language, current))
            current = None
        elif current is not None:
            current.append(line[indent:])
    return blocks


def doc_messages(name: str) -> list[str]:
    return [line for _, lines in code_blocks((DOCS / name).read_text(encoding="utf-8"))
            for line in lines if MESSAGE.match(line)]


@pytest.mark.parametrize("name", GUIDES)
def test_every_message_in_the_guide_is_produced_by_a_case(name: str) -> None:
    produced = {line for case in CASES for line in case.expected}
    shown = doc_messages(name)
    assert shown, f"{name} shows no messages: the pattern is out of date"
    assert [line for line in shown if line not in produced] == []


def new_command_examples() -> list[tuple[list[str], list[str]]]:
    """``(arguments of new, output shown)`` for each ``new`` command followed by its output in editing.md."""
    examples: list[tuple[list[str], list[str]]] = []
    command: list[str] | None = None
    for language, lines in code_blocks((DOCS / "editing.md").read_text(encoding="utf-8")):
        if language == "sh" and len(lines) == 1 and " build_tools new " in lines[0]:
            command = shlex.split(lines[0].split(" build_tools new ", 1)[1])
        elif command is not None and not language and any(line.startswith(("Created ", "Fill in next:"))
                                                          for line in lines):
            examples.append((command, lines))
            command = None
    return examples


def test_the_guide_shows_output_of_new_for_courses_and_stories() -> None:
    assert [args[0] for args, _ in new_command_examples()] == ["course", "story"]


@pytest.mark.parametrize(("args", "shown"), new_command_examples(), ids=lambda x: x[0] if isinstance(x[0], str) else "")
def test_new_prints_what_the_guide_shows(args: list[str], shown: list[str], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERY_TODAY", "2026-11-22")
    root = copy_project("full", tmp_path / "p")
    assert main(["new", *args, "--root", str(root)]) == 0
    printed = capsys.readouterr().out.split("\n")
    # "…" in the guide stands for lines left out; everything else is shown in order, as printed.
    position = 0
    for line in shown:
        if line.strip() == "…":
            continue
        assert line in printed[position:], f"{line!r} is not printed (in this order) by new {' '.join(args)}"
        position = printed.index(line, position) + 1
