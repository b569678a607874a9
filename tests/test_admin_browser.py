"""The browser editor, in Chromium: forms generated from the models write files that validate and build.

decap-server (Decap's local backend, from node_modules) serves a copy of the full fixture project
on 127.0.0.1; the editor built by ``python -m build_tools admin`` is served beside it. The test
fills in the forms as an editor would (labels, buttons, choices) and reads back the files written.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser import CHROMIUM, NODE_MODULES, describe_violations, require, run_axe, serve
from bs4 import BeautifulSoup
from projects import copy_project

from build_tools.cli.build import build_site
from build_tools.content.cms_config import SHARED_LIST_NOTE, write_config
from build_tools.content.load import load_markdown_item, load_yaml_item
from build_tools.content.models import Course, Story
from build_tools.site.published import validate
from build_tools.web.admin import build_admin

DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
NODE = Path(shutil.which("node") or "/usr/bin/node")
TODAY = "2026-11-22"


@contextmanager
def _today(day: str) -> Iterator[None]:
    previous = os.environ.get("RECOVERY_TODAY")
    os.environ["RECOVERY_TODAY"] = day
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("RECOVERY_TODAY", None)
        else:
            os.environ["RECOVERY_TODAY"] = previous


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"decap-server stopped: {log.read_text(encoding='utf-8')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("decap-server did not start")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project("full", tmp_path / "project")
    (root / "node_modules").symlink_to(NODE_MODULES)
    write_config(root)
    return root


@contextmanager
def _editor_page(browser, project: Path, tmp_path: Path, mode: str) -> Iterator:  # noqa: ANN001 - Playwright's Browser
    """A signed-in editor page on decap-server in ``mode`` (``fs`` saves files, ``git`` makes branches)."""
    require(CHROMIUM, DECAP_SERVER, NODE)
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": mode,
           "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"}
    log = tmp_path / "decap-server.log"
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen([str(NODE), str(DECAP_SERVER)], env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, server, log)
        admin = tmp_path / "admin"
        build_admin(project, admin, f"http://127.0.0.1:{port}/api/v1")
        with serve(admin) as base:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
            page.goto(base + "index.html")
            page.get_by_role("button", name="Login").click()
            page.get_by_role("link", name="Courses").first.wait_for()
            page.base = base  # type: ignore[attr-defined]
            page.errors = errors  # type: ignore[attr-defined]
            yield page
            page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def editor(project: Path, tmp_path: Path, browser) -> Iterator:  # noqa: ANN001 - Playwright's Browser
    """A signed-in editor page on the local backend that saves straight into the project folder."""
    with _editor_page(browser, project, tmp_path, "fs") as page:
        yield page


def _choose(page, label: str, option: str) -> None:  # noqa: ANN001
    """Pick ``option`` in the select or relation widget labelled ``label``."""
    field = page.get_by_label(label, exact=True)
    field.click()
    field.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def _markdown(page, label: str, text: str) -> None:  # noqa: ANN001
    field = page.locator("[aria-label='markdown field']").filter(has=page.get_by_text(label, exact=True))
    box = field.locator("[contenteditable='true']").first
    box.click()
    page.keyboard.type(text)


def _save(page) -> None:  # noqa: ANN001
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()
    page.get_by_text("Entry saved", exact=True).wait_for()


def test_a_course_made_in_the_form_validates_and_starts_as_a_draft(editor, project: Path) -> None:
    page = editor
    page.goto(page.base + "index.html#/collections/courses/new")
    page.get_by_label("Title", exact=True).fill("Walking Football")
    page.get_by_label("Summary", exact=True).fill("Gentle football for all abilities, with time to talk after.")
    _markdown(page, "Description", "We play for an hour and then have a cup of tea.")
    _choose(page, "Category", "Living well")
    outcomes = page.locator("[id^='learning_outcomes-field-']")
    for text in ("Join a friendly game at your own pace", "Plan a regular activity with others"):
        page.get_by_role("button", name="Add learning outcomes").click()
        outcomes.locator("textarea").last.fill(text)
    _choose(page, "Open to", "Everyone")
    _choose(page, "Type", "Workshop")
    page.get_by_label("Length", exact=True).fill("One session of two hours")
    page.get_by_role("button", name="Add facilitators").click()
    facilitators = page.locator("[id^='facilitators-field-']")
    facilitators.get_by_label("Name", exact=True).fill("Sam Okafor")
    facilitators.get_by_label("Role", exact=True).fill("Peer trainer")
    _choose(page, "Expertise", "Lived experience")
    page.get_by_role("button", name="Add runs").click()
    _choose(page, "Term", "Spring term 2027")
    _choose(page, "Venue (optional)", "Ashcombe Community Centre")
    page.get_by_role("button", name="Add sessions").click()
    page.get_by_label("Date", exact=True).fill("2027-02-03")
    # The run's repeating pattern has a Start and an End too; the session's come after it.
    page.get_by_label("Start", exact=True).last.fill("13:30")
    page.get_by_label("End", exact=True).last.fill("15:30")
    page.get_by_label("Class size", exact=True).fill("12")
    page.get_by_label("Phone (optional)", exact=True).fill("01234 567890")
    _save(page)

    path = project / "courses" / "walking-football.yml"
    assert path.is_file()
    course, problems = load_yaml_item(path, project, Course, "course")
    assert problems == []
    assert course.model_dump(mode="json") == {
        "title": "Walking Football",
        "summary": "Gentle football for all abilities, with time to talk after.",
        "description": "We play for an hour and then have a cup of tea.",
        "category": "living-well",
        "learning_outcomes": ["Join a friendly game at your own pace", "Plan a regular activity with others"],
        "who_can_attend": {"open_to": ["everyone"], "eligibility": None},
        "format": {"type": "workshop", "length": "One session of two hours"},
        "facilitators": [{"name": "Sam Okafor", "role": "Peer trainer", "expertise": "lived-experience"}],
        "runs": [{"term": "spring-2027", "venue": "ashcombe-community-centre", "online": False, "status": None,
                  "waiting_list": None, "class_size": None, "facilitators": None, "note": None, "repeat": None,
                  "sessions": [{"date": "2027-02-03", "start": "13:30:00", "end": "15:30:00", "cancelled": None,
                                "moved_to": None}]}],
        "class_size": 12, "cost": "Free",
        "enrol": {"online": None, "email": None, "phone": "01234 567890", "in_person": None, "post": None},
        "access": None, "status": "draft", "prerequisites": [], "next_steps": [], "aliases": [],
    }
    import datetime as dt

    _, found = validate(project, dt.date.fromisoformat(TODAY))
    assert [str(p) for p in found if "walking-football" in str(p)] == []
    assert page.errors == []

    page.goto("about:blank")
    page.goto(page.base + "index.html#/collections/courses")
    page.get_by_text("Walking Football (draft)", exact=True).wait_for()
    # The shared lists sit in courses/ too: Decap cannot leave them out, so they say where to go.
    assert page.get_by_text(SHARED_LIST_NOTE, exact=True).count() == 3


def _multi(page, label: str, *options: str) -> None:  # noqa: ANN001
    for option in options:
        _choose(page, label, option)


def _fill_in_a_story(page) -> None:  # noqa: ANN001
    """What an editor types for the story agreed with Priya (docs/editing.md's example)."""
    _choose(page, "Attribution", "Pseudonym")
    page.get_by_label("Name (optional)", exact=True).fill("Priya")
    _multi(page, "Scope", "Web", "Print")
    page.get_by_label("Date consent was given", exact=True).fill("2026-11-02")
    page.get_by_label("Review by", exact=True).fill("2027-11-02")
    _multi(page, "Content notes (optional)", "Hospital admission")
    page.get_by_label("Title", exact=True).fill("Finding My Feet")
    page.get_by_label("Summary", exact=True).fill("Priya talks about the first course she went to after hospital.")
    _choose(page, "Perspective", "Lived experience")
    _choose(page, "Format", "Written")
    _multi(page, "Themes (optional)", "Hope")
    page.get_by_label("Published", exact=True).fill("2026-11-20")
    _choose(page, "Status (optional)", "Published")  # new stories start as drafts
    _markdown(page, "The story, in the storyteller's own words", "I didnae think I would go back. But I did.")


def test_a_story_made_in_the_form_asks_for_consent_first_and_is_published_with_its_words(
        editor, project: Path, tmp_path: Path) -> None:
    page = editor
    page.goto(page.base + "index.html#/collections/stories/new")
    page.get_by_label("Title", exact=True).wait_for()
    labels = page.locator("label").all_inner_texts()
    order = [text.strip().lower().removesuffix(" (optional)") for text in labels]
    # The conversation with the storyteller comes before anything is typed (docs/editing.md).
    assert order.index("attribution") < order.index("scope") < order.index("review by") < order.index("title")
    assert order.index("content notes") < order.index("title")
    assert order[-1] == "the story, in the storyteller's own words"

    _fill_in_a_story(page)
    _save(page)

    path = project / "stories" / "finding-my-feet.md"
    story, problems = load_markdown_item(path, project, Story, "story", "finding-my-feet")
    assert problems == []
    assert story.model_dump(mode="json") == {
        "title": "Finding My Feet",
        "summary": "Priya talks about the first course she went to after hospital.",
        "storyteller": {"attribution": "pseudonym", "name": "Priya"},
        "perspective": "lived-experience", "format": "written", "media": None, "themes": ["hope"],
        "content_notes": ["hospital-admission"],
        "consent": {"given": "2026-11-02", "scope": ["web", "print"], "review_by": "2027-11-02", "withdrawn": None},
        "published": "2026-11-20", "status": "published",
    }
    assert story.body.strip() == "I didnae think I would go back. But I did."
    assert page.errors == []

    site = tmp_path / "site"
    with _today(TODAY):
        build_site(project, site, pdf=False)
    built = BeautifulSoup((site / "stories" / "finding-my-feet" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert built.h1.get_text(strip=True) == "Finding My Feet"
    assert "I didnae think I would go back. But I did." in [p.get_text(strip=True) for p in built.find_all("p")]


def test_an_incomplete_form_says_what_is_missing_and_writes_nothing(editor, project: Path) -> None:
    page = editor
    page.goto(page.base + "index.html#/collections/stories/new")
    page.get_by_label("Title", exact=True).fill("Half written, and far too long for a title " * 4)
    before = sorted(path.name for path in (project / "stories").iterdir())
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()
    page.get_by_text("Oops, you've missed a required field. Please complete before saving.").wait_for()
    missing = page.locator("[class*='ControlErrorsList'] li, ul[class*='rror'] li").all_text_contents()
    assert "Attribution is required." in missing
    assert "Scope is required." in missing
    assert "Summary is required." in missing
    assert "Title didn't match the pattern: keep it to 160 characters or fewer." in missing
    assert sorted(path.name for path in (project / "stories").iterdir()) == before


# What Decap CMS 3.16.3 itself fails in axe-core's WCAG 2.2 A/AA rules, whatever the configuration
# (see docs/editing-in-the-browser.md): grey help text on grey (3.4:1), its on/off switches
# (no name, no aria-checked), the Markdown editor's headings menu (a button inside a button), its
# text area (no accessible name) and the drag handles of list items (no name). Any other failure
# is ours to fix.
DECAP_OWN_FAILURES = {"color-contrast", "button-name", "aria-required-attr", "nested-interactive",
                      "aria-input-field-name", "aria-command-name"}


def test_the_editor_fails_no_accessibility_rule_beyond_decaps_own(editor, browser) -> None:  # noqa: ANN001
    # axe-core is injected as an inline script, which the editor's own policy rightly refuses.
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, bypass_csp=True)
    try:
        page.goto(editor.base + "index.html")
        page.get_by_role("button", name="Login").wait_for()
        found = {"login": run_axe(page)}
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name="Courses").first.wait_for()
        for address, loaded in (("#/collections/courses", "Walking and Talking (open)"),
                                ("#/collections/courses/new", "Learning outcomes"),
                                ("#/collections/stories/new", "Attribution"),
                                ("#/collections/lists/entries/venues", "Venues")):
            page.goto("about:blank")  # a fresh start: Decap keeps the sign-in, not the last form
            page.goto(editor.base + "index.html" + address)
            page.get_by_text(loaded, exact=True).first.wait_for()
            found[address] = run_axe(page)
    finally:
        page.close()
    ours = [line for address, violations in found.items()
            for line in describe_violations(address, [v for v in violations if v["id"] not in DECAP_OWN_FAILURES])]
    assert ours == [], "\n".join(ours)
    assert {v["id"] for violations in found.values() for v in violations} <= DECAP_OWN_FAILURES


def test_with_the_editorial_workflow_a_saved_story_waits_on_a_branch_for_review(
        project: Path, tmp_path: Path, browser) -> None:  # noqa: ANN001
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True).stdout

    git("init", "-q", "-b", "main")
    git("config", "user.name", "Editor")
    git("config", "user.email", "editor@example.org")
    git("add", "-A")
    git("commit", "-q", "-m", "The college's content")
    with _editor_page(browser, project, tmp_path, "git") as page:
        page.goto(page.base + "index.html#/collections/stories/new")
        _fill_in_a_story(page)
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Entry saved", exact=True).wait_for()
        assert page.errors == []

    # Nothing reaches main before a reviewer merges: the entry is a branch, as a pull request is.
    assert not (project / "stories" / "finding-my-feet.md").exists()
    assert "cms/stories/finding-my-feet" in git("branch", "--list", "cms/*")
    text = git("show", "cms/stories/finding-my-feet:stories/finding-my-feet.md")
    written = tmp_path / "review" / "stories" / "finding-my-feet.md"
    written.parent.mkdir(parents=True)
    written.write_text(text, encoding="utf-8")
    story, problems = load_markdown_item(written, tmp_path / "review", Story, "story", "finding-my-feet")
    assert problems == []
    assert story.consent.scope == ["web", "print"]


def test_editing_a_story_in_the_form_keeps_the_storytellers_words_exactly(editor, project: Path) -> None:
    path = project / "stories" / "a-wee-bit-braver.md"
    before, _ = load_markdown_item(path, project, Story, "story", "a-wee-bit-braver")
    page = editor
    page.goto(page.base + "index.html#/collections/stories/entries/a-wee-bit-braver")
    page.get_by_text("laughing with the nurse.", exact=False).first.wait_for()
    page.get_by_label("Summary", exact=True).fill("Ailsa talks about learning to be a student again.")
    _save(page)
    after, problems = load_markdown_item(path, project, Story, "story", "a-wee-bit-braver")
    assert problems == []
    assert after.body == before.body
    assert after.model_dump() == {**before.model_dump(), "summary": "Ailsa talks about learning to be a student again."}


def test_adding_to_a_story_in_the_form_changes_nothing_else_in_it(editor, project: Path) -> None:
    path = project / "stories" / "a-wee-bit-braver.md"
    before, _ = load_markdown_item(path, project, Story, "story", "a-wee-bit-braver")
    page = editor
    page.goto(page.base + "index.html#/collections/stories/entries/a-wee-bit-braver")
    box = page.locator("[aria-label='markdown field']").locator("[contenteditable='true']").first
    box.get_by_text("laughing with the nurse.", exact=False).last.wait_for()
    box.click()
    # The caret to the very end of the text, as an editor would put it before adding a line: with
    # the keyboard, which the editor follows at once (a selection set from a script is read on the
    # editor's own throttled schedule, and typing could land where the click put the caret).
    page.keyboard.press("Control+End")
    page.wait_for_timeout(300)
    page.keyboard.press("Control+End")
    # The text ends with a line break, so one new line starts a paragraph of its own.
    page.keyboard.press("Enter")
    page.keyboard.type("A wee line added later.")
    _save(page)
    after, _ = load_markdown_item(path, project, Story, "story", "a-wee-bit-braver")
    assert after.body.rstrip() == before.body.rstrip() + "\n\nA wee line added later."

