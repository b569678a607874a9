"""Personal details in stories: errors when the storyteller is anonymous or uses a pseudonym,
warnings for the editor to confirm when they are named.

Each case writes one detail into a story of a copy of the project and checks the exact line
``python -m build_tools validate`` prints for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from projects import FULL, copy_project

from build_tools.cli.main import main
from build_tools.content.rules.privacy import find_personal_data

ANONYMOUS = "stories/after-my-brother-died.md"
PSEUDONYM = "stories/finding-my-words-again.md"
NAMED = "stories/the-kettle-and-the-bus-stop.md"
FIRST_NAME = "stories/a-wee-bit-braver.md"
TRANSCRIPT = "stories/media/the-allotment-and-the-voices-transcript.md"  # of an anonymous audio story

ERROR = "remove it, since it could identify the storyteller."
CONFIRM = "check that the storyteller agreed to share it, or remove it."


@pytest.mark.parametrize(("text", "expected"), [
    ("Ring me on 07700 900123 any time.", [("a phone number", "07700 900123")]),
    ("My mobile is 07700900123.", [("a phone number", "07700900123")]),
    ("Or +44 7700 900123 from abroad.", [("a phone number", "+44 7700 900123")]),
    ("Home is 0113 496 0000.", [("a phone number", "0113 496 0000")]),
    ("Home is (01632) 960 210.", [("a phone number", "(01632) 960 210")]),
    ("Work: 020 7946 0018.", [("a phone number", "020 7946 0018")]),
    ("Landline +44 (0)113 496 0000.", [("a phone number", "+44 (0)113 496 0000")]),
    ("Write to jo.bloggs@example.co.uk please.", [("an e-mail address", "jo.bloggs@example.co.uk")]),
    ("I live at 12 Acacia Road now.", [("a street address", "12 Acacia Road")]),
    ("Flat 3, 14 St John's Close.", [("a street address", "14 St John's Close")]),
    ("We moved to 7a Mill Lane.", [("a street address", "7a Mill Lane")]),
    ("Postcode LS11 5AB.", [("a postcode", "LS11 5AB")]),
    ("Send it to WY1 4QT.", [("a postcode", "WY1 4QT")]),
    ("12 Acacia Road, Kelderbridge WY1 4QT", [("a street address", "12 Acacia Road"), ("a postcode", "WY1 4QT")]),
    # Not personal: helplines, dates, times, ages, counts, road numbers.
    ("I rang Samaritans on 116 123.", []),
    ("The crisis line is 0800 160 1234.", []),
    ("It was 2026-11-22 at 10:30.", []),
    ("I was 31 years old, with 3 kids.", []),
    ("Stuck on the M62 for 2 hours.", []),
    ("Learning Room 2 at the library.", []),
])
def test_detection(text: str, expected: list[tuple[str, str]]) -> None:
    assert find_personal_data(text) == expected


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("privacy")
    copy_project("full", root)
    return root


def problems_for(root: Path, path: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["validate", "--root", str(root), "--today", "2026-11-22"])
    out = capsys.readouterr().out.splitlines()
    return [line for line in out if line.startswith((f"{path}:", f"warning: {path}:"))
            and "reading age" not in line]


def append_to_body(root: Path, path: str, text: str) -> int:
    """Add a paragraph at the end of the file; returns its line number."""
    original = (FULL / path).read_text(encoding="utf-8").rstrip("\n")
    (root / path).write_text(f"{original}\n\n{text}\n", encoding="utf-8")
    return original.count("\n") + 3


def restore(root: Path, path: str) -> None:
    shutil.copy(FULL / path, root / path)


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("You can ring me on 07700 900123 if you want to talk.", "a phone number", "07700 900123"),
    ("My old landline was +44 113 496 0000.", "a phone number", "+44 113 496 0000"),
    ("Drop me a line at sam.r@example.org.", "an e-mail address", "sam.r@example.org"),
    ("Our house was 12 Acacia Road, the one with the blue door.", "a street address", "12 Acacia Road"),
    ("The flat was in LS11 5AB.", "a postcode", "LS11 5AB"),
], ids=["mobile", "landline-plus44", "email", "street", "postcode"])
@pytest.mark.parametrize(("path", "who"), [(ANONYMOUS, "anonymous"), (PSEUDONYM, "pseudonymous")])
def test_body_of_anonymous_or_pseudonymous_story_is_an_error(project: Path, capsys: pytest.CaptureFixture[str],
                                                             path: str, who: str, text: str, kind: str,
                                                             value: str) -> None:
    line = append_to_body(project, path, text)
    try:
        problems = problems_for(project, path, capsys)
    finally:
        restore(project, path)
    assert problems == [f'{path}:{line}: body: this {who} story contains what looks like {kind} ("{value}"); '
                        f"{ERROR}"]


@pytest.mark.parametrize("path", [NAMED, FIRST_NAME])
def test_named_story_gets_a_warning_to_confirm(project: Path, capsys: pytest.CaptureFixture[str], path: str) -> None:
    line = append_to_body(project, path, "Ring me on 07700 900123 or write to me at 12 Acacia Road.")
    try:
        problems = problems_for(project, path, capsys)
    finally:
        restore(project, path)
    assert problems == [
        f'warning: {path}:{line}: body: this story contains what looks like a phone number ("07700 900123"); '
        f"{CONFIRM}",
        f'warning: {path}:{line}: body: this story contains what looks like a street address ("12 Acacia Road"); '
        f"{CONFIRM}",
    ]


def test_title_and_summary_are_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = project / ANONYMOUS
    text = (FULL / ANONYMOUS).read_text(encoding="utf-8")
    text = text.replace("title: After My Brother Died", "title: After My Brother Died at 3 Quarry Lane", 1)
    text = text.replace("summary: >-\n", "summary: >-\n  Call 07700 900456.\n", 1)
    story.write_text(text, encoding="utf-8")
    try:
        problems = problems_for(project, ANONYMOUS, capsys)
    finally:
        restore(project, ANONYMOUS)
    assert problems == [
        f'{ANONYMOUS}:2: title: this anonymous story contains what looks like a street address ("3 Quarry Lane"); '
        f"{ERROR}",
        f'{ANONYMOUS}:3: summary: this anonymous story contains what looks like a phone number ("07700 900456"); '
        f"{ERROR}",
    ]


def test_transcript_of_anonymous_story_is_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = append_to_body(project, TRANSCRIPT, "Anyway, my e-mail is voices.allotment@example.net if you want it.")
    try:
        problems = problems_for(project, TRANSCRIPT, capsys)
    finally:
        restore(project, TRANSCRIPT)
    assert problems == [
        f'{TRANSCRIPT}:{line}: transcript: this anonymous story contains what looks like an e-mail address '
        f'("voices.allotment@example.net"); {ERROR}']


def test_sample_stories_have_no_personal_details(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", "--root", str(project), "--today", "2026-11-22"])
    out = capsys.readouterr().out
    assert "could identify the storyteller" not in out
    assert "agreed to share it" not in out
