"""The college's language, set once (mkdocs.yml's theme.language, British English unless it says
otherwise), declared by every output: each page's <html lang> (the offline pack's too), the
feeds, the redirect pages for old addresses and the printed editions; Material's own words stay
English under en-GB."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import TODAY
from projects import copy_project

from build_tools.cli.build import build_site, build_with_offline_pack
from build_tools.content.environment import environment
from build_tools.content.settings import LANGUAGE, Settings
from build_tools.printed.print_editions import write_stories_booklet
from build_tools.printed.prospectus import write_prospectus
from build_tools.site.published import Site, load_site

FEEDS = ("stories/feed.xml", "courses/feed.xml")


def html_language(html: str) -> str | None:
    return BeautifulSoup(html, "html.parser").find("html").get("lang")


def page_languages(site_dir: Path) -> dict[str, str | None]:
    """Every built page (redirect pages included) and the language its <html> declares."""
    return {path.relative_to(site_dir).as_posix(): html_language(path.read_text(encoding="utf-8"))
            for path in sorted(site_dir.rglob("*.html"))}


def pdf_languages(site: Site, folder: Path) -> list[str]:
    """The /Lang of the prospectus and of the stories booklet, laid out for ``site``."""
    paths = [write_prospectus(site, site.settings, folder / "prospectus.pdf"),
             write_stories_booklet(site, site.settings, folder / "stories.pdf")]
    languages = []
    for path in paths:
        with pikepdf.open(path) as pdf:
            languages.append(str(pdf.Root.Lang))
    return languages


def feed_languages(site_dir: Path) -> list[str | None]:
    return [ET.parse(site_dir / feed).getroot().findtext("./channel/language") for feed in FEEDS]


def header_label(site_dir: Path) -> str:
    """Material's name for the header's navigation, one of its translated words."""
    soup = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("header nav.md-header__inner")["aria-label"]


def test_british_english_is_the_default() -> None:
    assert LANGUAGE == "en-GB"
    assert Settings.from_config({}).language == "en-GB"
    assert Settings.from_config({"theme": {"name": "material", "language": "cy"}}).language == "cy"


@pytest.mark.slow
def test_every_page_feed_and_offline_page_declares_en_gb(tmp_path: Path) -> None:
    project = copy_project("full", tmp_path / "project")
    with environment(RECOVERY_TODAY=TODAY):
        archive = build_with_offline_pack(project, tmp_path / "site", tmp_path / "offline", pdf=False)
    site_dir = archive.parent
    pages = page_languages(site_dir)
    assert len(pages) > 50 and "courses/engaging-in-life/index.html" in pages  # a redirect page
    assert {page: lang for page, lang in pages.items() if lang != "en-GB"} == {}
    with zipfile.ZipFile(archive) as opened:
        offline = {name: html_language(opened.read(name).decode("utf-8"))
                   for name in opened.namelist() if name.endswith(".html")}
    assert len(offline) > 50
    assert {name: lang for name, lang in offline.items() if lang != "en-GB"} == {}
    assert feed_languages(site_dir) == ["en-GB", "en-GB"]
    assert header_label(site_dir) == "Header"  # Material's English words, under en-GB

    with environment(RECOVERY_TODAY=TODAY):
        site = load_site(project)
    assert pdf_languages(site, tmp_path / "print") == ["en-GB", "en-GB"]


@pytest.mark.slow
def test_the_language_is_set_in_one_place(tmp_path: Path) -> None:
    """A college that writes in Welsh sets theme.language once; pages, feeds, redirect pages and
    the printed editions all follow, and Material's words are Welsh. Left out, it is en-GB."""
    project = copy_project("full", tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n  language: en-GB\n") == 1
    config.write_text(text.replace("\n  language: en-GB\n", "\n  language: cy\n"), encoding="utf-8")
    with environment(RECOVERY_TODAY=TODAY):
        build_site(project, tmp_path / "welsh", pdf=False)
        site = load_site(project)
    assert set(page_languages(tmp_path / "welsh").values()) == {"cy"}
    assert feed_languages(tmp_path / "welsh") == ["cy", "cy"]
    assert header_label(tmp_path / "welsh") == "Pennawd"
    assert pdf_languages(site, tmp_path / "print-cy") == ["cy", "cy"]

    config.write_text(text.replace("\n  language: en-GB\n", "\n"), encoding="utf-8")
    with environment(RECOVERY_TODAY=TODAY):
        build_site(project, tmp_path / "unset", pdf=False)
    assert set(page_languages(tmp_path / "unset").values()) == {"en-GB"}
    assert feed_languages(tmp_path / "unset") == ["en-GB", "en-GB"]
