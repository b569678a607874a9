"""RSS 2.0 feeds of published stories (``stories/feed.xml``) and courses (``courses/feed.xml``).

Built from ``Site`` like every output, so a held-back story is never in a feed.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urljoin

from build_tools.content.models import THEME_LABELS
from build_tools.site.published import Site
from build_tools.web.templating import labeller

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"


@dataclass
class Item:
    title: str
    link: str
    description: str
    published: dt.date | None = None
    author: str | None = None
    categories: list[str] = field(default_factory=list)


def rss(title: str, link: str, feed_url: str, description: str, items: list[Item]) -> bytes:
    """An RSS 2.0 document; each item's guid is its page address."""
    ET.register_namespace("atom", ATOM)
    ET.register_namespace("dc", DC)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "en-gb"
    ET.SubElement(channel, f"{{{ATOM}}}link", {"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    for item in items:
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "link").text = item.link
        ET.SubElement(node, "guid", {"isPermaLink": "true"}).text = item.link
        ET.SubElement(node, "description").text = item.description
        if item.published:
            when = dt.datetime.combine(item.published, dt.time(9, 0), tzinfo=dt.UTC)
            ET.SubElement(node, "pubDate").text = format_datetime(when)
        if item.author:
            # RSS's own <author> must be an e-mail address; dc:creator holds a name as credited.
            ET.SubElement(node, f"{{{DC}}}creator").text = item.author
        for category in item.categories:
            ET.SubElement(node, "category").text = category
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def story_items(site: Site, site_url: str) -> list[Item]:
    items = []
    label = labeller(site.settings)
    for story in site.stories:  # newest first
        notes = ", ".join(label(n, "content_note") for n in story.content_notes)
        description = story.summary + (f"\n\nContent notes: {notes}." if notes else "")
        items.append(Item(story.title, urljoin(site_url, f"stories/{story.id}/"), description, story.published,
                          story.storyteller.display_name, [THEME_LABELS[t] for t in story.themes]))
    return items


def course_items(site: Site, site_url: str) -> list[Item]:
    items = []
    for course in site.courses:
        terms = list(dict.fromkeys(site.term_by_id[run.term].name for run in course.runs))
        when = f" ({', '.join(terms)})" if terms else ""
        status = " This course is full; ask to join the waiting list." if course.status == "full" else ""
        items.append(Item(f"{course.title}{when}", urljoin(site_url, f"courses/{course.id}/"),
                          course.summary + status, categories=[site.category_by_id[course.category].name]))
    return items


def write_feeds(site: Site, site_dir: Path, site_url: str, college: str) -> list[Path]:
    site_url = site_url or "/"
    written = []
    for folder, title, description, items in (
        ("stories", f"{college}: recovery stories", "New recovery stories, in storytellers' own words.",
         story_items(site, site_url)),
        ("courses", f"{college}: courses", "Courses in the prospectus.", course_items(site, site_url)),
    ):
        path = site_dir / folder / "feed.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rss(title, urljoin(site_url, f"{folder}/"), urljoin(site_url, f"{folder}/feed.xml"),
                             description, items))
        written.append(path)
    return written
