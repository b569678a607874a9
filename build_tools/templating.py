"""What templates get besides MkDocs' own context: filters and labels for the typed models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import models
from .site import Site

LABELS: dict[str, dict[str, str]] = {
    "audience": models.AUDIENCE_LABELS,
    "expertise": models.EXPERTISE_LABELS,
    "format": models.FORMAT_LABELS,
    "content_note": models.CONTENT_NOTE_LABELS,
    "theme": models.THEME_LABELS,
    "perspective": models.PERSPECTIVE_LABELS,
    "resource_type": models.RESOURCE_TYPE_LABELS,
    "alternative_format": models.ALTERNATIVE_FORMAT_LABELS,
}


def long_date(value: dt.date) -> str:
    """``2027-01-14`` -> ``Thursday 14 January 2027`` (GOV.UK style: no ordinal suffix)."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: dt.date) -> str:
    """``2027-01-14`` -> ``14 Jan 2027``."""
    return f"{value.day} {value:%b %Y}"


def clock(value: dt.time) -> str:
    """``14:30`` -> ``2:30pm``; ``12:00`` -> ``midday``."""
    if value == dt.time(12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def label(value: str, kind: str) -> str:
    return LABELS[kind].get(value, value.replace("-", " ").capitalize())


def install(env: Any, site: Site, config: Any) -> None:
    env.filters.update(long_date=long_date, short_date=short_date, clock=clock, label=label)
    env.globals["site_data"] = site


def context_for_source_page(site: Site, src_uri: str) -> dict[str, Any]:
    """Typed objects for hand-written pages that stand for a model (briefing papers)."""
    for paper in site.briefings:
        if src_uri == f"briefings/{paper.id}.md":
            related = [site.briefing_by_number[n] for n in paper.related if n in site.briefing_by_number]
            return {"briefing": paper, "related_papers": related}
    return {}
