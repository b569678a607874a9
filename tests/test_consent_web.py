"""Withdrawal is complete: a story whose consent is withdrawn reaches no file of the built site."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from projects import FULL, copy_project

from build_tools.cli.build import build_site
from build_tools.site.published import load_published, load_site
from build_tools.web import search

TODAY = dt.date(2026, 11, 22)

pytestmark = pytest.mark.slow


def sample_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    copy_project("full", root)
    return root


def withdraw(story_file: Path, on: str) -> None:
    """Add ``withdrawn:`` under ``consent:`` in the story's front matter, as an editor would."""
    text = story_file.read_text(encoding="utf-8")
    changed = text.replace("\nconsent:\n", f"\nconsent:\n  withdrawn: {on}\n", 1)
    assert changed != text
    story_file.write_text(changed, encoding="utf-8")


def a_sentence(body: str) -> str:
    """A plain sentence of the story (letters, spaces and commas only) that no other page would hold."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(body.split())):
        if len(sentence) > 40 and re.fullmatch(r"[A-Za-z ,]+\.", sentence):
            return sentence.rstrip(".")
    raise AssertionError("no plain sentence found in the story")


def every_text(site_dir: Path) -> dict[Path, str]:
    found = {}
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix == ".pf_fragment":  # a page's text in the search index, compressed
            data = search.fragment_text(path).encode("utf-8")
        found[path] = data.decode("utf-8", errors="ignore")
    return found


@pytest.mark.parametrize("kind", ["written", "image"])
def test_withdrawn_story_reaches_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    monkeypatch.setenv("RECOVERY_TODAY", TODAY.isoformat())
    published = load_site(FULL, TODAY).stories
    story = next(s for s in published if s.format == kind)
    sentence = a_sentence(story.body)
    root = sample_copy(tmp_path)
    withdraw(root / story.source_path, "2026-11-01")

    site, report = load_published(root, TODAY)
    assert story.id not in {s.id for s in site.stories}
    assert story.source_path in {held.path for held in report.held_back_of("story")}

    site_dir = tmp_path / "site"
    build_site(root, site_dir, pdf=False)
    texts = every_text(site_dir)
    assert [path for path in texts if path.suffix == ".pf_fragment"]
    assert site_dir / "sitemap.xml" in texts
    assert site_dir / "stories" / "feed.xml" in texts
    assert site_dir / "courses" / "prospectus.ics" in texts
    for path, text in texts.items():
        assert story.title not in text, f"{path} names the withdrawn story"
        assert sentence not in text, f"{path} quotes the withdrawn story"
        assert f"stories/{story.id}" not in text, f"{path} links to the withdrawn story"
    assert not (site_dir / "stories" / story.id).exists()
    if story.media and story.media.file:
        assert not (site_dir / "stories" / story.media.file).exists(), "its media is not copied either"
