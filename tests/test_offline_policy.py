"""The offline copy, opened from ``file://`` where no server sends headers, is held to the same
Content-Security-Policy by the ``<meta>`` element in each page, and search still works."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY
from projects import copy_project

from build_tools.cli.build import build_with_offline_pack
from build_tools.web.offline import FOLDER_IN_ZIP

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective));
"""


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full fixture's offline.zip, unzipped as a reader would."""
    base = tmp_path_factory.mktemp("offline")
    project = copy_project("full", base / "project")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("RECOVERY_TODAY", TODAY)
    try:
        archive = build_with_offline_pack(project, base / "site", base / "offline", pdf=False)
    finally:
        monkeypatch.undo()
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(base / "unzipped")
    return base / "unzipped" / FOLDER_IN_ZIP


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.slow
def test_every_offline_page_carries_the_policy(offline_copy: Path) -> None:
    pages = sorted(offline_copy.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, path
        assert "script-src 'self'" in metas[0]["content"]
        assert "'unsafe-inline'" not in metas[0]["content"]


@pytest.mark.browser
@pytest.mark.slow
def test_offline_search_works_under_the_policy(tab: Any, offline_copy: Path) -> None:
    tab.goto((offline_copy / "index.html").as_uri(), wait_until="load")
    tab.locator("input.md-search__input").click()
    tab.keyboard.type("anxiety")
    tab.wait_for_selector(".md-search-result__item", timeout=15_000)
    titles = tab.locator(".md-search-result__item").all_inner_texts()
    assert any("anxiety" in title.lower() for title in titles)
    assert tab.evaluate("window.__csp") == []


@pytest.mark.browser
@pytest.mark.slow
def test_a_script_that_got_into_an_offline_page_does_not_run(tab: Any, offline_copy: Path) -> None:
    page = offline_copy / "about.html"
    html = page.read_text(encoding="utf-8")
    hostile = '<script>window.__ran = true;</script><img src="x.png" onerror="window.__ran = true">'
    page.write_text(html.replace("</article>", hostile + "</article>", 1), encoding="utf-8")
    tab.goto(page.as_uri(), wait_until="load")
    tab.wait_for_function("window.__csp.length >= 2")
    assert tab.evaluate("window.__ran === undefined")
    assert set(tab.evaluate("window.__csp")) == {"script-src-elem", "script-src-attr"}
