"""RSS 2.0 feeds of published stories (``stories/feed.xml``) and courses (``courses/feed.xml``).

Built from ``Site`` like every output, so a held-back story is never in a feed. Every text and
attribute value passes through :func:`xml_text` where it is written, so no character that XML 1.0
forbids (control characters, lone surrogates, U+FFFE/U+FFFF) can make a feed unreadable.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urljoin

from build_tools.content.models import THEME_LABELS
from build_tools.site.published import Site
from build_tools.web import calendar, labels
from build_tools.web.templating import labeller

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
# Everything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot carry dropped (ElementTree writes them as they are)."""
    return _NOT_XML_CHAR.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> ET.Element:
    """A child element whose text and attribute values are encoded for XML."""
    node = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in (attrs or {}).items()})
    if text is not None:
        node.text = xml_text(text)
    return node


@dataclass
class Item:
    title: str
    link: str
    description: str
    published: dt.date | None = None
    author: str | None = None
    categories: list[str] = field(default_factory=list)
    guid: str | None = None  # when several items share a page: a name that is not an address


def rss(title: str, link: str, feed_url: str, description: str, items: list[Item], language: str) -> bytes:
    """An RSS 2.0 document in ``language`` (a language tag); each item's guid is its page address."""
    ET.register_namespace("atom", ATOM)
    ET.register_namespace("dc", DC)
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", link)
    _sub(channel, "description", description)
    _sub(channel, "language", language)
    _sub(channel, f"{{{ATOM}}}link", attrs={"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    for item in items:
        node = _sub(channel, "item")
        _sub(node, "title", item.title)
        _sub(node, "link", item.link)
        if item.guid:
            _sub(node, "guid", item.guid, {"isPermaLink": "false"})
        else:
            _sub(node, "guid", item.link, {"isPermaLink": "true"})
        _sub(node, "description", item.description)
        if item.published:
            when = dt.datetime.combine(item.published, dt.time(9, 0), tzinfo=dt.UTC)
            _sub(node, "pubDate", format_datetime(when))
        if item.author:
            # RSS's own <author> must be an e-mail address; dc:creator holds a name as credited.
            _sub(node, f"{{{DC}}}creator", item.author)
        for category in item.categories:
            _sub(node, "category", category)
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


def course_items(site: Site, site_url: str, history: calendar.History | None = None) -> list[Item]:
    """Changes to the timetable first (newest first), then every course; each dated by when the
    build first saw it (see ``calendar.History``), so feed readers can tell what is new."""
    history = history if history is not None else calendar.History()
    items = []
    for change in site.changes:
        course = change.entry.course
        items.append(Item(f"Timetable change: {course.title}", urljoin(site_url, f"courses/{course.id}/#dates"),
                          labels.change_text(change) + ".", history.first_seen(change.key, site.today),
                          categories=["Changes to the timetable"], guid=f"{change.key}@{site_url}"))
    items.sort(key=lambda item: item.published or site.today, reverse=True)
    for course in site.courses:
        terms = list(dict.fromkeys(site.term_by_id[run.term].name for run in course.runs))
        when = f" ({', '.join(terms)})" if terms else ""
        status = " This course is full; ask to join the waiting list." if course.status == "full" else ""
        items.append(Item(f"{course.title}{when}", urljoin(site_url, f"courses/{course.id}/"),
                          course.summary + status, history.first_seen(f"course:{course.id}", site.today),
                          categories=[site.category_by_id[course.category].name]))
    return items


def write_feeds(site: Site, site_dir: Path, site_url: str, college: str,
                history: calendar.History | None = None) -> list[Path]:
    site_url = site_url or "/"
    written = []
    for folder, title, description, items in (
        ("stories", f"{college}: recovery stories", "New recovery stories, in storytellers' own words.",
         story_items(site, site_url)),
        ("courses", f"{college}: courses", "Courses in the prospectus.", course_items(site, site_url, history)),
    ):
        path = site_dir / folder / "feed.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rss(title, urljoin(site_url, f"{folder}/"), urljoin(site_url, f"{folder}/feed.xml"),
                             description, items, site.settings.language))
        written.append(path)
    return written
