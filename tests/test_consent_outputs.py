"""Consent completeness, one test per output type.

The same sample project is built twice with every output (pages, feeds, calendars, search,
sitemap, PDFs and the offline pack): once as it is, once with one story's consent withdrawn.
Each test first shows the story *is* in that output when consent stands, so that its absence
after withdrawal means something.
"""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from projects import copy_project

from build_tools.cli.build import build_with_offline_pack
from build_tools.web import search

SLUG = "a-wee-bit-braver"
TITLE = "A Wee Bit Braver Every Day"
SENTENCE = "I came down from Fife for a job and a fresh start"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Built:
    site: Path

    def text(self, relative: str) -> str:
        data = (self.site / relative).read_bytes()
        return (gzip.decompress(data) if relative.endswith(".gz") else data).decode("utf-8")

    def html(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(relative), "html.parser")

    def pdf_text(self, name: str) -> str:
        done = subprocess.run(["pdftotext", "-layout", str(self.site / name), "-"], capture_output=True, text=True,
                              check=True)
        return " ".join(done.stdout.split())


def _build(tmp: Path, withdraw: bool) -> Built:
    root = tmp / "project"
    copy_project("full", root)
    if withdraw:
        story = root / "stories" / f"{SLUG}.md"
        story.write_text(story.read_text(encoding="utf-8").replace("\nconsent:\n", "\nconsent:\n  withdrawn: 2026-11-01\n"),
                         encoding="utf-8")
    site = tmp / "site"
    build_with_offline_pack(root, site, tmp / "offline", pdf=True)
    return Built(site)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> dict[bool, Built]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is needed (Debian package poppler-utils; .ci/run installs it)")
    return {withdrawn: _build(tmp_path_factory.mktemp("withdrawn" if withdrawn else "published"), withdrawn)
            for withdrawn in (False, True)}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", "2026-11-22")
        yield patch


def _links_to_story(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.find_all("a", href=True) if SLUG in a["href"]]


def test_story_page(builds: dict[bool, Built]) -> None:
    assert (builds[False].site / "stories" / SLUG / "index.html").is_file()
    assert not (builds[True].site / "stories" / SLUG).exists()


def test_listing_card(builds: dict[bool, Built]) -> None:
    assert _links_to_story(builds[False].html("stories/index.html"))
    listing = builds[True].html("stories/index.html")
    assert _links_to_story(listing) == []
    assert TITLE not in listing.get_text()


def test_no_page_links_to_the_story(builds: dict[bool, Built]) -> None:
    """Listings, related stories, the home page: nothing leads to a withdrawn story."""
    def linking_pages(built: Built) -> list[Path]:
        return [page for page in built.site.rglob("*.html") if SLUG not in str(page)
                and _links_to_story(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))]

    assert linking_pages(builds[False])
    assert linking_pages(builds[True]) == []


def test_home_page(builds: dict[bool, Built]) -> None:
    assert TITLE not in builds[True].html("index.html").get_text()


def test_search_index(builds: dict[bool, Built]) -> None:
    def entries(built: Built) -> list[dict]:
        return search.indexed_pages(built.site)

    assert any(SENTENCE in " ".join(page["content"].split()) for page in entries(builds[False]))
    assert entries(builds[True])
    assert not any(SENTENCE in " ".join(page["content"].split()) or TITLE in page["meta"].get("title", "")
                   or SLUG in page["url"] for page in entries(builds[True]))


def test_sitemap(builds: dict[bool, Built]) -> None:
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        assert f"stories/{SLUG}/" in builds[False].text(name)
        assert f"stories/{SLUG}/" not in builds[True].text(name)


def test_feed(builds: dict[bool, Built]) -> None:
    assert TITLE in builds[False].text("stories/feed.xml")
    assert TITLE not in builds[True].text("stories/feed.xml")
    assert SLUG not in builds[True].text("stories/feed.xml")


def test_calendars(builds: dict[bool, Built]) -> None:
    for calendar in (builds[True].site / "courses").glob("*.ics"):
        assert TITLE not in calendar.read_text(encoding="utf-8")


def test_json_ld(builds: dict[bool, Built]) -> None:
    def blocks(built: Built) -> list[str]:
        return [script.string or "" for page in built.site.rglob("*.html")
                for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
                .find_all("script", type="application/ld+json")]

    assert any(TITLE in block for block in blocks(builds[False]))
    assert not any(TITLE in block or SLUG in block for block in blocks(builds[True]))


def test_stories_booklet(builds: dict[bool, Built]) -> None:
    assert SENTENCE in builds[False].pdf_text("stories.pdf")
    text = builds[True].pdf_text("stories.pdf")
    assert TITLE not in text and SENTENCE not in text


@pytest.mark.parametrize("name", ["prospectus.pdf", "prospectus-large-print.pdf"])
def test_prospectus_editions(builds: dict[bool, Built], name: str) -> None:
    text = builds[True].pdf_text(name)
    assert TITLE not in text and SENTENCE not in text


def test_offline_pack(builds: dict[bool, Built]) -> None:
    def pack(built: Built) -> dict[str, str]:
        with zipfile.ZipFile(io.BytesIO((built.site / "offline.zip").read_bytes())) as archive:
            return {name: archive.read(name).decode("utf-8", errors="ignore") for name in archive.namelist()}

    published = pack(builds[False])
    assert any(SLUG in name for name in published)
    assert any(SENTENCE in text for text in published.values())
    withdrawn = pack(builds[True])
    assert not any(SLUG in name for name in withdrawn)
    assert not any(SENTENCE in text or TITLE in text for text in withdrawn.values())


def test_no_file_anywhere_holds_the_story(builds: dict[bool, Built]) -> None:
    for path in builds[True].site.rglob("*"):
        if path.is_file() and path.suffix not in {".pdf", ".zip", ".gz", ".jpg", ".png", ".mp3"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert SENTENCE not in text and TITLE not in text, path
