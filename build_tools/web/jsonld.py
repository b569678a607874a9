"""schema.org JSON-LD for search engines: Course (with its runs) and Article (stories, briefing papers).

Each builder returns a plain dict from the typed model; :func:`dumps` turns it into text that
is safe inside ``<script type="application/ld+json">``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from build_tools.content.models import Briefing, Course, Story
from build_tools.site.published import Site

LONDON = ZoneInfo("Europe/London")
COURSE_MODE = {"in-person": "onsite", "online": "online", "hybrid": "blended"}


def dumps(data: dict[str, Any]) -> str:
    """JSON for a script element: ``</`` and ``<!--`` cannot close or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def _when(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time, tzinfo=LONDON).isoformat()


def _organisation(site: Site) -> dict[str, Any]:
    return {"@type": "EducationalOrganization", "name": site.settings.college_name,
            "url": site.settings.site_url or None}


def _place(site: Site, venue_id: str | None) -> dict[str, Any] | None:
    venue = site.venue_by_id.get(venue_id) if venue_id else None
    if venue is None:
        return None
    return {"@type": "Place", "name": venue.name,
            "address": {"@type": "PostalAddress", "streetAddress": ", ".join(venue.address[:-1] or venue.address),
                        "addressLocality": venue.locality, "postalCode": venue.postcode, "addressCountry": "GB"}}


def course(item: Course, site: Site, url: str, config: Any) -> dict[str, Any]:
    """A ``Course`` with one ``CourseInstance`` per run."""
    instances = []
    for run in item.runs:
        instructors = [{"@type": "Person", "name": f.name, "jobTitle": f.role} for f in item.facilitators_of(run)]
        sessions = sorted(run.sessions, key=lambda s: (s.date, s.start))
        first, last = sessions[0], sessions[-1]
        locations: list[Any] = []
        place = _place(site, run.venue)
        if place:
            locations.append(place)
        if run.online:
            locations.append({"@type": "VirtualLocation", "url": url})
        instances.append({
            "@type": "CourseInstance",
            "name": f"{item.title}, {site.term_by_id[run.term].name}",
            "courseMode": COURSE_MODE[run.mode],
            "startDate": _when(first.date, first.start),
            "endDate": _when(last.date, last.end),
            "location": locations[0] if len(locations) == 1 else locations,
            "instructor": instructors,
            "maximumAttendeeCapacity": item.class_size_of(run),
            # A CourseInstance is an Event: a cancelled run says so rather than disappearing.
            "eventStatus": "https://schema.org/EventCancelled" if item.run_status(run) == "cancelled"
            else "https://schema.org/EventScheduled",
        })
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": item.title,
        "description": item.summary,
        "url": url,
        "provider": _organisation(site),
        "teaches": item.learning_outcomes,
        "isAccessibleForFree": item.cost.strip().lower() == "free",
        "hasCourseInstance": instances,
    }
    if item.prerequisites:
        data["coursePrerequisites"] = [site.course_by_id[c].title for c in item.prerequisites
                                       if c in site.course_by_id]
    return data


def story(item: Story, site: Site, url: str, config: Any) -> dict[str, Any]:
    """An ``Article`` credited exactly as the storyteller chose (``Anonymous`` if so)."""
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": item.title,
        "description": item.summary,
        "url": url,
        "datePublished": item.published.isoformat(),
        "author": {"@type": "Person", "name": item.storyteller.display_name},
        "publisher": _organisation(site),
        "keywords": [t.capitalize() for t in item.themes],
    }


def briefing(item: Briefing, site: Site, url: str, config: Any) -> dict[str, Any]:
    """An ``Article`` (a numbered paper) with its authors, date, funder and PDF."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": item.title,
        "alternativeHeadline": item.subtitle,
        "description": item.summary,
        "url": url,
        "datePublished": f"{item.year}-{item.month:02d}" if item.month else str(item.year),
        "author": [{"@type": "Person" if " " in name and "team" not in name.lower() else "Organization",
                    "name": name} for name in item.authors],
        "publisher": _organisation(site),
        "position": item.number,
        "keywords": item.key_concepts,
    }
    if item.funder:
        data["funder"] = {"@type": "Organization", "name": item.funder}
    if item.pdf:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf",
                            "contentUrl": item.pdf if "://" in item.pdf
                            else urljoin(config.site_url or url, f"briefings/{item.pdf}")}
    return {k: v for k, v in data.items() if v not in (None, [], "")}
