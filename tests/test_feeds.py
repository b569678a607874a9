"""RSS feeds of stories and courses: built from the published Site only, and linked from pages."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from projects import FULL

from build_tools.site.published import Site, load_published, load_site
from build_tools.web import feeds

TODAY = dt.date(2026, 11, 22)
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(FULL, TODAY)


def items(xml: bytes) -> list[ET.Element]:
    root = ET.fromstring(xml)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


def test_story_feed_has_published_stories_newest_first(site: Site) -> None:
    xml = feeds.rss("t", "https://x.example/stories/", "https://x.example/stories/feed.xml", "d",
                    feeds.story_items(site, "https://x.example/"), site.settings.language)
    found = items(xml)
    assert [i.findtext("title") for i in found] == [s.title for s in site.stories]
    assert [i.findtext(f"{DC}creator") for i in found] == [s.storyteller.display_name for s in site.stories]
    assert found[0].findtext("link") == f"https://x.example/stories/{site.stories[0].id}/"
    held = {h.title for h in load_published(FULL, TODAY)[1].held_back_of("story")}
    assert not held & {i.findtext("title") for i in found}


def test_story_feed_carries_content_notes(site: Site) -> None:
    story = next(s for s in site.stories if s.content_notes)
    item = next(i for i in feeds.story_items(site, "https://x.example/") if i.title == story.title)
    assert "Content notes:" in item.description


def test_course_feed_lists_every_published_course(site: Site) -> None:
    found = [i for i in feeds.course_items(site, "https://x.example/") if i.guid is None]
    assert [i.link for i in found] == [f"https://x.example/courses/{c.id}/" for c in site.courses]


@pytest.mark.slow
def test_feeds_are_written_and_linked(built_site: Path, site: Site) -> None:
    assert len(items((built_site / "stories" / "feed.xml").read_bytes())) == len(site.stories)
    assert len(items((built_site / "courses" / "feed.xml").read_bytes())) == len(site.courses) + len(site.changes)
    for page, feed in (("stories/index.html", "feed.xml"), ("courses/index.html", "feed.xml"),
                       ("index.html", "stories/feed.xml")):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        link = soup.head.find("link", rel="alternate", href=feed)
        assert link is not None and link["type"] == "application/rss+xml"
