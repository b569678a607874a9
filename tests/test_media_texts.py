"""Transcripts and captions are read once, by the loader, with one reader for every use.

Byte-order marks and Windows or old Mac line endings are handled there, so the privacy check,
the markup check, the story page and the printed booklet all see the same text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from projects import copy_project

from build_tools.printed.print_editions import load_settings, stories_job
from build_tools.site.published import load_site
from build_tools.web.pages.stories import story_markdown

TODAY = dt.date(2026, 11, 22)
STORY = "learning-to-be-dad-again"
TRANSCRIPT = f"stories/media/{STORY}-transcript.md"
CAPTIONS = f"stories/media/{STORY}.vtt"


def test_transcript_and_captions_are_loaded_with_one_reader(tmp_path: Path) -> None:
    root = copy_project("full", tmp_path / "project")
    (root / TRANSCRIPT).write_bytes(b"\xef\xbb\xbfFirst line.\r\n\r\nSecond line,\rthird line.\r\n")
    (root / CAPTIONS).write_bytes(b"\xef\xbb\xbfWEBVTT\r\n\r\n00:00.000 --> 00:02.000\r\nHello.\r\n")
    site = load_site(root, TODAY)
    story = next(s for s in site.stories if s.id == STORY)
    assert story.transcript == "First line.\n\nSecond line,\nthird line.\n"
    assert story.captions == "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"
    assert site.transcript(story) == story.transcript

    # The web page and the printed booklet show the loaded text, not the file's bytes.
    assert story_markdown(site, story).endswith("First line.\n\nSecond line,\nthird line.")
    booklet = stories_job(site, load_settings(root), tmp_path / "stories.pdf").data
    printed = next(s for s in booklet["stories"] if s["id"] == STORY)["transcript"]
    assert printed == [{"k": "p", "c": ["First line."]}, {"k": "p", "c": ["Second line, third line."]}]
    assert "\ufeff" not in json.dumps(booklet, ensure_ascii=False) and "\r" not in json.dumps(booklet)

    # Changing the file after loading changes nothing: it was read once.
    (root / TRANSCRIPT).write_text("Something else.\n", encoding="utf-8")
    assert story_markdown(site, story).endswith("third line.")
