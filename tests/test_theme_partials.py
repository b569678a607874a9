"""What the theme takes from Material is checked against the installed Material, so that an
upgrade that changes it fails here, loudly, instead of quietly undoing a fix.

* The partials copied into ``theme/partials/`` are Material's, with the changes listed here and
  nothing else.
* The corrections of ``build_tools/mkdocs/html_fixes.py`` stop the build when the markup they
  correct is not found.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from build_tools.mkdocs import html_fixes

THEME = Path(__file__).resolve().parents[1] / "theme"
MATERIAL = Path(material.__file__).parent / "templates"
MATERIAL_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# partial -> the changes our copy makes to Material's (Material's text, ours), in order.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "partials/header.html": [
        ('    <label class="md-header__button md-icon" for="__drawer">\n'
         '      {% set icon = config.theme.icon.menu or "material/menu" %}\n'
         '      {% include ".icons/" ~ icon ~ ".svg" %}\n'
         '    </label>\n',
         '    {% set icon = config.theme.icon.menu or "material/menu" %}\n'
         '    <label class="md-header__button md-icon" for="__drawer" data-rc-menu-label>\n'
         '      {% include ".icons/" ~ icon ~ ".svg" %}\n'
         '    </label>\n'
         '    <button type="button" class="md-header__button md-icon rc-menu-button" aria-label="Menu" '
         'aria-expanded="false" data-rc-menu-button hidden>\n'
         '      {% include ".icons/" ~ icon ~ ".svg" %}\n'
         '    </button>\n'),
        ('    {% if "material/search" in config.plugins %}\n',
         "    {#- A second change: the public website's search box (Material's below is the offline copy's). -#}\n"
         '    {% if pagefind_search %}\n'
         '      {% include "partials/site-search.html" %}\n'
         '    {% endif %}\n'
         '    {% if "material/search" in config.plugins %}\n'),
    ],
    "partials/nav-item.html": [
        ('      <input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n'
         '      {% set first = toc | first %}\n'
         '      {% if first and first.level == 1 %}\n'
         '        {% set toc = first.children %}\n'
         '      {% endif %}\n'
         '      {% if toc %}\n',
         '      {% set first = toc | first %}\n'
         '      {% if first and first.level == 1 %}\n'
         '        {% set toc = first.children %}\n'
         '      {% endif %}\n'
         '      {% if toc %}\n'
         '        <input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n'),
    ],
    "partials/palette.html": [
        ('<form class="md-header__option" data-md-component="palette">\n',
         '<div class="md-header__option" data-md-component="palette" role="group" aria-label="Colour scheme">\n'),
        ("</form>\n", "</div>\n"),
    ],
    "partials/search.html": [
        ('<div class="md-search" data-md-component="search" role="dialog">',
         '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
        ('<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
         '<div class="md-search__scrollwrap" tabindex="-1" data-md-scrollfix>'),
    ],
    "partials/toc.html": [
        ('    <label class="md-nav__title" for="__toc">\n'
         '      <span class="md-nav__icon md-icon"></span>\n'
         '      {{ title }}\n'
         '    </label>\n',
         '    {% if page in nav.pages %}\n'
         '      <label class="md-nav__title" for="__toc">\n'
         '        <span class="md-nav__icon md-icon"></span>\n'
         '        {{ title }}\n'
         '      </label>\n'
         '    {% else %}\n'
         '      <div class="md-nav__title">{{ title }}</div>\n'
         '    {% endif %}\n'),
    ],
}


def _without_leading_comment(text: str) -> str:
    assert text.startswith("{#-"), "a copied partial starts with a comment saying what it changes"
    return text[text.index("-#}") + len("-#}"):].lstrip("\n")


def test_every_copied_partial_is_listed() -> None:
    copied = {f"partials/{path.name}" for path in (THEME / "partials").glob("*.html")
              if (MATERIAL / "partials" / path.name).is_file()}
    assert copied == set(CHANGES)


@pytest.mark.parametrize("partial", sorted(CHANGES))
def test_copied_partial_is_materials_with_our_changes_only(partial: str) -> None:
    original = (MATERIAL / partial).read_text(encoding="utf-8")
    assert original.startswith(MATERIAL_HEADER), f"Material's {partial} no longer starts as it did"
    expected = original.removeprefix(MATERIAL_HEADER)
    for theirs, ours in CHANGES[partial]:
        assert expected.count(theirs) == 1, (
            f"Material's {partial} has changed: the markup theme/{partial} replaces is no longer there; "
            f"compare the two and update the copy and this table.")
        expected = expected.replace(theirs, ours)
    copy = _without_leading_comment((THEME / partial).read_text(encoding="utf-8"))
    assert copy == expected, f"theme/{partial} differs from Material's by more than the changes listed here"


def test_html_fixes_apply_to_a_built_page(built_site: Path) -> None:
    """The built pages hold the corrected markup (the fixes found what they look for)."""
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="#{html_fixes.CONTENT_ID}" class="md-skip">Skip to content</a>' in html
    assert 'autocomplete="off">' not in html.split('id="__search"')[1][:20]


FIXED_MARKUP = [*html_fixes.INVALID_AUTOCOMPLETE, html_fixes.SKIP_CONTAINER, html_fixes.CONTENT_AREA]


@pytest.mark.parametrize("markup", FIXED_MARKUP)
def test_installed_material_writes_the_markup_the_fixes_correct(markup: str) -> None:
    assert markup in (MATERIAL / "base.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("markup", FIXED_MARKUP)
def test_html_fixes_fail_loudly_when_materials_markup_changes(markup: str) -> None:
    page = "".join([*html_fixes.INVALID_AUTOCOMPLETE, html_fixes.SKIP_CONTAINER, "<a>Skip</a></div>",
                    html_fixes.CONTENT_AREA, "</article>"])
    assert 'class="md-skip"' in html_fixes.fix_page(page)  # the page as Material writes it is corrected
    changed = page.replace(markup, markup.replace('="', '="changed-', 1))
    with pytest.raises(html_fixes.MaterialMarkupChanged) as raised:
        html_fixes.fix_page(changed)
    assert str(raised.value) == (
        f"Material's page markup has changed: {markup!r} is no longer written as build_tools/mkdocs/html_fixes.py "
        "expects; compare it with material/templates/base.html and update the fix.")


def test_search_fixes_mark_the_content_area_and_hide_materials_search_toggle() -> None:
    page = html_fixes.fix_page("".join([*html_fixes.INVALID_AUTOCOMPLETE, html_fixes.SKIP_CONTAINER, "<a>Skip</a></div>",
                                        html_fixes.CONTENT_AREA, "</article>"]))
    marked = html_fixes.mark_search_body(html_fixes.hide_search_toggle(page))
    assert '<article class="md-content__inner md-typeset" id="main-content" tabindex="-1" data-pagefind-body>' in marked
    assert '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" hidden aria-hidden="true">' in marked
    for fix in (html_fixes.mark_search_body, html_fixes.hide_search_toggle):
        with pytest.raises(html_fixes.MaterialMarkupChanged):
            fix("<article>no markup from Material</article>")


def test_built_pages_carry_the_search_fixes(built_site: Path) -> None:
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert about.count(" data-pagefind-body>") == 1
    assert 'id="__search" hidden aria-hidden="true">' in about
    timetable = (built_site / "courses" / "timetable" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in timetable  # search: exclude
    missing = (built_site / "404.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in missing and 'id="__search" hidden aria-hidden="true">' in missing
