"""Every address on the website leads to one page: hand-written, generated or an old course address.

MkDocs builds a page at ``courses/timetable/`` from whichever file claims that address last, so a
course file named ``timetable.yml``, an alias ``timetable`` or a page ``content/courses/timetable.md``
would silently replace the timetable. Here every claim is collected, in the order the site
gives them precedence, and a second claim on an address is an error naming both files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from build_tools.content.errors import Problem, error
from build_tools.content.load import Collections

# Pages the build makes from the collections, besides one per course, story and venue
# (build_tools/web/pages/; tests/test_addresses.py checks that the two lists agree).
LISTINGS: dict[str, str] = {
    "courses/": "the course listing",
    "courses/timetable/": "the timetable",
    "stories/": "the stories listing",
    "venues/": "the venues listing",
    "briefings/": "the briefing papers listing",
    "resources/": "the resource library",
}

# Files the build writes at the top of the site (build_tools/printed/; checked by the same test).
OUTPUT_FILES: dict[str, str] = {
    "prospectus.pdf": "the printed prospectus",
    "prospectus-large-print.pdf": "the large-print prospectus",
    "stories.pdf": "the stories booklet",
}


@dataclass(frozen=True)
class Claim:
    address: str   # e.g. "courses/timetable/"
    owner: str     # how messages name it, e.g. "the course in courses/timetable.yml"
    path: str      # file to report a clash in
    line: int
    field: str
    alias: bool = False


def page_address(src_uri: str) -> str:
    """The address MkDocs gives a Markdown file inside content/ (directory URLs): ``about.md`` -> ``about/``."""
    path = PurePosixPath(src_uri)
    parent = "" if str(path.parent) == "." else f"{path.parent}/"
    if path.stem.lower() in ("index", "readme"):
        return parent
    return f"{parent}{path.stem}/"


def claims(c: Collections) -> Iterator[Claim]:
    """Every address claimed, first the build's own pages, then collections, aliases and hand-written pages."""
    for address, owner in LISTINGS.items():
        yield Claim(address, f"{owner}, which the build makes", "", 0, "")
    for course in c.courses.values():
        yield Claim(page_address(f"courses/{course.id}.md"), f"the course in {course.source_path}", course.source_path, 1, "file name")
    for story in c.stories.values():
        yield Claim(page_address(f"stories/{story.id}.md"), f"the story in {story.source_path}", story.source_path, 1, "file name")
    for index, venue in enumerate(c.venues.values()):
        lines = c.shared_lines.get("courses/_venues.yml")
        line = lines.line_of(("venues", index, "id")) if lines is not None else 1
        yield Claim(page_address(f"venues/{venue.id}.md"), f'the venue "{venue.id}" in courses/_venues.yml', "courses/_venues.yml",
                    line, f"venues[{index}].id")
    for course in c.courses.values():
        for a, alias in enumerate(course.aliases):
            yield Claim(f"courses/{alias.slug}/", f"an old address (alias) of the course in {course.source_path}",
                        course.source_path, course.line_of("aliases", a, "slug"), f"aliases[{a}].slug", alias=True)
    pages = [*c.pages.values(), *c.briefings.values()]
    for page in sorted(pages, key=lambda p: p.source_path):
        src_uri = str(PurePosixPath(page.source_path).relative_to("content"))
        yield Claim(page_address(src_uri), f"the page {page.source_path}", page.source_path, 1, "file")


def unique_addresses(c: Collections, today: dt.date) -> Iterator[Problem]:
    """A second claim on an address is an error in the second file, naming the first."""
    first: dict[str, Claim] = {}
    for claim in claims(c):
        key = claim.address.lower()
        earlier = first.get(key)
        if earlier is None:
            first[key] = claim
        elif claim.alias and (earlier.alias or earlier.owner.startswith("the course in")):
            continue  # reported by checks.aliases_unique, in words about aliases
        else:
            yield error(claim.path, claim.line, claim.field,
                        f"the address /{claim.address} is already {earlier.owner}; each address leads to one page only, "
                        "so rename this one.")
    for name, owner in OUTPUT_FILES.items():
        if (c.root / "content" / name).exists():
            yield error(f"content/{name}", 1, "file", f"the address /{name} is already {owner}, which the build "
                        "makes; rename this file.")
