"""What keeps pages light on a phone: minified own style sheets and scripts, print styles that
never hold up the first paint, feed links that send the theme's script after no missing file,
and a robots.txt naming the sitemap. (Lighthouse's scores are measured in
benchmarks/lighthouse.py, never here.)"""

from __future__ import annotations

from pathlib import Path

import material
import pytest
import tinycss2
from bs4 import BeautifulSoup
from projects import FULL

from build_tools.web import minify, robots, unused_css

pytestmark = pytest.mark.slow

THEME = Path(__file__).resolve().parents[1] / "theme"
MATERIAL_CSS = next((Path(material.__file__).parent / "templates").glob(unused_css.MAIN_STYLESHEET))


def _text(tokens: list) -> str:
    # Spaces inside brackets and functions too: "(a: b)" and "(a:b)" are the same condition.
    return "".join("".join(token.serialize().split()) for token in tokens if token.type not in ("whitespace", "comment"))


def _parsed(nodes: list) -> list[tuple]:
    found: list[tuple] = []
    for node in nodes:
        if node.type == "declaration":
            found.append((node.lower_name, _text(node.value), node.important))
        elif node.type in ("qualified-rule", "at-rule"):
            inner = tinycss2.parse_blocks_contents(node.content or [], skip_whitespace=True, skip_comments=True)
            found.append((getattr(node, "at_keyword", None), _text(node.prelude), _parsed(inner)))
        elif node.type not in ("whitespace", "comment"):
            found.append((node.type, node.serialize()))
    return found


def rules(css: str) -> list[tuple]:
    """A style sheet's rules and declarations, as parsed: comments and spaces do not count."""
    return _parsed(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def pages(built: Path) -> list[Path]:
    return sorted(built.rglob("*.html"))


def test_own_style_sheets_are_minified_and_mean_the_same(built_site: Path) -> None:
    sheets = sorted((THEME / "assets" / "stylesheets").glob("*.css"))
    assert [p.name for p in sheets] == ["a11y.css", "print.css", "search.css", "site.css"]
    for source in sheets:
        built = (built_site / "assets" / "stylesheets" / source.name).read_text(encoding="utf-8")
        original = source.read_text(encoding="utf-8")
        assert "/*" not in built and "\n" not in built.strip(), source.name
        assert len(built) < len(original) * 0.9, source.name
        assert rules(built) == rules(original), source.name


def test_own_scripts_are_minified_and_keep_their_licence(built_site: Path) -> None:
    scripts = sorted((THEME / "assets" / "javascripts").glob("*.js"))
    assert len(scripts) >= 4
    for source in scripts:
        built = (built_site / "assets" / "javascripts" / source.name).read_text(encoding="utf-8")
        assert len(built) < len(source.read_text(encoding="utf-8")), source.name
        assert built == minify.minified(source.name, source.read_text(encoding="utf-8"))
    shim = (built_site / "assets" / "javascripts" / "iframe-worker-shim.js").read_text(encoding="utf-8")
    assert shim.startswith("/*!\n * iframe-worker 1.0.4") and "Permission is hereby granted" in shim


def test_brand_colours_are_minified(built_site: Path) -> None:
    built = (built_site / "assets" / "stylesheets" / "brand.css").read_text(encoding="utf-8")
    assert "/*" not in built
    assert built.startswith(':root,[data-md-color-scheme="default"]{--rc-brand:#')


def test_print_styles_never_block_the_first_paint(built_site: Path) -> None:
    themed = 0
    for path in pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        sheets = soup.find_all("link", rel="stylesheet")
        if not sheets:
            continue  # an old address's redirect page
        themed += 1
        assert [link.get("media") for link in sheets if link["href"].endswith("print.css")] == ["print"], path
        assert [link.get("media") for link in sheets if not link["href"].endswith("print.css")] == [None] * 6, path
    assert themed > 50


def test_feeds_are_linked_apart_from_material_language_links(built_site: Path) -> None:
    """Feed readers find a feed by "alternate" and its type; Material's language selector takes
    only links whose rel is exactly "alternate", and fetches a sitemap.xml beside each."""
    feeds = 0
    for path in pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("link", rel="alternate"):
            assert link["rel"] == ["alternate", "feed"], path
            assert link["type"] == "application/rss+xml" and link["href"].endswith("feed.xml"), path
            assert (path.parent / link["href"]).resolve().is_file(), path
            feeds += 1
    assert feeds > 20


def test_robots_txt_allows_the_site_and_names_its_sitemap(built_site: Path) -> None:
    assert "site_url: https://kelderbridge-recovery.example/\n" in (FULL / "mkdocs.yml").read_text(encoding="utf-8")
    assert (built_site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://kelderbridge-recovery.example/sitemap.xml\n")
    assert (built_site / "sitemap.xml").is_file()


def test_robots_txt_without_a_site_address_names_no_sitemap() -> None:
    assert robots.robots_txt(None) == "User-agent: *\nAllow: /\n"
    assert robots.robots_txt("https://college.example/ours/") == (
        "User-agent: *\nAllow: /\nSitemap: https://college.example/ours/sitemap.xml\n")


# Every layout shift from the first moment of the page, with the ids of what moved.
WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__shifts.push(entry.value.toFixed(3) + " " + entry.sources.map(s => s.node && s.node.id || "?").join(","));
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.browser
@pytest.mark.parametrize("address", ["courses/", "stories/", "resources/"])
def test_filter_forms_are_there_from_the_first_paint(browser, site_url: str, address: str) -> None:  # noqa: ANN001
    """On a phone's screen, the form the script sets up moves nothing when it does."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    try:
        page.goto(site_url + address, wait_until="networkidle")
        assert page.locator("form[data-filters]").is_visible()
        assert page.locator("[data-filter-status]").inner_text().startswith("Showing all ")
        assert page.evaluate("window.__shifts") == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("address", ["stories/the-river-at-first-light/", "stories/learning-to-be-dad-again/"])
def test_story_pictures_have_their_place_before_they_arrive(browser, site_url: str, address: str) -> None:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    try:
        page.goto(site_url + address, wait_until="networkidle")
        box = page.locator("figure.rc-media img").bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
        assert page.evaluate("window.__shifts") == []
    finally:
        context.close()


@pytest.mark.browser
def test_filter_forms_are_not_shown_without_javascript(browser, site_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "courses/")
        assert page.locator("form[data-filters]").count() == 1
        assert not page.locator("form[data-filters]").is_visible()
        assert page.locator("#prospectus li[data-filter-item]:visible").count() > 10
    finally:
        context.close()


def test_rules_no_page_can_use_are_dropped() -> None:
    css = ("/* x */.a{color:red}.b,.c,.a .d{x:1}@media (min-width:1px){.b{y:2}.a{z:3}}@media print{.c{w:0}}"
           "@keyframes k{from{opacity:0}}:not(.zz) .a{q:1}:is(.zz,.a){p:0}#id1{r:1}#id2{r:2}[data-x].b{s:1}"
           "a[href]{t:1}.md-tag--new{u:1}.md-tagline{v:1}")
    used = unused_css.Used(['<div class="a" id="id1"><p class="d">', 'x("md-tag--"+kind)'])
    assert unused_css.prune(css, used) == (
        ".a{color:red}.a .d{x:1}@media (min-width:1px){.a{z:3}}@keyframes k{from{opacity:0}}"
        ":not(.zz) .a{q:1}:is(.zz,.a){p:0}#id1{r:1}a[href]{t:1}.md-tag--new{u:1}")


def test_material_style_sheet_keeps_only_rules_the_site_can_use(built_site: Path) -> None:
    built = next(built_site.glob(unused_css.MAIN_STYLESHEET))
    assert built.name == MATERIAL_CSS.name
    assert not built.with_name(built.name + ".map").exists()
    css, original = built.read_text(encoding="utf-8"), MATERIAL_CSS.read_text(encoding="utf-8")
    assert len(css) < 0.75 * len(original)
    # Every rule left is one of Material's, with its declarations unchanged.
    blocks = {tinycss2.serialize(rule.content) for rule in tinycss2.parse_stylesheet(original)
              if rule.type == "qualified-rule"}
    kept = [rule for rule in tinycss2.parse_stylesheet(css) if rule.type == "qualified-rule"]
    assert kept and all(tinycss2.serialize(rule.content) in blocks for rule in kept)
    # What every page has (the header, the typeset content) is styled; the parts of features
    # this site does not use (blog posts) are gone.
    preludes = {tinycss2.serialize(rule.prelude) for rule in kept}
    assert ".md-header" in preludes and ".md-typeset" in " ".join(preludes)
    assert ".md-post" in original
    assert not [prelude for prelude in preludes if ".md-post" in prelude]


def test_the_theme_scripts_wait_for_the_page(built_site: Path) -> None:
    """Only Material's bundle runs where it stands; the theme's own scripts are deferred."""
    own = {path.name for path in (THEME / "assets" / "javascripts").glob("*.js")}
    seen = set()
    for path in pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script", src=True):
            name = Path(script["src"]).name
            if name in own:
                assert script.has_attr("defer"), f"{path}: {script}"
                seen.add(name)
    assert {"print.js", "menu-button.js", "filters.js", "video-embed.js", "search.js"} <= seen
