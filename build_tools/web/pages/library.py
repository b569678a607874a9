"""Listings for briefing papers, the resource library and venues (with one page per venue)."""

from __future__ import annotations

from build_tools.site.published import Site
from build_tools.web.pages import GeneratedPage


def pages(site: Site) -> list[GeneratedPage]:
    found = [
        GeneratedPage("briefings/index.md", "Briefing papers", "briefings.html",
                      description="Briefing papers on recovery, peer support and co-production, by number."),
        GeneratedPage("resources/index.md", "Resource library", "resources.html",
                      description="Guides, toolkits, films and local groups."),
        GeneratedPage("venues/index.md", "Venues", "venues.html",
                      description="Where courses take place, with access details."),
    ]
    for venue in site.venues:
        found.append(GeneratedPage(f"venues/{venue.id}.md", venue.name, "venue.html",
                                   context={"venue": venue, "courses": site.courses_at(venue)},
                                   description=f"{venue.name}, {venue.locality}: address and access details."))
    return found
