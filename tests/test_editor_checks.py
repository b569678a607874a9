"""``validate`` tells the whole truth before the build: links and pictures as the build resolves
them, the same messages from ``build``, the publication filter and its report, the summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from projects import copy_project

from build_tools.cli.main import main
from build_tools.mkdocs.warnings import editor_message
from build_tools.site.published import publish, validate
from build_tools.web.check import check_project

TODAY = dt.date(2026, 11, 22)
KETTLE = "stories/the-kettle-and-the-bus-stop.md"


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOVERY_TODAY", TODAY.isoformat())


def append(path: Path, text: str) -> int:
    """Add ``text`` as the last line of ``path``; returns its line number."""
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


def error_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("stories/", "courses/", "content/"))]


def test_build_stops_with_the_messages_validate_gives(tmp_path: Path, today: None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A broken course link and a missing picture in a story: the same lines from both commands."""
    root = copy_project("full", tmp_path / "p")
    line = append(root / KETTLE, "Now I go to [Understanding anxiety](/courses/understanding-anxeity.md).")
    picture = append(root / KETTLE, "![My kettle](media/kettle.jpg)")
    expected = [
        f'{KETTLE}:{line}: body link: there is no page or file "/courses/understanding-anxeity.md" on the site '
        "(looked for courses/understanding-anxeity.md); did you mean /courses/understanding-anxiety.md?",
        f'{KETTLE}:{picture}: body image: there is no picture "media/kettle.jpg" (looked for '
        "stories/media/kettle.jpg); check the name, or add the file.",
    ]
    assert main(["validate", "--root", str(root)]) == 1
    assert error_lines(capsys.readouterr().out) == expected

    assert main(["build", "--root", str(root), "--no-pdf"]) == 1
    captured = capsys.readouterr()
    assert error_lines(captured.out) == expected
    assert "2 error(s) in content: the site was not built" in captured.out
    assert "Aborted" not in captured.out + captured.err
    assert not (root / "site").exists()


def _target(site_dir: Path, page: Path, href: str) -> Path:
    """The file a relative link in a built page leads to."""
    page_url = "http://site.invalid/" + page.relative_to(site_dir).as_posix()
    path = unquote(urlsplit(urljoin(page_url, href)).path).lstrip("/")
    target = site_dir / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


@pytest.mark.parametrize("offline", [False, True], ids=["web", "offline copy"])
def test_the_documented_link_works_from_every_kind_of_page(tmp_path: Path, today: None, offline: bool) -> None:
    """``/courses/<id>.md`` and ``/stories/<id>.md`` lead to the page from a story, a paper, a course
    description and a hand-written page, on the web and in the offline copy."""
    from build_tools.cli.build import build_site

    root = copy_project("full", tmp_path / "p")
    link = "See [the anxiety course](/courses/understanding-anxiety.md) and [Marian's story](/stories/the-kettle-and-the-bus-stop.md#the-bus-stop)."
    append(root / KETTLE, link)
    append(root / "content/about.md", link)
    append(root / "content/briefings/17-preparing-organisations-for-peer-support.md", link)
    course = root / "courses/walking-and-talking.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("description: |\n", f"description: |\n  {link}\n\n", 1),
                      encoding="utf-8")
    assert [str(p) for p in check_project(root, TODAY)[2].problems if p.severity == "error"] == []
    site_dir = tmp_path / "site"
    build_site(root, site_dir, pdf=False, offline=offline)
    suffix = ".html" if offline else "/index.html"
    pages = [f"stories/the-kettle-and-the-bus-stop{suffix}", f"about{suffix}",
             f"briefings/17-preparing-organisations-for-peer-support{suffix}", f"courses/walking-and-talking{suffix}"]
    for page in pages:
        soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
        course_link = soup.find("a", string="the anxiety course")
        story_link = soup.find("a", string="Marian's story")
        assert course_link is not None and story_link is not None, page
        course_page = _target(site_dir, site_dir / page, course_link["href"])
        assert course_page == site_dir / f"courses/understanding-anxiety{suffix}", page
        story_page = _target(site_dir, site_dir / page, story_link["href"])
        assert story_page == site_dir / f"stories/the-kettle-and-the-bus-stop{suffix}", page
        anchor = urlsplit(story_link["href"]).fragment
        assert BeautifulSoup(story_page.read_text(encoding="utf-8"), "html.parser").find(id=anchor) is not None


def test_a_warning_mkdocs_still_raises_names_the_file(tmp_path: Path, today: None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("full", tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n",
                                                                 "  - Home: index.md\n  - Gone: gone.md\n"),
                      encoding="utf-8")
    assert main(["build", "--root", str(root), "--no-pdf"]) == 1
    captured = capsys.readouterr()
    assert ("error: mkdocs.yml: nav: A reference to 'gone.md' is included in the 'nav' configuration, which is "
            "not found in the documentation files; correct the nav: list in mkdocs.yml.") in captured.err
    assert ("The build failed: 1 problem listed above as error: lines, each with the file to correct."
            in captured.out)
    assert "Aborted" not in captured.out + captured.err


@pytest.mark.parametrize(("message", "expected"), [
    ("Doc file 'courses/sleep-and-wellbeing.md' contains a link 'timetable', but the target is not found among "
     "documentation files.",
     "courses/sleep-and-wellbeing.yml: this page contains a link 'timetable', but the target is not found among "
     "documentation files; correct it there, then run python -m build_tools validate to check."),
    ("Doc file 'stories/a-wee-bit-braver.md' contains a link 'x.md#y', but the doc 'x.md' does not contain an "
     "anchor '#y'.",
     "stories/a-wee-bit-braver.md: this page contains a link 'x.md#y', but the doc 'x.md' does not contain an "
     "anchor '#y'; correct it there, then run python -m build_tools validate to check."),
    ("Doc file 'about.md' contains an unrecognized relative link 'courses/', it was left as is.",
     "content/about.md: this page contains an unrecognized relative link 'courses/', it was left as is; correct "
     "it there, then run python -m build_tools validate to check."),
])
def test_mkdocs_messages_name_the_file_an_editor_opens(message: str, expected: str) -> None:
    assert editor_message(message) == expected


def test_a_file_with_errors_still_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("minimal", tmp_path / "p")
    (root / "courses/managing-anxiety.yml").write_text("title: [unclosed\n", encoding="utf-8")
    (root / "stories/finding-my-feet.md").write_text("no front matter\n", encoding="utf-8")
    assert main(["validate", "--root", str(root), "--today", TODAY.isoformat()]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Checked 2 courses, 2 stories, 2 briefing papers, 1 resource, 1 page: 2 errors, 0 warnings.")


def _set_consent(root: Path, story: str, old: str, new: str) -> None:
    path = root / "stories" / f"{story}.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_print_consent_and_web_consent_give_two_lists(tmp_path: Path) -> None:
    root = copy_project("minimal", tmp_path / "p")
    _set_consent(root, "finding-my-feet", "scope: [web, print]", "scope: [print]")
    site, report = publish(*validate(root, TODAY), TODAY)
    assert [s.id for s in site.stories] == ["river-film"]
    assert [s.id for s in site.printed_stories] == ["finding-my-feet"]
    assert [(h.path, h.kind, h.reason) for h in report.held_back_of("story")] == [
        ("stories/finding-my-feet.md", "story", "consent does not cover the website (scope: print)")]


@pytest.mark.parametrize(("old", "new", "reason"), [
    ("review_by: 2028-03-01", "review_by: 2028-03-01\n  withdrawn: 2026-10-02", "consent withdrawn on 2026-10-02"),
    ("review_by: 2028-03-01", "review_by: 2026-06-30", "consent review was due by 2026-06-30"),
    ("published: 2026-04-01", "published: 2026-12-01", "scheduled for publication on 2026-12-01"),
    ("published: 2026-04-01", "published: 2026-04-01\nstatus: draft", "draft"),
])
def test_withdrawn_lapsed_scheduled_and_draft_stories_are_in_neither_list(tmp_path: Path, old: str, new: str,
                                                                           reason: str) -> None:
    root = copy_project("minimal", tmp_path / "p")
    _set_consent(root, "finding-my-feet", old, new)
    site, report = publish(*validate(root, TODAY), TODAY)
    assert "finding-my-feet" not in {s.id for s in site.stories} | {s.id for s in site.printed_stories}
    assert [(h.path, h.reason) for h in report.held_back_of("story")] == [("stories/finding-my-feet.md", reason)]


def test_the_site_holds_no_report() -> None:
    """Templates receive the Site: nothing held back can be reached from it."""
    from dataclasses import fields

    from build_tools.site.published import Site

    names = {f.name for f in fields(Site)}
    assert not names & {"held_back", "unpublished_courses", "problems", "report", "drafts"}


def test_draft_papers_and_resources_are_not_published(tmp_path: Path, today: None) -> None:
    from build_tools.cli.build import build_site

    root = copy_project("full", tmp_path / "p")
    paper = root / "content/briefings/21-learning-together-in-wyndhamshire.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("status: planned\n", "status: draft\n"),
                     encoding="utf-8")
    site, report = publish(*validate(root, TODAY), TODAY)
    assert 21 not in site.briefing_by_number
    assert [h.path for h in report.held_back_of("briefing paper")] == [PurePosixPath(paper.relative_to(root)).as_posix()]
    site_dir = tmp_path / "site"
    build_site(root, site_dir, pdf=False)
    assert not (site_dir / "briefings/21-learning-together-in-wyndhamshire").exists()
    listing = BeautifulSoup((site_dir / "briefings/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Learning Together" not in listing.get_text()


def test_a_picture_in_a_story_is_published_with_its_story_only(tmp_path: Path, today: None) -> None:
    import io

    from PIL import Image

    from build_tools.cli.build import build_site

    root = copy_project("full", tmp_path / "p")
    for name in ("cup.png", "shift.png"):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 120, 40)).save(buffer, "PNG")
        (root / "stories/media" / name).write_bytes(buffer.getvalue())
    append(root / KETTLE, "![A cup of tea on the bench at the bus stop](media/cup.png)")
    append(root / "stories/night-shifts-and-new-starts.md", "![The ward at night](media/shift.png)")  # withdrawn
    assert [p for p in check_project(root, TODAY)[2].problems if p.severity == "error"] == []
    site_dir = tmp_path / "site"
    build_site(root, site_dir, pdf=False)
    page = site_dir / "stories/the-kettle-and-the-bus-stop/index.html"
    picture = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(
        "img", alt="A cup of tea on the bench at the bus stop")
    assert _target(site_dir, page, picture["src"]).is_file()
    assert not (site_dir / "stories/media/shift.png").exists()
