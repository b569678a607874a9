"""The website links to the printed editions, with page counts and sizes read from the PDFs it publishes.

One build of the full fixture project with PDFs; the pages are read with BeautifulSoup and the
PDFs with pikepdf.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from projects import copy_project

from build_tools.cli.build import build_site
from build_tools.printed.prospectus import EditionFile

TODAY = "2026-11-22"
PAGES = ["index.html", "courses/index.html", "enrol/index.html", "accessibility/index.html"]
TITLES = {"prospectus.pdf": "the prospectus", "prospectus-large-print.pdf": "the large print prospectus",
          "stories.pdf": "the recovery stories booklet"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project("full", tmp_path_factory.mktemp("links") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        build_site(project, project / "site", pdf=True)
    assert not list(project.glob(".print-*")), "the layout folder is removed"
    return project / "site"


def expected_label(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    return EditionFile(path.name, "", pages, path.stat().st_size).label


@pytest.mark.parametrize("page", PAGES)
def test_the_page_links_to_each_edition_with_its_pages_and_size(site_dir: Path, page: str) -> None:
    soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", class_="rc-printed-editions")
    assert section is not None
    links = section.find_all("a")
    found = {}
    for link in links:
        target = (site_dir / page).parent / link["href"]
        assert target.resolve().is_file(), link["href"]
        found[target.resolve().name] = link.get_text(" ", strip=True)
        assert link.has_attr("download")
    assert sorted(found) == sorted(TITLES)
    for name, text in found.items():
        assert text == f"Download {TITLES[name]} ({expected_label(site_dir / name)})"


def test_labels_read_as_people_expect() -> None:
    assert EditionFile("prospectus.pdf", "", 33, 276_480).label == "PDF, 33 pages, 270 KB"
    assert EditionFile("prospectus.pdf", "", 1, 300).label == "PDF, 1 page, 1 KB"
    assert EditionFile("prospectus.pdf", "", 612, 5_557_453).label == "PDF, 612 pages, 5.3 MB"


def test_a_page_without_the_flag_has_no_links(site_dir: Path) -> None:
    soup = BeautifulSoup((site_dir / "contact" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("section", class_="rc-printed-editions") is None


def test_a_build_without_pdfs_links_to_none(built_site: Path) -> None:
    for page in PAGES:
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("section", class_="rc-printed-editions") is None, page
    assert not list(built_site.glob("*.pdf"))
