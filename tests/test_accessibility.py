"""Accessibility of the built sample site: axe-core's WCAG 2.2 A and AA rules on every page in
both colour schemes, pa11y's HTML_CodeSniffer WCAG 2 AA rules on every page in both schemes at
phone and desktop widths, content notes and crisis support as real disclosure components, and
captions, transcripts and text alternatives for media."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import (
    CHROMIUM,
    PA11Y,
    SCHEMES,
    describe_violations,
    html_pages,
    is_redirect,
    open_page,
    pa11y_findings,
    page_file,
    require,
    require_node,
    run_axe,
)
from bs4 import BeautifulSoup
from projects import FULL, copy_project

REPO = Path(__file__).resolve().parents[1]


def soup_of(site_dir: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site_dir, address).read_text(encoding="utf-8"), "html.parser")


def story_addresses(site_dir: Path) -> list[str]:
    return [a for a in html_pages(site_dir) if a.startswith("stories/") and a != "stories/"]


# --- axe-core over every page ---------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_passes_axe_wcag_aa(scheme: str, browser: Any, built_site: Path, site_url: str) -> None:
    """Zero violations of axe-core's rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa.

    The dark scheme is the reader's system setting (prefers-color-scheme: dark), which
    mkdocs.yml's palette follows; the page must then really be in Material's "slate" scheme.
    """
    pages = html_pages(built_site)
    assert len(pages) > 40, f"expected the whole sample site, found only {len(pages)} pages"
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    wrong_scheme: list[str] = []
    try:
        for address in pages:
            open_page(page, site_url, built_site, address)
            if not is_redirect(built_site, address):
                shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                if shown != SCHEMES[scheme]:
                    wrong_scheme.append(f"/{address}: {shown}")
            problems += describe_violations(address, run_axe(page))
    finally:
        context.close()
    assert not wrong_scheme, f"pages not shown in the {scheme} scheme ({SCHEMES[scheme]}): {wrong_scheme}"
    assert not problems, f"{len(problems)} axe-core violation(s) in the {scheme} scheme:\n" + "\n".join(problems)


@pytest.mark.browser
def test_every_page_passes_pa11y_htmlcs_wcag2aa(built_site: Path, site_url: str) -> None:
    """Zero errors from pa11y's HTML_CodeSniffer runner (standard WCAG2AA) on every page, in the
    light and dark schemes at 360 and 1280 px wide, one Chromium for them all. Each error is one
    line: page, code (with the views it was found in), message, and where (CSS selector)."""
    require(CHROMIUM, PA11Y)
    require_node()
    pages = html_pages(built_site)
    assert len(pages) > 40, f"expected the whole sample site, found only {len(pages)} pages"
    problems = [f"/{f.address}: {f.rule.removeprefix('pa11y ')}: {f.message} ({f.selector})"
                for f in pa11y_findings(site_url, built_site, pages)]
    assert not problems, f"{len(problems)} pa11y error(s):\n" + "\n".join(problems)


# --- content notes and crisis support -------------------------------------------------------

def test_content_notes_come_before_the_story(built_site: Path) -> None:
    """On every story with content notes, a <details> whose <summary> names the notes comes
    before the story itself, and holds the crisis support numbers."""
    with_notes = 0
    for address in story_addresses(built_site):
        article = soup_of(built_site, address).select_one("article.md-content__inner")
        notes = article.select_one("details.rc-content-notes")
        if notes is None:
            continue
        with_notes += 1
        summary = notes.find("summary")
        assert summary is not None and notes.find(True) is summary, f"/{address}: the <summary> must come first"
        assert summary.get_text(" ", strip=True).startswith("Content notes:"), f"/{address}: {summary.get_text()!r}"
        story = article.select_one("#story")
        assert story is not None, f"/{address}: no story body (#story)"
        order = [tag for tag in article.find_all(True) if tag is notes or tag is story]
        assert order == [notes, story], f"/{address}: the content notes must come before the story"
        assert notes.select_one(".rc-crisis li") is not None, f"/{address}: no crisis support in the content notes"
    assert with_notes >= 3, "the sample site should have several stories with content notes"


def crisis_lines(soup: BeautifulSoup) -> list[str]:
    """The crisis support lines shown inside a story's content notes, as plain text."""
    return [li.get_text(" ", strip=True) for li in soup.select("details.rc-content-notes .rc-crisis li")]


def shows(line: str, entry: dict[str, str]) -> bool:
    """A line shows a crisis_support entry: its name, then its contact, then any detail."""
    parts = [entry["name"], entry["contact"], entry.get("detail") or ""]
    at = 0
    for part in parts:
        at = line.find(part, at)
        if at == -1:
            return False
    return True


def test_crisis_numbers_come_from_mkdocs_yml(built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The numbers are extra.crisis_support in mkdocs.yml: a college that changes them there sees
    its own numbers beside every content note."""
    from build_tools.cli.build import build_site
    from build_tools.content.settings import load_settings

    configured = load_settings(FULL).crisis_support
    story = next(a for a in story_addresses(built_site) if soup_of(built_site, a).select_one("details.rc-content-notes"))
    lines = crisis_lines(soup_of(built_site, story))
    assert len(lines) == len(configured), lines
    for line, entry in zip(lines, configured):
        assert shows(line, entry), f"/{story}: {line!r} does not show {entry}"

    # The same project with other numbers, set in a mkdocs.yml that inherits the real one.
    project = copy_project("full", tmp_path / "project")
    (project / "mkdocs.yml").rename(project / "mkdocs-base.yml")
    (project / "mkdocs.yml").write_text(
        "INHERIT: mkdocs-base.yml\n"
        "extra:\n"
        "  crisis_support:\n"
        "    - name: Northfield Night Line\n"
        "      contact: 0800 555 0199\n"
        "      detail: listening, 6pm to 6am\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("RECOVERY_TODAY", "2026-11-22")
    build_site(project, tmp_path / "site", pdf=False)
    other = {"name": "Northfield Night Line", "contact": "0800 555 0199", "detail": "listening, 6pm to 6am"}
    lines = crisis_lines(soup_of(tmp_path / "site", story))
    assert len(lines) == 1 and shows(lines[0], other), lines


@pytest.mark.browser
def test_content_notes_are_announced_as_a_disclosure(browser: Any, built_site: Path, site_url: str) -> None:
    """Screen readers meet the content notes as a collapsed disclosure named by the notes, and
    hear it expand when opened from the keyboard (Chromium's accessibility tree, as assistive
    technology reads it)."""
    story = next(a for a in story_addresses(built_site) if soup_of(built_site, a).select_one("details.rc-content-notes"))
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + story)
        cdp = context.new_cdp_session(page)

        def disclosure() -> dict[str, Any]:
            nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
            found = [n for n in nodes if n.get("role", {}).get("value") == "DisclosureTriangle"
                     and n.get("name", {}).get("value", "").startswith("Content notes:")]
            assert len(found) == 1, f"/{story}: expected one content notes disclosure, found {len(found)}"
            return {p["name"]: p["value"].get("value") for p in found[0].get("properties", [])}

        assert disclosure()["expanded"] is False
        page.locator("details.rc-content-notes > summary").focus()
        page.keyboard.press("Enter")
        assert disclosure()["expanded"] is True
        assert page.locator("details.rc-content-notes .rc-crisis").is_visible()
    finally:
        context.close()


# --- media: captions, transcripts, text alternatives ----------------------------------------

def test_films_and_recordings_have_captions_and_a_transcript(built_site: Path) -> None:
    checked = {"video": 0, "audio": 0, "embed": 0}
    for address in story_addresses(built_site):
        story = soup_of(built_site, address).select_one("#story")
        if story is None:
            continue
        for video in story.find_all("video"):
            checked["video"] += 1
            assert video.select_one('track[kind="captions"]'), f"/{address}: a <video> needs <track kind=\"captions\">"
        for embed in story.select("[data-embed-src]"):
            checked["embed"] += 1
            caption = embed.find_parent("figure").find("figcaption")
            assert caption is not None and "captions" in caption.get_text(), f"/{address}: say whether the film has captions"
            assert embed.find("iframe") is None, f"/{address}: an embedded film must load only when asked"
        checked["audio"] += len(story.find_all("audio"))
        if story.find(["video", "audio"]) or story.select("[data-embed-src]"):
            transcript = story.select_one("#transcript")
            assert transcript is not None, f"/{address}: a film or recording needs a transcript on the page"
            following = transcript.find_next_siblings("p")
            assert following and len(" ".join(p.get_text() for p in following)) > 200, f"/{address}: the transcript is empty"
    assert checked["embed"] + checked["video"] >= 1 and checked["audio"] >= 1, f"no media in the sample stories: {checked}"


def test_every_image_has_a_text_alternative_or_is_marked_decorative(built_site: Path) -> None:
    missing = []
    for address in html_pages(built_site):
        for img in soup_of(built_site, address).find_all("img"):
            if img.get("alt") is None:
                missing.append(f"/{address}: {img.get('src')}")
            # Posters behind a "play" button repeat the film's title: decorative.
            if "rc-embed__poster" in img.get("class", []):
                assert img["alt"] == "", f"/{address}: a film's poster is decorative and needs alt=\"\""
    assert not missing, "images without alt (use alt=\"\" for decoration):\n" + "\n".join(missing)


# --- the accessibility statement ------------------------------------------------------------

def test_the_accessibility_statement_follows_the_uk_model(built_site: Path) -> None:
    """GOV.UK's sample statement: compliance status, non-accessible content, how it was tested
    and when, feedback and contact, and the enforcement procedure (EHRC, EASS)."""
    import json

    article = soup_of(built_site, "accessibility/").select_one("article.md-content__inner")
    headings = [h.get_text(" ", strip=True) for h in article.find_all(["h1", "h2", "h3"])]
    for required in ("How accessible this website is", "Feedback and contact information",
                     "Reporting accessibility problems with this website", "Enforcement procedure",
                     "Compliance status", "Non-accessible content", "Disproportionate burden",
                     "What we're doing to improve accessibility", "Preparation of this accessibility statement"):
        assert required in headings, f"the statement has no section {required!r}: {headings}"
    text = " ".join(article.get_text(" ", strip=True).split())
    assert "Equality Advisory and Support Service (EASS)" in text
    # Filled in by the build: the date of the last automated check and the checkers' versions.
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert "This website was last tested on 22 November 2026 against the WCAG 2.2 AA standard." in text
    assert f"axe-core version {pinned['axe-core']} checks every page" in text
    assert f"pa11y version {pinned['pa11y']}, with HTML_CodeSniffer, checks every page" in text
    assert f"Nu HTML Checker version {pinned['vnu-jar']} checks" in text
    assert "%%" not in text


def test_the_statement_date_and_versions_are_filled_in_at_build_time(tmp_path: Path) -> None:
    import datetime as dt

    from build_tools.web.statement import fill

    (tmp_path / "package.json").write_text('{"devDependencies": {"axe-core": "9.9.9", "pa11y": "11.0.1", "vnu-jar": "30.1.2"}}')
    markdown = "Tested on %%LAST_CHECKED%% with axe-core %%AXE_CORE_VERSION%%, pa11y %%PA11Y_VERSION%% and %%NU_CHECKER_VERSION%%."
    assert fill(markdown, dt.date(2027, 3, 5), tmp_path) == "Tested on 5 March 2027 with axe-core 9.9.9, pa11y 11.0.1 and 30.1.2."
    assert fill(markdown, dt.date(2027, 3, 5), tmp_path / "elsewhere") == \
        "Tested on 5 March 2027 with axe-core pinned, pa11y pinned and pinned."
