"""Every generated page of the site, from every page family, in one list."""

from __future__ import annotations

from build_tools.site.published import Site
from build_tools.web.pages import GeneratedPage
from build_tools.web.pages import courses as course_pages
from build_tools.web.pages import library as library_pages
from build_tools.web.pages import stories as story_pages

PAGE_FAMILIES = (course_pages, story_pages, library_pages)


def generated_pages(site: Site) -> list[GeneratedPage]:
    """The pages that exist only in the build (courses, stories, listings, venues), by family."""
    return [page for family in PAGE_FAMILIES for page in family.pages(site)]
