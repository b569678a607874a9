"""What templates get besides MkDocs' own context: filters and labels for the typed models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from build_tools.content import models
from build_tools.content.models import Course, Run, Venue
from build_tools.content.rules import allowlist
from build_tools.content.settings import Settings
from build_tools.site.published import Site
from build_tools.web import jsonld

LABELS: dict[str, dict[str, str]] = {
    "audience": models.AUDIENCE_LABELS,
    "expertise": models.EXPERTISE_LABELS,
    "format": models.FORMAT_LABELS,
    "content_note": models.CONTENT_NOTE_LABELS,
    "theme": models.THEME_LABELS,
    "perspective": models.PERSPECTIVE_LABELS,
    "resource_type": models.RESOURCE_TYPE_LABELS,
    "alternative_format": models.ALTERNATIVE_FORMAT_LABELS,
    "story_format": {"written": "Written", "video": "Film", "audio": "Audio", "image": "Picture"},
    "mode": {"in-person": "In person", "online": "Online", "hybrid": "In person or online"},
    "five_ways": {"connect": "Connect", "be-active": "Be active", "take-notice": "Take notice",
                  "keep-learning": "Keep learning", "give": "Give"},
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


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


def labeller(settings: Settings) -> Callable[[str, str], str]:
    """The ``label`` filter for one college: the detention content note names the mental health
    law of its nation (from its settings) rather than one nation's law for everyone."""
    notes = {**models.CONTENT_NOTE_LABELS, "detention": settings.detention_note}

    def college_label(value: str, kind: str) -> str:
        return notes.get(value, label(value, kind)) if kind == "content_note" else label(value, kind)

    return college_label


def slug(value: str) -> str:
    """A filter token for free text such as a resource topic: ``Money & debt`` -> ``money-debt``."""
    word = "".join(ch if ch.isalnum() else "-" for ch in value.lower())
    return "-".join(part for part in word.split("-") if part)


def weekday(value: dt.date) -> str:
    """``2027-01-14`` -> ``thursday`` (a filter token; show it with ``| capitalize``)."""
    return WEEKDAYS[value.weekday()]


def run_days(run: Run) -> list[str]:
    """Weekdays a run meets on, Monday first."""
    days = {s.date.weekday() for s in run.sessions}
    return [WEEKDAYS[d] for d in sorted(days)]


def run_facets(run: Run) -> dict[str, list[str]]:
    """Filter tokens of one run: its term, its places (venue id and/or ``online``) and weekdays."""
    return {"term": [run.term],
            "place": ([run.venue] if run.venue else []) + (["online"] if run.online else []),
            "day": run_days(run)}


def course_facets(course: Course) -> dict[str, Any]:
    """Filter tokens of a course for the prospectus: each facet over all runs, and ``runs``, the
    same per run encoded as ``term:a|place:b c|day:d;...`` so that choosing a term and a place
    finds courses with one run that has both (filters.js reads it)."""
    # A cancelled run is not something to choose: it gives no filter tokens.
    per_run = [run_facets(run) for run in course.runs if course.run_status(run) != "cancelled"]
    facets: dict[str, Any] = {}
    for name in ("term", "place", "day"):
        found = dict.fromkeys(token for run in per_run for token in run[name])
        facets[name] = sorted(found, key=WEEKDAYS.index) if name == "day" else list(found)
    # Who can attend is the course's, not a run's: a course for everyone matches every choice.
    facets["who"] = [a for a in models.AUDIENCE_LABELS if a != "everyone"] if "everyone" in course.who_can_attend.open_to \
        else list(course.who_can_attend.open_to)
    facets["runs"] = ";".join("|".join(f"{name}:{' '.join(tokens)}" for name, tokens in run.items())
                              for run in per_run)
    return facets


def url_host(url: str) -> str:
    """The host a browser would connect to for ``url`` (``www.youtube-nocookie.com``)."""
    address = allowlist.parse(url)
    return address.host if address is not None else ""


def venue_address(venue: Venue) -> str:
    """One line: name, address lines and postcode."""
    return ", ".join([venue.name, *venue.address, venue.postcode])


def absolute_url(config: Any, url: str) -> str:
    """A page's address on the public site (feeds, JSON-LD and calendars need full addresses)."""
    return urljoin(config.site_url or "/", url)


# Every template escapes what it prints, the theme's and Material's alike: a title, summary or
# venue such as 'Anxiety" onclick="...' stays text wherever it lands, <head> and navigation
# included. MkDocs turns autoescaping off for the whole theme; it is switched back on for every
# template, so no list of names can miss one. The HTML that is meant as HTML is marked safe where
# it is made: the page content once checked (build_tools/mkdocs/plugin.py), JSON-LD, macros.
def _autoescape(template_name: str | None) -> bool:
    return True


def install(env: Any, site: Site, config: Any) -> None:
    env.autoescape = _autoescape
    env.filters.update(long_date=long_date, short_date=short_date, clock=clock, label=labeller(site.settings), slug=slug,
                       weekday=weekday, run_days=run_days, venue_address=venue_address)
    env.globals["site_data"] = site
    # The college's settings (mkdocs.yml, read once): name, contacts, crisis lines, brand.
    env.globals["settings"] = site.settings
    env.globals["course_facets"] = course_facets
    # The film script builds a player only on these hosts (theme/assets/javascripts/video-embed.js).
    env.globals["embed_hosts"] = sorted(allowlist.EMBED_HOSTS)
    env.filters["host"] = url_host

    def ld(kind: str, item: Any, page: Any) -> Markup:
        url = absolute_url(config, page.url)
        build = {"course": jsonld.course, "story": jsonld.story, "briefing": jsonld.briefing}[kind]
        # The JSON is escaped for a <script> element by jsonld.dumps, so it is safe to mark as such.
        return Markup(jsonld.dumps(build(item, site, url, config)))

    env.globals["jsonld"] = ld

    def link(src_uri: str) -> str:
        """Address of a page from its source path (``courses/x.md``), for the ``url`` filter.

        The offline pack has no directory addresses (``courses/x.html``), so templates never
        write page addresses by hand.
        """
        stem = src_uri.removesuffix(".md")
        if not config.use_directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    env.globals["link"] = link
    env.globals["current_term"] = lambda: current_term(site)


def current_term(site: Site) -> models.Term | None:
    """The term under way today, or else the next one to start (or the last, when all are past)."""
    for term in site.terms:
        if term.start <= site.today <= term.end:
            return term
    upcoming = [t for t in site.terms if t.start > site.today]
    return upcoming[0] if upcoming else (site.terms[-1] if site.terms else None)


def context_for_source_page(site: Site, src_uri: str) -> dict[str, Any]:
    """Typed objects for hand-written pages that stand for a model (briefing papers)."""
    paper = briefing_for(site, src_uri)
    if paper is not None:
        related = [site.briefing_by_number[n] for n in paper.related if n in site.briefing_by_number]
        return {"briefing": paper, "related_papers": related}
    return {}


def briefing_for(site: Site, src_uri: str) -> models.Briefing | None:
    """The briefing paper a hand-written page under content/briefings/ stands for, if any."""
    # A look-up, not a search through every paper: it runs twice for each page of the site.
    return site.briefing_by_page.get(src_uri)
