"""A failed build leaves the last good ``site/`` exactly as it was, and says why in plain words.

Each test builds a copy of the project for real (``python -m build_tools build``), breaks one
thing (content, a page template, an output written after the pages), builds again, and
compares every file of the site, byte for byte, with what was there before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from outputs import fingerprint
from projects import copy_project

UNCHANGED = "site/ is unchanged"

pytestmark = pytest.mark.slow


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECOVERY_TODAY": "2026-11-22"}
    return subprocess.run([sys.executable, "-m", "build_tools", "build", "--root", str(root), *extra],
                          capture_output=True, text=True, env=env, cwd=root, timeout=600)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built once, without PDFs; each test works on its own copy of it."""
    root = copy_project("full", tmp_path_factory.mktemp("good") / "project")
    result = build(root, "--no-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture
def project(tmp_path: Path, good_site: Path) -> Path:
    """A fresh copy of the project, with the good site already in its site/."""
    root = copy_project("full", tmp_path / "project")
    shutil.copytree(good_site, root / "site")
    return root


def assert_untouched(root: Path, before: dict[str, str]) -> None:
    assert fingerprint(root / "site") == before
    # No half-built folder is left beside the site either.
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_content_error_leaves_the_site_as_it_was(project: Path) -> None:
    before = fingerprint(project / "site")
    course = project / "courses" / "understanding-anxiety.yml"
    text = course.read_text(encoding="utf-8")
    first_date = next(line for line in text.splitlines() if line.strip().startswith("- date:"))
    edit(course, first_date, first_date.split(":")[0] + ": next Tuesday")
    line = text.splitlines().index(first_date) + 1

    result = build(project, "--no-pdf")

    assert result.returncode == 1
    expected = (f'courses/understanding-anxiety.yml:{line}: runs[0].sessions[0].date: "next Tuesday" is not a '
                "date; write it as YYYY-MM-DD, for example 2027-01-14.")
    assert expected in result.stdout.splitlines()
    assert "1 error(s) in content: the site was not built, and site/ is unchanged." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert_untouched(project, before)


@pytest.mark.parametrize(("broken", "expected"), [
    ("{{ story.title ]}", "the template theme/story.html has an error on line {line}: unexpected ']'"),
    ("{{ story.title | sparkle }}", "the template theme/story.html has an error on line {line}: No filter named "
     "'sparkle'."),
    ("{{ story.no_such_field.name }}", "the template theme/story.html has an error on line {line}: "
     "'build_tools.content.models.Story object' has no attribute 'no_such_field'"),
], ids=["syntax-error", "unknown-filter", "undefined-value"])
def test_template_error_leaves_the_site_as_it_was(project: Path, broken: str, expected: str) -> None:
    before = fingerprint(project / "site")
    template = project / "theme" / "story.html"
    lines = template.read_text(encoding="utf-8").split("\n")
    at = next(i for i, text in enumerate(lines) if "{% block content %}" in text) + 1
    lines.insert(at, broken)
    template.write_text("\n".join(lines), encoding="utf-8")

    result = build(project, "--no-pdf")

    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"The build failed: {expected.format(line=at + 1)}" in output.splitlines()
    assert f"{UNCHANGED} (the last good build is still there)." in output
    assert "Traceback" not in output
    assert "unexpectedly" not in output
    assert_untouched(project, before)


def test_failure_writing_outputs_after_the_pages_leaves_the_site_as_it_was(project: Path) -> None:
    """The stories feed is written after the pages; a folder in its way makes that step fail."""
    before = fingerprint(project / "site")
    blocker = project / "content" / "stories" / "feed.xml"
    blocker.mkdir(parents=True)
    (blocker / "note.pdf").write_bytes(b"%PDF-1.4 a folder where the feed should go\n")

    result = build(project, "--no-pdf")

    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "The build failed: a file could not be written" in output
    assert f"{UNCHANGED} (the last good build is still there)." in output
    assert "Traceback" not in output
    assert_untouched(project, before)


def test_broken_print_template_leaves_the_site_as_it_was(project: Path) -> None:
    """The printed editions are laid out before the pages (on_pre_build); a broken print template stops the build."""
    before = fingerprint(project / "site")
    template = project / "theme" / "prospectus" / "prospectus.typ"
    text = template.read_text(encoding="utf-8").rstrip("\n")
    template.write_text(f"{text}\n#let broken = (\n", encoding="utf-8")
    line = text.count("\n") + 2

    result = build(project)

    assert result.returncode == 1
    output = result.stdout + result.stderr
    lines = output.splitlines()
    message = (f"theme/prospectus/prospectus.typ:{line}: print: Typst could not lay out the edition: unclosed "
               "delimiter; fix the template, or report this with the file and line.")
    assert "The build failed: 1 error in the printed editions:" in lines
    assert lines.count(message) == 1
    assert f"{UNCHANGED} (the last good build is still there)." in output
    assert "Traceback" not in output
    assert_untouched(project, before)


def test_failed_search_indexing_leaves_the_site_as_it_was(project: Path) -> None:
    """The search index is made from the built pages in the staging folder; a file of the theme
    where its folder must go makes Pagefind fail, and the build with it."""
    before = fingerprint(project / "site")
    (project / "theme" / "pagefind").write_text("in the way\n", encoding="utf-8")

    result = build(project, "--no-pdf")

    assert result.returncode == 1
    output = result.stdout + result.stderr
    error = next(line for line in output.splitlines() if line.startswith("error: the search index"))
    assert error.startswith("error: the search index could not be made in site/pagefind/ (Pagefind said: ")
    assert error.endswith("); check that no theme file is at pagefind/ and build again.")
    reason = error.removeprefix("error: the search index could not be made in site/pagefind/ (Pagefind said: ")
    # Pagefind's own words ("File exists", "Not a directory", depending on what it writes first).
    assert reason.removesuffix("); check that no theme file is at pagefind/ and build again.").strip()
    assert f"{UNCHANGED} (the last good build is still there)." in output
    assert "Traceback" not in output
    assert_untouched(project, before)


def test_a_good_build_replaces_the_site(project: Path) -> None:
    """The counterpart: when nothing is broken, the new build does replace site/."""
    marker = project / "site" / "left-from-last-time.txt"
    marker.write_text("old\n", encoding="utf-8")
    result = build(project, "--no-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists()
    assert (project / "site" / "index.html").is_file()
    assert_untouched(project, fingerprint(project / "site"))
