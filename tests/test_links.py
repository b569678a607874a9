"""Every internal link and anchor of the built site resolves; external links are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli.main import main
from build_tools.web.links import BrokenLink, check_links

REPO = Path(__file__).resolve().parents[1]
SITE_URL = "https://kelderbridge-recovery.example/"


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = write_site(tmp_path / "site", {
        "index.html": (
            '<a href="courses/">Courses</a> <a href="courses/anxiety/#when">When</a> '
            '<a href="#top" id="top">Top</a> <a href="courses/missing/">Gone</a> '
            '<a href="courses/anxiety/#nowhere">Bad anchor</a> '
            '<a href="https://kelderbridge-recovery.example/courses/anxiety/">Full address</a> '
            '<a href="https://kelderbridge-recovery.example/enrol/anxiety">Full address, no page</a> '
            '<a href="https://www.nhs.uk/mental-health/">NHS</a> <a href="mailto:hello@example.org">Mail</a> '
            '<a href="tel:+441632960210">Ring</a> <a href="/courses/anxiety/anxiety.ics">Calendar</a>'),
        "courses/index.html": '<a href="../">Home</a> <a href="anxiety/">Anxiety</a> '
                              '<a href="https://www.nhs.uk/mental-health/#top">NHS</a>',
        "courses/anxiety/index.html": '<h2 id="when">When</h2><a name="old-anchor"></a>'
                                      '<a href="../../#top">Home top</a> <a href="#old-anchor">Old</a> '
                                      '<a href="../%61nxiety/">Encoded</a> <a href="http://example.org/a">Example</a>',
    })
    (site / "courses" / "anxiety" / "anxiety.ics").write_text("BEGIN:VCALENDAR\n", encoding="utf-8")
    return site


def test_broken_links_and_anchors_are_found(small_site: Path) -> None:
    report = check_links(small_site, SITE_URL)
    assert report.broken == [
        BrokenLink("index.html", "courses/anxiety/#nowhere", 'the page courses/anxiety/index.html has no anchor '
                   '"#nowhere".'),
        BrokenLink("index.html", "courses/missing/", 'there is no page or file at "/courses/missing/".'),
        BrokenLink("index.html", "https://kelderbridge-recovery.example/enrol/anxiety",
                   'there is no page or file at "/enrol/anxiety".'),
    ]


def test_external_links_are_listed_with_their_pages(small_site: Path) -> None:
    report = check_links(small_site, SITE_URL)
    assert report.external == {
        "http://example.org/a": ["courses/anxiety/index.html"],
        "https://www.nhs.uk/mental-health/": ["courses/index.html", "index.html"],
    }
    assert report.external_text() == (
        "http://example.org/a\n    courses/anxiety/index.html\n"
        "https://www.nhs.uk/mental-health/\n    courses/index.html\n    index.html\n")


def test_root_paths_must_stay_inside_a_site_in_a_subfolder(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"index.html": '<a href="/college/">Home</a> <a href="/other/">Other</a>'})
    report = check_links(site, "https://example.org/college/")
    assert [str(b) for b in report.broken] == ['index.html: link "/other/": it points outside the site (/college/).']


def test_links_command(small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\nsite_url: {SITE_URL}\n", encoding="utf-8")
    code = main(["links", "--root", str(tmp_path), "--site-dir", str(small_site)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[-4:] == [
        'error: index.html: link "courses/anxiety/#nowhere": the page courses/anxiety/index.html has no anchor '
        '"#nowhere".',
        'error: index.html: link "courses/missing/": there is no page or file at "/courses/missing/".',
        'error: index.html: link "https://kelderbridge-recovery.example/enrol/anxiety": there is no page or file at '
        '"/enrol/anxiety".',
        "3 broken internal links, 2 external addresses.",
    ]
    assert out.startswith("External links (2), with the pages they appear on:\nhttp://example.org/a\n")


def test_links_command_without_a_built_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["links", "--root", str(tmp_path), "--site-dir", str(tmp_path / "nothing")])
    assert code == 1
    assert capsys.readouterr().out == (f"There is no built site in {tmp_path / 'nothing'}; run python -m build_tools "
                                       "build first.\n")


@pytest.mark.slow
def test_sample_site_has_no_broken_internal_links(built_site: Path) -> None:
    report = check_links(built_site, SITE_URL)
    assert [str(b) for b in report.broken] == []
    # Pages link out to real services (briefing papers' publishers, local groups); none is the site itself.
    assert report.external
    assert not any(url.startswith(SITE_URL) for url in report.external)
