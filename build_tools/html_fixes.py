"""Small corrections to the HTML that Material writes outside any template block we can override.

Material's ``base.html`` gives its two hidden checkboxes (the navigation drawer and the search
toggle) ``autocomplete="off"``, which HTML allows only on text-like inputs: the W3C Nu HTML
checker reports it on every page. The attribute only asks Firefox not to restore the boxes'
state when a reader goes back to a page: without it, a menu left open may still be open on
return, which is harmless. Everything else Material writes that the checker rejects is fixed by
an override in ``theme/partials/``.
"""

from __future__ import annotations

# Exactly as material/templates/base.html writes them (mkdocs-material 9.8); if a release
# changes this markup, tests/test_html_validity.py reports the error on every page.
INVALID_AUTOCOMPLETE = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
}


def fix_page(html: str) -> str:
    """The page with Material's invalid markup corrected; everything else is left byte for byte."""
    for wrong, right in INVALID_AUTOCOMPLETE.items():
        html = html.replace(wrong, right)
    return html
