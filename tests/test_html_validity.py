"""Every built page is valid HTML according to the W3C Nu HTML checker (npm package vnu-jar).

One Java run checks the whole site; the failure message lists each error as
``page:line:column: message``, with the offending markup.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import VNU_JAR, require, require_java

from build_tools.cli.checkers import run_nu_checker

pytestmark = pytest.mark.browser


def run_checker(site_dir: Path) -> tuple[list[Path], list[dict]]:
    """Check every HTML file under ``site_dir``: the files checked, and the checker's messages."""
    require_java()
    require(VNU_JAR)
    try:
        return run_nu_checker(site_dir)
    except RuntimeError as exc:
        pytest.fail(str(exc))


def describe(message: dict, site_dir: Path) -> str:
    page = message.get("url", "").removeprefix("file:").removeprefix(str(site_dir)).lstrip("/")
    where = f"{page}:{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
    extract = " ".join(message.get("extract", "").split())
    return f"{where}: {message['message']}\n    {extract}"


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40, f"expected the whole sample site, found only {len(pages)} pages"
    checked, messages = run_checker(built_site)
    assert sorted(checked) == pages, "the Nu HTML checker did not check every page"
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    pages_with_errors = len({m.get("url") for m in errors})
    assert not errors, f"{len(errors)} HTML error(s) on {pages_with_errors} page(s):\n" + "\n".join(
        describe(m, built_site) for m in errors
    )
