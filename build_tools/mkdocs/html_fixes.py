"""Small corrections to the HTML that Material writes outside any template block we can override.

Skip link: Material's "Skip to content" link points at the page's first table-of-contents
entry, so it is missing on pages without headings in their Markdown (courses, venues) and, on a
story, jumps past the content notes to the first heading of the story itself. Every page gets a
skip link to the start of the content area instead, and that area takes focus
(``tabindex="-1"``), so the next Tab continues from there and screen readers read on from there.

Autocomplete: Material's ``base.html`` gives its two hidden checkboxes (the navigation drawer
and the search toggle) ``autocomplete="off"``, which HTML allows only on text-like inputs: the
W3C Nu HTML checker reports it on every page. The attribute only asks Firefox not to restore
the boxes' state when a reader goes back to a page: without it, a menu left open may still be
open on return, which is harmless.

Search: on the public website, the content area of each searchable page carries the attribute
that tells the search indexer what to index (``mark_search_body``, see ``build_tools/web/search.py``),
and Material's search checkbox, which only its own search box used, is hidden.

Everything else Material writes that the checker rejects is fixed by an override in
``theme/partials/``.
"""

from __future__ import annotations

from build_tools.web import search

# Exactly as material/templates/base.html writes them (mkdocs-material 9.8); if a release
# changes this markup, fix_page stops the build (tests/test_theme_partials.py checks it).
INVALID_AUTOCOMPLETE = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
}


# The skip link's container and the content area, exactly as material/templates/base.html writes
# them; tests/test_keyboard.py checks that the skip link moves focus into the content.
SKIP_CONTAINER = '<div data-md-component="skip">'
CONTENT_AREA = '<article class="md-content__inner md-typeset">'
CONTENT_ID = "main-content"


class MaterialMarkupChanged(Exception):
    """Material no longer writes the markup a fix corrects: the fix needs updating for the new release."""


def _require(found: bool, markup: str) -> None:
    if not found:
        raise MaterialMarkupChanged(
            f"Material's page markup has changed: {markup!r} is no longer written as build_tools/mkdocs/html_fixes.py "
            "expects; compare it with material/templates/base.html and update the fix.")


def skip_to_content(html: str) -> str:
    """Point the skip link at the start of the content area, and let that area take focus."""
    start = html.find(SKIP_CONTAINER)
    _require(start != -1, SKIP_CONTAINER)
    _require(html.count(CONTENT_AREA) == 1, CONTENT_AREA)
    # The container holds at most Material's one link, never a nested <div>.
    end = html.index("</div>", start)
    link = f'{SKIP_CONTAINER}<a href="#{CONTENT_ID}" class="md-skip">Skip to content</a>'
    html = html[:start] + link + html[end:]
    return html.replace(CONTENT_AREA, CONTENT_AREA.replace(">", f' id="{CONTENT_ID}" tabindex="-1">'))


# Material's search toggle (after the autocomplete fix), which nothing opens where Pagefind searches.
SEARCH_TOGGLE = INVALID_AUTOCOMPLETE[
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">']


def hide_search_toggle(html: str) -> str:
    """Hide Material's search checkbox (after :func:`fix_page`) where the site has its own search:
    its label went with Material's search box, and an unnamed form control fails WCAG 4.1.2.
    It stays in the page because Material's script looks it up."""
    _require(html.count(SEARCH_TOGGLE) == 1, SEARCH_TOGGLE)
    return html.replace(SEARCH_TOGGLE, SEARCH_TOGGLE.replace(">", ' hidden aria-hidden="true">'))


def mark_search_body(html: str) -> str:
    """Mark the content area (after :func:`fix_page`) as what the search index holds of the page
    (``web.search.BODY_ATTRIBUTE``); the rest of the page (header, navigation, footer) is not indexed."""
    fixed = CONTENT_AREA.replace(">", f' id="{CONTENT_ID}" tabindex="-1">')
    _require(html.count(fixed) == 1, fixed)
    return html.replace(fixed, fixed.replace(">", f" {search.BODY_ATTRIBUTE}>"))


def fix_page(html: str) -> str:
    """The page with Material's invalid markup corrected and a working skip link; everything
    else is left byte for byte. Raises :class:`MaterialMarkupChanged` when the markup to correct
    is not found, so that a Material upgrade cannot quietly undo a fix."""
    for wrong, right in INVALID_AUTOCOMPLETE.items():
        _require(wrong in html, wrong)
        html = html.replace(wrong, right)
    return skip_to_content(html)
