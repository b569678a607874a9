"""Content is never Typst markup: hostile text is printed as it was written, and reads no file.

Stories and a course carry Typst's own syntax (``#read``, ``#import``, ``$``, ``\\``, ``]``,
``//``, ``<label>``, ``@ref``) and a very long word. The site is assembled from whatever loads,
errors or not, so the print layer itself is tested. The PDFs are read back with poppler's
pdftotext and pikepdf; the JSON handed to Typst is checked to hold the same text as plain strings.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from projects import copy_project

from build_tools.printed.markdown_tree import ZERO_WIDTH_SPACE
from build_tools.printed.print_editions import load_settings, stories_job, write_stories_booklet
from build_tools.printed.prospectus import build_edition, prospectus_data, write_prospectus
from build_tools.site.published import Site, assemble, validate

TODAY = "2026-11-22"
pytestmark = pytest.mark.slow

# Each would read a file, change the layout or vanish if it reached Typst as markup.
HOSTILE = [
    '#read("/etc/passwd")',
    '#import "/etc/passwd": *',
    '#include "/data.json"',
    "$x^2 + y$",
    "back\\slash",
    "closing ] bracket",
    "// not a comment",
    "<label>",
    "@ref",
    "*not strong* _not emphasis_",
    "#set page(fill: red)",
]
LONG_WORD = "Pneumonoultramicroscopic" * 12
STORY = """---
title: '{title}'
summary: A story that says things in Typst's own language, to print them as written.
storyteller:
  attribution: pseudonym
  name: Robin
perspective: lived-experience
format: written
themes: [hope]
consent:
  given: 2026-04-20
  scope: [web, print]
  review_by: 2028-04-20
published: 2026-05-18
---

"""


def markdown_escaped(text: str) -> str:
    """``text`` as Markdown that renders to exactly that text (Python-Markdown's escapes, and ``<``
    as an entity, since it would start an HTML tag)."""
    return "".join("&lt;" if c == "<" else "\\" + c if c in "\\`*_[]#" else c for c in text)


def site_of(project: Path) -> Site:
    on = dt.date.fromisoformat(TODAY)
    collections, problems = validate(project, on)
    return assemble(collections, problems, on)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install -y poppler-utils", pytrace=False)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(raw.replace(ZERO_WIDTH_SPACE, "").split())


def everything_in(path: Path) -> bytes:
    """The file's bytes and every stream decoded (pictures stay encoded)."""
    chunks = [path.read_bytes()]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:
                    chunks.append(obj.read_raw_bytes())
    return b"\n".join(chunks)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Site]:
    project = copy_project("full", tmp_path_factory.mktemp("typst") / "project")
    body = "\n\n".join(markdown_escaped(line) for line in HOSTILE)
    body += f"\n\n`{HOSTILE[0]}` in code, and a word too long for any line: {LONG_WORD}\n"
    (project / "stories" / "typst-syntax.md").write_text(
        STORY.format(title=HOSTILE[0] + " $ ] // @ref") + body, encoding="utf-8")
    course = project / "courses" / "understanding-anxiety.yml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("summary: >-\n", f"summary: >-\n  {HOSTILE[0]} {HOSTILE[3]} {HOSTILE[6]}\n", 1),
                      encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        return project, site_of(project)


def test_typst_syntax_in_a_story_is_printed_as_written(hostile: tuple[Path, Site], tmp_path: Path) -> None:
    project, site = hostile
    target = write_stories_booklet(site, load_settings(project), tmp_path / "stories.pdf")
    text = pdf_text(target)
    for line in HOSTILE:
        assert line in text, line
    assert f'{HOSTILE[0]} $ ] // @ref' in text, "the title"
    assert f"{HOSTILE[0]} in code" in text
    # All of it, broken over lines (at the invisible break points) instead of running off the page.
    assert LONG_WORD in text.replace(" ", "")
    assert max(len(word) for word in text.split()) < len(LONG_WORD) // 2
    carried = everything_in(target)
    assert b"root:x:0:0" not in carried and b"nologin" not in carried


def test_typst_syntax_in_a_course_is_printed_as_written(hostile: tuple[Path, Site], tmp_path: Path) -> None:
    project, site = hostile
    target = write_prospectus(site, load_settings(project), tmp_path / "prospectus.pdf")
    assert f"{HOSTILE[0]} {HOSTILE[3]} {HOSTILE[6]}" in pdf_text(target)
    assert b"root:x:0:0" not in everything_in(target)


def test_the_data_given_to_typst_holds_the_text_as_plain_strings(hostile: tuple[Path, Site], tmp_path: Path) -> None:
    project, site = hostile
    settings = load_settings(project)
    story = next(s for s in stories_job(site, settings, tmp_path / "s.pdf").data["stories"] if s["id"] == "typst-syntax")
    assert story["title"] == HOSTILE[0] + " $ ] // @ref"
    assert story["body"][:len(HOSTILE)] == [{"k": "p", "c": [line]} for line in HOSTILE]
    assert story["body"][-1]["c"][0] == {"k": "code", "text": HOSTILE[0]}
    # The long word is cut into pieces by invisible break points only.
    assert story["body"][-1]["c"][-1].replace(ZERO_WIDTH_SPACE, "").endswith(LONG_WORD)
    course = next(c for category in prospectus_data(build_edition(site, settings))["categories"]
                  for c in category["courses"] if c["id"] == "understanding-anxiety")
    assert course["summary"].startswith(f"{HOSTILE[0]} {HOSTILE[3]} {HOSTILE[6]} Learn what anxiety is")
    assert json.loads(json.dumps(course))["summary"] == course["summary"]


def test_bidirectional_controls_are_refused_before_print(tmp_path: Path) -> None:
    project = copy_project("full", tmp_path / "project")
    (project / "stories" / "bidi.md").write_text(STORY.format(title="Turned \u202eround") + "Text.\n",
                                                 encoding="utf-8")
    _, problems = validate(project, dt.date.fromisoformat(TODAY))
    assert [p.field for p in problems if p.path == "stories/bidi.md" and "U+202E" in p.message] == ["title"]
