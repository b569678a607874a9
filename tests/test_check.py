"""``python -m build_tools check``: the college's content checked on one build, each problem
named by the content file and line it comes from."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from browser import AXE_JS, PA11Y, VNU_JAR, require, require_java, require_node
from PIL import Image
from projects import FULL, copy_project

from build_tools.cli.check import Sources, check_consent, check_pages, check_pictures
from build_tools.cli.main import main
from build_tools.content.environment import environment
from build_tools.site.published import load_site, publish, validate
from build_tools.web.pages.redirects import Redirect

TODAY = dt.date(2026, 11, 22)
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>About us</title></head>
<body><main><h1>About us</h1><p>{body}</p></main></body></html>
"""


@pytest.mark.browser
def test_an_accessibility_failure_is_named_by_its_content_file_and_line(tmp_path: Path, browser: Any) -> None:
    require(AXE_JS, VNU_JAR, PA11Y)
    require_java()
    require_node()
    project = copy_project("minimal", tmp_path / "project")
    (project / "content" / "about.md").write_text("---\ntitle: About us\n---\n\nWe are here.\n\n"
                                                  "[](https://example.org/empty)\n", encoding="utf-8")
    site = load_site(project, TODAY)
    site_dir = tmp_path / "site"
    (site_dir / "about").mkdir(parents=True)
    (site_dir / "about" / "index.html").write_text(PAGE.format(body='<a href="https://example.org/empty"></a>'),
                                                   encoding="utf-8")
    # An old address leading there: checked as it stands, so the page it leads to is not
    # reported a second time under the old address.
    moved = Redirect("old-about/index.html", "../about/", "https://x.example/about/", "About us", "en-GB")
    (site_dir / "old-about").mkdir()
    (site_dir / "old-about" / "index.html").write_text(moved.html(), encoding="utf-8")
    problems = sorted(str(p) for p in check_pages(site_dir, Sources(site), browser))
    assert problems == [
        f"content/about.md:7: accessibility: axe-core link-name ({scheme} scheme): Links must have discernible text, "
        'at <a href="https://example.org/empty"></a> on the page /about/; change this text so the page passes; '
        "if it is part of the page layout rather than this file's text, ask a developer to fix the theme."
        for scheme in ("dark", "light")
    ] + [
        "content/about.md:7: accessibility: pa11y WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.NoContent (light 360 px, "
        "light 1280 px, dark 360 px, dark 1280 px): Anchor element found with a valid href attribute, but no link content "
        'has been supplied, at <a href="https://example.org/empty"></a> (html > body > main > p > a) on the page /about/; '
        "change this text so the page passes; if it is part of the page layout rather than this file's text, ask a "
        "developer to fix the theme."
    ]


def test_a_held_back_story_found_in_any_output_is_an_error(tmp_path: Path) -> None:
    collections, problems = validate(FULL, TODAY)
    site, report = publish(collections, problems, TODAY)
    stories = list(collections.stories.values())
    held = next(s for s in stories if s not in site.stories and s not in site.printed_stories)
    site_dir = tmp_path / "site"
    (site_dir / "stories").mkdir(parents=True)
    (site_dir / "index.html").write_text(PAGE.format(body="Nothing held back here."), encoding="utf-8")
    assert check_consent(site_dir, stories, site) == []
    (site_dir / "stories" / "feed.xml").write_text(f"<rss><link>https://x.example/stories/{held.id}/</link></rss>",
                                                   encoding="utf-8")
    (site_dir / "stories.pdf").write_bytes(b"%PDF")
    pdf_words = {"stories.pdf": held.body}
    # A page of the search index is compressed, as Pagefind writes it: the check reads inside.
    fragment = site_dir / "pagefind" / "fragment" / "en_1a2b3c4.pf_fragment"
    fragment.parent.mkdir(parents=True)
    page = {"url": "/somewhere/", "content": held.body, "meta": {"title": "Somewhere"}}
    fragment.write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(page).encode("utf-8")))
    problems = check_consent(site_dir, stories, site, read_pdf=lambda path: pdf_words[path.name])
    message = ("this story is held back from publication, but {} in the built site still holds it; tell a "
               "developer at once: the story must reach no output.")
    assert [str(p) for p in problems] == [f"{held.source_path}:1: consent: {message.format(name)}"
                                          for name in ("pagefind/fragment/en_1a2b3c4.pf_fragment",
                                                       "stories/feed.xml", "stories.pdf")]


def test_a_published_picture_with_metadata_is_an_error(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "stories" / "media").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif)
    (site_dir / "stories" / "media" / "harbour.jpg").write_bytes(out.getvalue())
    Image.new("RGB", (8, 8)).save(site_dir / "stories" / "media" / "clean.jpg")
    assert [str(p) for p in check_pictures(site_dir)] == [
        "stories/media/harbour.jpg:1: picture: the published copy stories/media/harbour.jpg still carries metadata "
        "(camera, date or position); tell a developer: pictures must be published as pixels only."]


@pytest.mark.slow
def test_check_builds_once_and_reports_in_editors_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project("full", tmp_path / "project")
    with environment(RECOVERY_TODAY=TODAY.isoformat()):
        assert main(["check", "--root", str(project), "--no-pdf", "--no-browser", "--site-dir", str(tmp_path / "kept")]) == 0
        out = capsys.readouterr().out
        assert out.rstrip().splitlines()[-1].startswith("0 error(s), 1 warning(s) in ")
        assert out.rstrip().endswith(": all checks ran.")
        assert (tmp_path / "kept" / "index.html").is_file()
        assert not (project / "site").exists(), "check never touches site/"

        course = project / "courses" / "understanding-anxiety.yml"
        course.write_text(course.read_text(encoding="utf-8").replace("\nstatus: open", "\nstatus: opne"), encoding="utf-8")
        assert main(["check", "--root", str(project), "--no-pdf", "--no-browser"]) == 1
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("courses/")] == [
        'courses/understanding-anxiety.yml:81: status: "opne" is not allowed here (did you mean "open"?); use one of: '
        "draft, open, full, cancelled, archived."]
    assert out.rstrip().endswith("the site could not be built, so the page checks did not run.")
