"""The built sample site: every published item has its page, showing exactly its data.

Pages are read with BeautifulSoup; the expected values come from the validated ``Site``.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from projects import FULL, copy_project

from build_tools.site.published import Site, load_published, load_site
from build_tools.web import search, templating

TODAY = dt.date(2026, 11, 22)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(FULL, TODAY)


def read(built: Path, address: str) -> BeautifulSoup:
    """The page at ``address`` (``courses/x/``) parsed."""
    path = built / address / "index.html" if not address.endswith(".html") else built / address
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article.md-content__inner").get_text(" ").split())


def ld(soup: BeautifulSoup) -> dict:
    scripts = soup.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def all_pages(built: Path) -> list[Path]:
    return sorted(p for p in built.rglob("*.html"))


# ---------------------------------------------------------------------------
# Every page
# ---------------------------------------------------------------------------


def test_every_page_has_one_h1_and_main_landmark(built_site: Path) -> None:
    for path in all_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert len(soup.find_all("h1")) == 1, path
        assert soup.find("main") is not None, path


def test_no_page_requests_another_host(built_site: Path) -> None:
    """Scripts, styles, images, media and frames all come from the site itself; no iframe on load."""
    for path in all_pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("iframe") is None, path
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("audio", "src"),
                               ("video", "src"), ("source", "src"), ("track", "src"), ("video", "poster")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and element.get("rel") in (["canonical"], ["alternate"])):
                    continue
                assert not urlsplit(value).netloc, f"{path}: <{tag} {attribute}={value}>"


def test_navigation_lists_only_the_listing_pages(built_site: Path, site: Site) -> None:
    soup = read(built_site, "courses/timetable/")
    nav_links = {a["href"] for a in soup.select("nav.md-nav--primary a[href]")}
    for course in site.courses[:3]:
        assert not any(course.id in href for href in nav_links)
    for story in site.stories[:3]:
        assert not any(story.id in href for href in nav_links)


def test_every_filter_control_has_a_label(built_site: Path) -> None:
    for address in ("courses/", "stories/", "resources/"):
        soup = read(built_site, address)
        form = soup.find("form", attrs={"data-filters": True})
        # Laid out from the first paint with JavaScript; without it, site.css hides it (.no-js),
        # as tests/test_fast_pages.py checks in a browser.
        assert "rc-filters" in form["class"] and not form.has_attr("hidden")
        selects = form.find_all("select")
        assert selects
        for select in selects:
            assert soup.find("label", attrs={"for": select["id"]}) is not None


# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------


def test_prospectus_lists_every_published_course_by_category(built_site: Path, site: Site) -> None:
    soup = read(built_site, "courses/")
    for category, courses in site.courses_by_category:
        section = soup.find("h2", id=category.id).find_parent("section")
        titles = [a.get_text(strip=True) for a in section.select("li[data-filter-item] .rc-card__title a")]
        assert titles == [c.title for c in courses]
    listed = soup.select("#prospectus li[data-filter-item]")
    assert len(listed) == len(site.courses)
    retired = {course.id for course in site.retired_courses}
    for held in load_published(FULL, TODAY)[1].held_back_of("course"):
        # Cancelled and archived courses keep a plain page at their address (tests/test_living.py).
        course_id = Path(held.path).stem
        assert (built_site / "courses" / course_id).exists() == (course_id in retired)


def test_prospectus_cards_carry_their_filter_values(built_site: Path, site: Site) -> None:
    soup = read(built_site, "courses/")
    for course in site.courses:
        link = soup.find("a", href=f"{course.id}/")
        card = link.find_parent("li")
        facets = templating.course_facets(course)
        assert card["data-category"] == course.category
        assert card["data-term"].split() == facets["term"]
        assert card["data-place"].split() == facets["place"]
        assert card["data-day"].split() == facets["day"]
    term_options = [o["value"] for o in soup.select("#filter-term option") if o["value"]]
    assert term_options == [t.id for t in site.terms]


def test_each_course_page_shows_its_data(built_site: Path, site: Site) -> None:
    for course in site.courses:
        soup = read(built_site, f"courses/{course.id}/")
        text = main_text(soup)
        assert soup.h1.get_text(strip=True) == course.title
        assert course.summary in text
        for outcome in course.learning_outcomes:
            assert outcome in text
        trainers = soup.select("ul.rc-trainers > li")
        assert [(li.select_one(".rc-trainer__name").get_text(strip=True),
                 li.select_one(".rc-trainer__role").get_text(strip=True)) for li in trainers] == \
            [(f.name, f.role) for f in course.facilitators]
        if course.who_can_attend.eligibility:
            assert course.who_can_attend.eligibility in text
        assert course.format.length in text
        assert f"Up to {course.class_size} students" in text
        tables = soup.select("table.rc-sessions")
        assert len(tables) == len(course.runs)
        for run, table in zip(course.runs, tables):
            rows = table.select("tbody tr")
            assert [r.th.time["datetime"] for r in rows] == [s.date.isoformat() for s in run.sessions]
            assert {th["scope"] for th in table.select("thead th")} == {"col"}
            if run.venue:
                heading_block = table.find_previous("h3").find_next("p")
                assert heading_block.find("a", href=f"../../venues/{run.venue}/") is not None
        if course.runs:
            assert soup.find("a", href=f"../{course.id}.ics") is not None
        if course.format.type != "ward-session":
            for route in ("phone", "email", "in_person", "post"):
                value = getattr(course.enrol, route)
                if value:
                    assert value in text
            if course.enrol.online:
                assert soup.find("a", href=course.enrol.online) is not None
        for other in course.prerequisites + course.next_steps:
            assert soup.find("a", href=f"../{other}/") is not None


def test_course_json_ld_has_an_instance_per_run(built_site: Path, site: Site) -> None:
    course = next(c for c in site.courses if any(r.venue for r in c.runs))
    data = ld(read(built_site, f"courses/{course.id}/"))
    assert data["@type"] == "Course"
    assert data["name"] == course.title
    instances = data["hasCourseInstance"]
    assert len(instances) == len(course.runs)
    run = course.runs[0]
    first = min(run.sessions, key=lambda s: (s.date, s.start))
    assert instances[0]["courseMode"] == {"in-person": "onsite", "online": "online", "hybrid": "blended"}[run.mode]
    assert instances[0]["startDate"].startswith(f"{first.date.isoformat()}T{first.start:%H:%M}")
    assert [i["name"] for i in instances[0]["instructor"]] == [f.name for f in course.facilitators]


def test_json_ld_cannot_close_its_script_element() -> None:
    from build_tools.web.jsonld import dumps

    text = dumps({"name": "</script><script>alert(1)</script>"})
    assert "</" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"


def test_old_course_addresses_redirect(built_site: Path, site: Site) -> None:
    aliased = [(c, a) for c in site.courses for a in c.aliases]
    assert aliased, "the sample has a renamed course"
    for course, alias in aliased:
        soup = read(built_site, f"courses/{alias.slug}/")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"] == f"0; url=../{course.id}/"
        assert soup.find("link", rel="canonical")["href"].endswith(f"/courses/{course.id}/")
        assert soup.find("a", href=f"../{course.id}/") is not None


def test_timetable_lists_every_session_by_term(built_site: Path, site: Site) -> None:
    soup = read(built_site, "courses/timetable/")
    rows = soup.select("table.rc-timetable tbody tr")
    assert len(rows) == len(site.timetable)
    assert [r.th["scope"] for r in rows] == ["row"] * len(rows)
    first = site.timetable[0]
    assert rows[0].th.time["datetime"] == first.session.date.isoformat()
    assert rows[0].find("a").get_text(strip=True) == first.course.title


def test_venue_pages_show_access_and_courses(built_site: Path, site: Site) -> None:
    for venue in site.venues:
        soup = read(built_site, f"venues/{venue.id}/")
        text = main_text(soup)
        assert soup.h1.get_text(strip=True) == venue.name
        assert venue.postcode in text
        assert ("Step-free access to every room we use" in text) == venue.step_free_access
        assert ("Hearing loop in the teaching room" in text) == venue.hearing_loop
        if venue.travel:
            assert venue.travel in text
        titles = [a.get_text(strip=True) for a in soup.select(".rc-cards .rc-card__title a")]
        assert titles == [c.title for c in site.courses_at(venue)]


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------


def test_stories_listing_shows_published_stories_with_content_notes(built_site: Path, site: Site) -> None:
    soup = read(built_site, "stories/")
    cards = soup.select("#story-list li[data-filter-item]")
    assert [c.h2.get_text(strip=True) for c in cards] == [s.title for s in site.stories]
    for card, story in zip(cards, site.stories):
        notes = card.select_one(".rc-notes").get_text(" ", strip=True)
        for note in story.content_notes:
            assert templating.labeller(site.settings)(note, "content_note") in notes
        assert card["data-theme"].split() == story.themes
        assert card["data-format"] == story.format
    assert soup.head.find("link", rel="alternate", href="feed.xml") is not None


def test_story_pages_warn_before_the_story(built_site: Path, site: Site) -> None:
    for story in site.stories:
        soup = read(built_site, f"stories/{story.id}/")
        assert soup.h1.get_text(strip=True) == story.title
        assert soup.select_one(".rc-byline__name").get_text(strip=True) == story.storyteller.display_name
        body = soup.find(id="story")
        if story.content_notes:
            notes = soup.find("details", class_="rc-content-notes")
            assert notes is not None
            assert body in notes.find_all_next("div"), "the content notes come before the story"
            summary = notes.summary.get_text(" ", strip=True).lower()
            for note in story.content_notes:
                assert templating.labeller(site.settings)(note, "content_note").lower() in summary
            numbers = notes.get_text(" ")
            assert "116 123" in numbers and "999" in numbers
        assert ld(soup)["author"]["name"] == story.storyteller.display_name


def test_anonymous_stories_say_anonymous(built_site: Path, site: Site) -> None:
    anonymous = [s for s in site.stories if s.storyteller.attribution == "anonymous"]
    assert anonymous
    for story in anonymous:
        soup = read(built_site, f"stories/{story.id}/")
        assert soup.select_one(".rc-byline__name").get_text(strip=True) == "Anonymous"


def test_media_stories(built_site: Path, site: Site) -> None:
    by_format = {s.format: s for s in site.stories}
    image = by_format["image"]
    soup = read(built_site, f"stories/{image.id}/")
    img = soup.select_one("figure.rc-media img")
    assert img["alt"] == image.media.alt
    assert (built_site / "stories" / image.media.file).is_file()

    audio = by_format["audio"]
    soup = read(built_site, f"stories/{audio.id}/")
    assert soup.find("audio").has_attr("controls")
    assert soup.find(id="transcript") is not None

    video = by_format["video"]
    soup = read(built_site, f"stories/{video.id}/")
    assert soup.find("iframe") is None
    if video.media.url:
        box = soup.find(attrs={"data-embed-src": True})
        assert box["data-embed-src"] == video.media.url
        assert box.find("button", attrs={"data-embed-button": True}) is not None
        assert soup.find("script", src="../../assets/javascripts/video-embed.js") is not None
    assert "captions" in soup.select_one("figure.rc-media figcaption").get_text()
    assert soup.find(id="transcript") is not None


def test_related_stories(built_site: Path, site: Site) -> None:
    for story in site.stories:
        soup = read(built_site, f"stories/{story.id}/")
        related = soup.find(id="related")
        expected = [s.title for s in site.related_stories(story)]
        found = [a.get_text(strip=True) for a in related.find_parent("section").select(".rc-card__title a")] \
            if related else []
        assert found == expected


# ---------------------------------------------------------------------------
# Briefing papers, resources, home, accessibility
# ---------------------------------------------------------------------------


def test_briefings_in_number_order(built_site: Path, site: Site) -> None:
    soup = read(built_site, "briefings/")
    items = soup.select("ol.rc-papers > li")
    assert [int(li["value"]) for li in items] == sorted(b.number for b in site.briefings)


def test_briefing_pages(built_site: Path, site: Site) -> None:
    for paper in site.briefings:
        soup = read(built_site, f"briefings/{paper.id}/")
        text = main_text(soup)
        assert soup.h1.get_text(strip=True) == paper.title
        assert paper.summary in text
        assert soup.select_one(".rc-cite cite").get_text(strip=True) == paper.citation
        for number in paper.related:
            other = site.briefing_by_number[number]
            assert soup.find("a", href=f"../{other.id}/") is not None
        if paper.pdf:
            assert any(a.get_text().startswith(f"Download paper {paper.number}") for a in soup.find_all("a"))
        data = ld(soup)
        assert data["@type"] == "Article" and data["headline"] == paper.title


def test_resource_library(built_site: Path, site: Site) -> None:
    soup = read(built_site, "resources/")
    cards = soup.select("#library li[data-filter-item]")
    assert [c.h2.get_text(strip=True) for c in cards] == [r.title for r in site.resources]
    for card, resource in zip(cards, site.resources):
        assert card["data-type"] == resource.type
        assert card["data-audience"].split() == resource.audience
        assert card["data-format"].split() == resource.alternative_formats
        sensitive = card.select_one(".rc-sensitive")
        assert (sensitive is not None) == resource.sensitive
        if resource.sensitive_note:
            assert resource.sensitive_note in sensitive.get_text(" ")


def test_home_page_sections(built_site: Path, site: Site) -> None:
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    term = templating.current_term(site)
    assert soup.find(id="this-term").get_text(strip=True) == f"Courses in {term.name}"
    stories = soup.find(id="recent-stories").find_parent("section").select(".rc-card__title a")
    assert [a.get_text(strip=True) for a in stories] == [s.title for s in site.stories[:3]]
    assert soup.find(id="how-to-enrol") is not None
    assert soup.find("a", href="crisis-support/") is not None
    assert soup.find(id="offline") is None, "the zip is linked only when the build makes it"


def test_accessibility_statement_exists(built_site: Path) -> None:
    soup = read(built_site, "accessibility/")
    assert soup.h1 is not None


def test_search_index_holds_published_pages(built_site: Path, site: Site) -> None:
    """The public site's search index holds every searchable page, by its address and title."""
    indexed = {page["url"]: page["meta"]["title"] for page in search.indexed_pages(built_site)}
    for story in site.stories:
        assert indexed[f"/stories/{story.id}/"] == story.title
    for course in site.courses:
        assert indexed[f"/courses/{course.id}/"] == course.title
    assert not (built_site / "search" / "search_index.json").exists()  # Material's index is not sent


def test_search_index_holds_only_searchable_pages(built_site: Path, site: Site) -> None:
    """Pages with search: exclude (the timetable, retired courses), redirect stubs and 404 are not in it."""
    indexed = {page["url"] for page in search.indexed_pages(built_site)}
    marked = set()
    for path in built_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        bodies = soup.find_all(attrs={search.BODY_ATTRIBUTE: True})
        assert len(bodies) <= 1
        if bodies:
            assert bodies[0].name == "article"
            marked.add("/" + path.relative_to(built_site).as_posix().removesuffix("index.html"))
    assert indexed == marked
    assert "/courses/timetable/" not in indexed
    assert "/404.html" not in indexed
    assert not [url for url in indexed if any(url.startswith(f"/courses/{c.id}/") for c in site.retired_courses)]
    held_back = {"food-and-me", "night-shifts-and-new-starts", "the-dog-who-got-me-out"}
    assert not [url for url in indexed if any(url.startswith(f"/stories/{s}/") for s in held_back)]


# ---------------------------------------------------------------------------
# The offline pack
# ---------------------------------------------------------------------------


def test_offline_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``build --offline``: the public site links to offline.zip, a copy that works from file://."""
    from build_tools.cli.build import build_with_offline_pack

    monkeypatch.setenv("RECOVERY_TODAY", TODAY.isoformat())
    site_dir = build_with_offline_pack(copy_project("full", tmp_path / "project"), tmp_path / "site", tmp_path / "offline", pdf=False).parent
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", href="offline.zip") is not None
    with zipfile.ZipFile(site_dir / "offline.zip") as archive:
        names = set(archive.namelist())
        top = "recovery-college-offline/"
        assert f"{top}index.html" in names
        assert f"{top}courses/index.html" in names
        # Search from file:// needs the index as a script, which the offline plugin writes.
        assert f"{top}search/search_index.js" in names
        # Pagefind fetches its pieces, which browsers refuse from a file: the copy has none of it.
        assert not [name for name in names if name.startswith(f"{top}pagefind/")]
        page = BeautifulSoup(archive.read(f"{top}courses/index.html").decode("utf-8"), "html.parser")
    links = [a["href"] for a in page.select("#prospectus .rc-card__title a")]
    assert links and all(href.endswith(".html") for href in links)
    # Search from file:// runs through a self-hosted shim: no script comes from another host.
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    assert "../assets/javascripts/iframe-worker-shim.js" in scripts
    assert not [src for src in scripts if urlsplit(src).netloc]


# ---------------------------------------------------------------------------
# In a browser: filters and films that load only on request
# ---------------------------------------------------------------------------


@pytest.mark.browser
def test_filters_narrow_the_prospectus_and_keep_the_choice_in_the_address(browser, site_url: str,
                                                                           site: Site) -> None:
    term = site.terms[-1]
    expected = [c.title for c in site.courses if any(r.term == term.id for r in c.runs)]
    page = browser.new_page()
    try:
        page.goto(site_url + "courses/")
        assert page.locator("form[data-filters]").is_visible()
        page.select_option("#filter-term", term.id)
        assert page.url.endswith(f"courses/?term={term.id}")
        shown = page.locator("#prospectus li[data-filter-item]:visible .rc-card__title a").all_inner_texts()
        assert shown == [t for cat, courses in site.courses_by_category for c in courses
                         for t in [c.title] if t in expected]
        assert page.locator("[data-filter-status]").inner_text() == \
            f"Showing {len(expected)} of {len(site.courses)} courses."
        # The shared address opens with the same choice.
        page.goto(site_url + f"courses/?term={term.id}&place=online")
        assert page.locator("#filter-place").input_value() == "online"
        # Both choices must hold for one run: an online run in that term.
        online = [c for c in site.courses if any(r.term == term.id and r.online for r in c.runs)]
        assert page.locator("#prospectus li[data-filter-item]:visible").count() == len(online)
    finally:
        page.close()


@pytest.mark.browser
def test_film_loads_only_after_the_reader_asks(browser, site_url: str, site: Site) -> None:
    video = next(s for s in site.stories if s.format == "video" and s.media.url)
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # The film's host is never reached in tests; the frame's address is what matters.
    page.route("https://**/*", lambda route: route.abort())
    try:
        page.goto(site_url + f"stories/{video.id}/")
        assert page.locator("iframe").count() == 0
        assert not [url for url in requested if not url.startswith(site_url)]
        page.click("[data-embed-button]")
        frame = page.locator("iframe")
        assert frame.get_attribute("src") == video.media.url
        assert frame.get_attribute("title") == f"Film: {video.title}"
    finally:
        page.close()


def test_pages_are_the_same_with_a_new_converter_for_each_page(built_site: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The build reuses one Markdown converter for every page (build_tools/mkdocs/converters.py);
    MkDocs' own way, a new converter per page, must give every page byte for byte."""
    from build_tools.cli.build import build_site
    from build_tools.content.environment import environment
    from build_tools.mkdocs import converters

    monkeypatch.setattr(converters, "install", converters.uninstall)
    project = copy_project("full", tmp_path / "project")
    with environment(RECOVERY_TODAY=TODAY.isoformat()):
        build_site(project, tmp_path / "site", pdf=False)
    converters.uninstall()
    ours = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*.html")}
    theirs = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*.html")}
    assert len(ours) > 20
    assert sorted(ours) == sorted(theirs)
    different = [str(path) for path in ours if ours[path] != theirs[path]]
    assert different == []


def test_compiled_templates_are_reused_until_their_source_changes() -> None:
    """The preview's rebuilds reuse compiled templates (build_tools/mkdocs/compiled_templates.py),
    each build with a new environment as MkDocs makes one; an edited template is compiled again."""
    import jinja2

    from build_tools.mkdocs.compiled_templates import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    sources = {"page.html": "<p>{{ title }}</p>"}

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), autoescape=True)
        env.bytecode_cache = cache
        return env.get_template("page.html").render(title="Tea & cake")

    assert render() == "<p>Tea &amp; cake</p>"
    assert len(cache._code) == 1
    assert render() == "<p>Tea &amp; cake</p>"  # from the cache
    sources["page.html"] = "<h1>{{ title }}</h1>"
    assert render() == "<h1>Tea &amp; cake</h1>"
