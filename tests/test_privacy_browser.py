"""Privacy in a real browser: opening any page of the built site makes no request to any host
but the site's own, and leaves no cookie. A film hosted elsewhere loads only when asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import html_pages, open_page, page_file

pytestmark = pytest.mark.browser


def recording_context(browser: Any, site_url: str) -> tuple[Any, list[str]]:
    """A browser context that records every request (pages, workers, media) and lets only the
    site's own through: nothing in a test ever reaches another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    own = urlsplit(site_url).netloc

    def record(request: Any) -> None:
        requested.append(request.url)

    def only_own(route: Any) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort()

    context.on("request", record)
    context.route("**/*", only_own)
    return context, requested


def third_party(requested: list[str], site_url: str) -> list[str]:
    own = urlsplit(site_url).netloc
    return [url for url in requested if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]


def test_no_page_requests_another_host_or_sets_a_cookie(browser: Any, built_site: Path, site_url: str) -> None:
    pages = html_pages(built_site)
    assert len(pages) > 40, f"expected the whole sample site, found only {len(pages)} pages"
    context, requested = recording_context(browser, site_url)
    page = context.new_page()
    problems = []
    try:
        for address in pages:
            start = len(requested)
            open_page(page, site_url, built_site, address)
            # Bring lazy images and anything loaded on scroll into play, then let the page settle.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            problems += [f"/{address}: {url}" for url in third_party(requested[start:], site_url)]
        cookies = context.cookies()
        document_cookie = page.evaluate("document.cookie")
    finally:
        context.close()
    assert len(requested) > len(pages), "the browser recorded no requests: the check did not run"
    assert not problems, "requests to other hosts:\n" + "\n".join(problems)
    assert cookies == [] and document_cookie == "", f"cookies were set: {cookies} {document_cookie!r}"


def test_search_stays_on_the_site(browser: Any, site_url: str) -> None:
    """The search runs in the reader's browser, from the site's own index."""
    context, requested = recording_context(browser, site_url)
    page = context.new_page()
    try:
        page.goto(site_url)
        page.locator("[data-rc-search-toggle]").click()
        page.keyboard.type("anxiety")
        page.locator("[data-rc-search-results] a").first.wait_for()
        results = page.locator("[data-rc-search-results] a").count()
    finally:
        context.close()
    assert results > 0
    assert any(urlsplit(url).path.endswith(".pf_fragment") for url in requested)
    assert third_party(requested, site_url) == []


def film_pages(site_dir: Path) -> list[str]:
    from bs4 import BeautifulSoup

    return [a for a in html_pages(site_dir)
            if BeautifulSoup(page_file(site_dir, a).read_text(encoding="utf-8"), "html.parser").select("[data-embed-src]")]


def test_a_film_from_another_host_loads_only_when_asked(browser: Any, built_site: Path, site_url: str) -> None:
    pages = film_pages(built_site)
    assert pages, "the sample site should have a story told in an embedded film"
    context, requested = recording_context(browser, site_url)
    page = context.new_page()
    try:
        page.goto(site_url + pages[0])
        page.wait_for_load_state("networkidle")
        before = third_party(requested, site_url)
        frames_before = page.locator("iframe").count()
        film = page.locator("[data-embed-src]").first.get_attribute("data-embed-src")
        button = page.get_by_role("button", name="Load and play the film")
        button.focus()
        page.keyboard.press("Enter")
        page.locator("iframe").first.wait_for(state="attached")
        frame_src = page.locator("iframe").first.get_attribute("src")
        page.wait_for_load_state("networkidle")
        after = third_party(requested, site_url)
    finally:
        context.close()
    assert (before, frames_before) == ([], 0)
    assert frame_src == film
    assert urlsplit(film).netloc in {"www.youtube-nocookie.com", "player.vimeo.com"}
    # The reader asked: now, and only now, the film's host is contacted.
    assert after and urlsplit(after[0]).netloc == urlsplit(film).netloc, after
