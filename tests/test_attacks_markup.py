"""Hostile markup reaches no output: each attack of ``attack_cases_markup.py`` in a real build.

For every attack: ``validate`` prints exactly the expected lines; an attack it refuses stops
``build`` too (nothing is written); one it accepts is built, and every output file (pages,
search index, feeds, calendars, everything else that is text) is read with a parser and no
element may show the attack. A last test loads hostile pages in Chromium with the
Content-Security-Policy as deployed: no injected script runs and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from attack_cases_markup import ATTACKS, CONFIG, STORY, TOKEN, Attack
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from projects import FULL, copy_project

from build_tools.cli.main import main

TODAY = "2026-11-22"


def _edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def apply(attack: Attack, root: Path) -> int:
    """Make the attack in the project at ``root``; returns the line the appended text starts on."""
    for path, (old, new) in attack.also:
        _edit(root, path, old, new)
    target = root / attack.path
    first = 0
    if attack.replace:
        _edit(root, attack.path, *attack.replace)
    if attack.append is not None:
        original = target.read_text(encoding="utf-8").rstrip("\n")
        first = original.count("\n") + 3  # the last line, a blank line, then the added text
        target.write_text(f"{original}\n\n{attack.append}\n", encoding="utf-8")
    return first


def expected_lines(attack: Attack, first: int) -> list[str]:
    lines = []
    for line in attack.expected:
        line = line.replace("{n+2}", str(first + 2)).replace("{n+1}", str(first + 1)).replace("{n}", str(first))
        warning = line.startswith("warning: ")
        lines.append(("warning: " if warning else "") + f"{attack.path}:" + line.removeprefix("warning: "))
    return lines


def _fragments(path: Path) -> Iterator[str]:
    """Every piece of text in an output file that a reader's software may treat as HTML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return  # pictures, PDFs, archives: no markup
    if path.suffix == ".json":
        def strings(value: Any) -> Iterator[str]:
            if isinstance(value, str):
                yield value
            elif isinstance(value, dict):
                for item in value.values():
                    yield from strings(item)
            elif isinstance(value, list):
                for item in value:
                    yield from strings(item)
        yield from strings(json.loads(text))
    elif path.suffix == ".xml":
        for element in ET.fromstring(text).iter():
            yield from [element.text or "", *element.attrib.values()]
    elif path.suffix == ".ics":
        for component in icalendar.Calendar.from_ical(text).walk():
            yield from (str(value) for value in component.values())
    else:
        yield text


def reached_outputs(site_dir: Path, reached: Any) -> list[str]:
    """``file: element`` for every element of every output file for which ``reached`` is true."""
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)  # a feed's link is a URL, not markup
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            for fragment in _fragments(path):
                for tag in BeautifulSoup(fragment, "html.parser").find_all(True):
                    if reached(tag):
                        found.append(f"{path.relative_to(site_dir)}: {str(tag)[:120]}")
    return found


def validate(root: Path, capsys: pytest.CaptureFixture[str], attack: Attack) -> list[str]:
    main(["validate", "--root", str(root), "--today", TODAY])
    out = capsys.readouterr().out
    touched = {attack.path, *(path for path, _ in attack.also)}
    return [line for line in out.splitlines()
            if line.split(":", 1)[0] in touched or line.removeprefix("warning: ").split(":", 1)[0] in touched]


def build(root: Path, site_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("RECOVERY_TODAY", TODAY)
    code = main(["build", "--no-pdf", "--root", str(root), "--site-dir", str(site_dir)])
    capsys.readouterr()
    return code


@pytest.mark.slow
@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_attack_reaches_no_output(attack: Attack, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project("full", tmp_path / "project")
    first = apply(attack, root)
    assert validate(root, capsys, attack) == expected_lines(attack, first)
    site_dir = tmp_path / "site"
    code = build(root, site_dir, capsys, monkeypatch)
    if attack.refused:
        assert code == 1
        assert not site_dir.exists()
    else:
        assert code == 0
        assert attack.reached is not None, "an attack that validation accepts needs a probe"
        assert reached_outputs(site_dir, attack.reached) == []


def test_every_refused_attack_names_its_line() -> None:
    refused = [a for a in ATTACKS if a.refused]
    assert len(refused) >= 20
    assert all(a.expected for a in refused)


def test_a_picture_on_an_allowed_host_becomes_a_link(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    attack = next(a for a in ATTACKS if a.id == "picture-on-an-allowed-host-loads-on-request")
    root = copy_project("full", tmp_path / "project")
    apply(attack, root)
    assert build(root, tmp_path / "site", capsys, monkeypatch) == 0
    page = BeautifulSoup((tmp_path / "site" / "stories" / "the-kettle-and-the-bus-stop" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    link = page.find("a", class_="rc-remote-image")
    assert link is not None
    assert (link["href"], link.get_text()) == (
        "https://images.example/heron.jpg", "Show the picture: A heron by the river (from images.example)")


# --- in the browser, with the CSP as deployed --------------------------------------------------

HOSTILE = {
    # Accepted by validation, harmless once encoded: the strongest a page can get.
    STORY: ("summary: >-\n", 'summary: >-\n  Tea" http-equiv="refresh" content="0;url=https://evil.example/\n'),
    "content/about.md": ("description: >-\n", 'description: >-\n  Tea" http-equiv="refresh" '
                         'content="0;url=https://evil.example/\n'),
    "courses/understanding-anxiety.yml": ("summary: >-\n", 'summary: >-\n  Calm" http-equiv="refresh" '
                                          'content="0;url=https://evil.example/\n'),
}


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_pages_run_no_script_and_make_no_request_elsewhere(tmp_path: Path, browser: Any,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from test_headers_browser import serve_with_headers

    root = copy_project("full", tmp_path / "project")
    for path, (old, new) in HOSTILE.items():
        _edit(root, path, old, new)
    _edit(root, CONFIG, "extra:\n", "extra:\n  image_hosts:\n    - images.example\n")
    story = root / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\n![A heron](https://images.example/heron.jpg)\n",
                     encoding="utf-8")
    site_dir = tmp_path / "site"
    assert build(root, site_dir, capsys, monkeypatch) == 0
    with serve_with_headers(site_dir) as url:
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        try:
            for address in ("stories/the-kettle-and-the-bus-stop/", "about/", "courses/understanding-anxiety/"):
                page.goto(url + address)
                page.wait_for_load_state("load")
                assert page.locator('meta[http-equiv="refresh"]').count() == 0
                assert page.url == url + address  # no refresh took the reader elsewhere
                assert page.evaluate(f"typeof window.{TOKEN}") == "undefined"
        finally:
            context.close()
    elsewhere = [r for r in requests if not r.startswith(url)]
    assert elsewhere == []


# --- print: the same allow-list -----------------------------------------------------------------

@pytest.mark.parametrize("attack", [a for a in ATTACKS if a.append], ids=[a.id for a in ATTACKS if a.append])
def test_print_cleaner_keeps_only_the_allow_list(attack: Attack) -> None:
    """What a printed edition would make of each attack's Markdown: nothing outside the allow-list,
    no attachment links, no picture from another site, no address the website would refuse."""
    from build_tools.content.rules import allowlist
    from build_tools.content.settings import load_settings
    from build_tools.printed.print_editions import markdown_html

    settings = load_settings(FULL)  # the full project's Markdown extensions, as print uses them
    soup = BeautifulSoup(str(markdown_html(attack.append or "", settings)), "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in allowlist.TAGS, tag
        assert set(tag.attrs) <= allowlist.attributes_for(tag.name), tag
        for name in set(tag.attrs) & allowlist.URL_ATTRIBUTES:
            assert allowlist.link_problem(tag[name]) is None, tag
        if tag.name == "img" and tag.has_attr("src"):
            assert allowlist.parse(tag["src"]).is_local, tag


# --- the film script ----------------------------------------------------------------------------

FILM_PAGE = """<!doctype html><html lang="en"><head><title>Films</title></head><body>
<div class="rc-embed" id="good" data-embed-src="https://www.youtube-nocookie.com/embed/abc"><button data-embed-button>Play</button></div>
<div class="rc-embed" id="backslash" data-embed-src="https://127.0.0.1:8000\\@www.youtube-nocookie.com/embed/abc"><button data-embed-button>Play</button></div>
<div class="rc-embed" id="user" data-embed-src="https://www.youtube-nocookie.com@evil.example/embed/abc"><button data-embed-button>Play</button></div>
<div class="rc-embed" id="plain" data-embed-src="http://www.youtube-nocookie.com/embed/abc"><button data-embed-button>Play</button></div>
<div class="rc-embed" id="script" data-embed-src="javascript:alert(1)"><button data-embed-button>Play</button></div>
<script src="video-embed.js" data-embed-hosts="player.vimeo.com www.youtube-nocookie.com"></script>
</body></html>"""


@pytest.mark.browser
def test_film_script_builds_a_player_only_from_an_allowed_address(tmp_path: Path, browser: Any) -> None:
    from browser import serve

    script = Path(__file__).resolve().parents[1] / "theme" / "assets" / "javascripts" / "video-embed.js"
    (tmp_path / "video-embed.js").write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "index.html").write_text(FILM_PAGE, encoding="utf-8")
    with serve(tmp_path) as url:
        page = browser.new_page()
        try:
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
            page.goto(url)
            for box in ("good", "backslash", "user", "plain", "script"):
                page.click(f"#{box} button")
            frames = {box: page.eval_on_selector(f"#{box}", "b => (b.querySelector('iframe') || {}).src || null")
                      for box in ("good", "backslash", "user", "plain", "script")}
        finally:
            page.close()
    assert frames == {"good": "https://www.youtube-nocookie.com/embed/abc", "backslash": None, "user": None,
                      "plain": None, "script": None}


def test_text_is_escaped_once_only(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every template escapes what it prints, so titles and headings Markdown already gives as
    HTML text (``Tea &amp; cake``) are printed as plain text, never escaped twice."""
    root = copy_project("full", tmp_path / "project")
    (root / "content" / "tea.md").write_text('---\ndescription: Tea.\n---\n\n# Tea & cake "club"\n\n'
                                             "Text.\n\n## Q & A\n\nMore text.\n", encoding="utf-8")
    assert build(root, tmp_path / "site", capsys, monkeypatch) == 0
    page = BeautifulSoup((tmp_path / "site" / "tea" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text() == 'Tea & cake "club" - Kelderbridge Recovery College'
    assert page.select_one(".md-header__topic[data-md-component=header-topic]").get_text(strip=True) == \
        'Tea & cake "club"'
    assert [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a")] == ["Q & A"]


# --- the checks of rendered pages, for what no validation could see -----------------------------

TRACKER_PICTURE = ('"https://tracker.example/p.gif" would be loaded from tracker.example, which tells that site who '
                   "reads this page; put the picture file beside the page and use its file name (or ask a developer "
                   "to list the host under image_hosts: in mkdocs.yml).")


@pytest.mark.parametrize(("html", "expected"), [
    # What attr_list or another extension could add, refused by name.
    ('<p style="position:fixed;inset:0">Read on.</p>',
     ['<p style>: the attribute "style" is not allowed on <p> in page content; remove it.']),
    ('<p data-embed-src="https://evil.example/">Read on.</p>',
     ['<p data-embed-src>: the attribute "data-embed-src" is not allowed on <p> in page content; remove it.']),
    ('<a href="/etc/passwd" rel="attachment">notes</a>',
     ['<a rel>: the attribute "rel" is not allowed on <a> in page content; remove it.']),
    ('<a href="#x" onclick="steal()">x</a>',
     ['<a onclick>: the attribute onclick="..." runs a script and is not allowed; remove it.']),
    ('<img src="https://tracker.example/p.gif" alt="">', [f"<img src>: the picture {TRACKER_PICTURE}"]),
    ('<iframe src="https://127.0.0.1:8000\\@www.youtube-nocookie.com/embed/abc" title="A film"></iframe>',
     ['<iframe src>: embedded content from "127.0.0.1" is not allowed; only films from www.youtube-nocookie.com '
      "or player.vimeo.com can be embedded. Link to other content instead."]),
    ("<style>p{display:none}</style>", ["<style>: the HTML tag <style> is not allowed in page content; remove it."]),
    # Comments end where a browser ends them.
    ('<!--><img src="x.png" onerror="a()" alt="">-->',
     ['<img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.']),
    ('<!-- x --!><img src="x.png" onerror="a()" alt="">',
     ['<img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.']),
    ('<![CDATA[><img src="x.png" onerror="a()" alt="">]]>',
     ['<img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.']),
    ('<!-- <img src="x.png" onerror="a()" alt=""> -->', []),
    # What the site's Markdown extensions write themselves is allowed.
    ('<table><tr><th style="text-align: left;">a</th><td style="text-align: right;">1</td></tr></table>', []),
    ('<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>', []),
    ('<details class="tip" open="open"><summary>x</summary><p>y</p></details>', []),
    ('<img src="https://images.example/heron.jpg" alt="A heron">', []),
])
def test_content_check_allows_by_name(html: str, expected: list[str]) -> None:
    from build_tools.mkdocs.safe_html import content_problems

    assert content_problems(html, frozenset({"images.example"})) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ('<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head></html>',
     ['<meta http-equiv>: http-equiv="refresh" is not allowed in a page; remove it.']),
    ("<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"></head></html>", []),
    ('<html><head><link rel="stylesheet" href="https://evil.example/x.css"></head></html>',
     ['<link href>: "https://evil.example/x.css" would be loaded from evil.example with the page; a page may only '
      "load this site's own files."]),
    ('<html><head><link rel="canonical" href="https://kelderbridge-recovery.example/"></head></html>', []),
    ('<html><head><script src="https://evil.example/x.js"></script></head></html>',
     ['<script src>: "https://evil.example/x.js" would be loaded from evil.example with the page; a page may only '
      "load this site's own files."]),
    ("<html><body><nav><span class=\"md-status\"><script>steal()</script></span></nav></body></html>",
     ["<script>: a script is not allowed in a page; remove it."]),
    ('<html><head><base href="https://evil.example/"></head></html>',
     ["<base>: the HTML tag <base> is not allowed in a page; remove it."]),
    ('<html><body><nav><a href="javascript:steal()">Home</a></nav></body></html>',
     ['<a href>: the link "javascript:steal()" uses "javascript:", which is not allowed; links may only start '
      "with https://, http://, mailto: or tel:, or point to another page of this site."]),
    ('<html><body><script type="application/json" id="__config">{"base": ".."}</script></body></html>', []),
    # A template's contents are no part of the parsed page, so the template itself is refused.
    ("<html><body><template><script>steal()</script></template></body></html>",
     ["<template>: the HTML tag <template> is not allowed in a page; remove it."]),
    ('<html><body><svg><a xlink:href="javascript:steal()"><text>x</text></a></svg></body></html>',
     ['<a xlink:href>: the link "javascript:steal()" uses "javascript:", which is not allowed; links may only '
      "start with https://, http://, mailto: or tel:, or point to another page of this site."]),
    # Attribute names are read as a browser reads them: case-insensitively.
    ("<html><body><img src=/a.png ONERROR=steal()></body></html>",
     ['<img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.']),
    # A script never closed runs to the end of the page.
    ("<html><body><p>Story</p><script>steal()", ["<script>: a script is not allowed in a page; remove it."]),
])
def test_whole_page_check(html: str, expected: list[str]) -> None:
    from build_tools.mkdocs.safe_html import check_html

    assert check_html(html) == expected


def test_materials_own_inline_scripts_are_the_theme_s(built_site: Path) -> None:
    """The inline scripts Material writes (read from its installed templates) and the project's
    theme's are allowed, with the page's base address filled in; the same script with anything
    else in that place is not."""
    from build_tools.mkdocs.safe_html import MATERIAL_TEMPLATES, is_theme_script

    theme_dirs = (str(built_site.parent / "theme"), str(MATERIAL_TEMPLATES))
    page = BeautifulSoup((built_site / "stories" / "the-kettle-and-the-bus-stop" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    inline = [s.get_text() for s in page.find_all("script") if not s.has_attr("src") and not s.has_attr("type")]
    assert len(inline) >= 3
    assert all(is_theme_script(text, theme_dirs) for text in inline)
    assert not all(is_theme_script(text) for text in inline)  # the theme's own (js-class.html) is not Material's
    scope = next(text for text in inline if text.startswith('__md_scope=new URL("../.."'))
    assert not is_theme_script(scope.replace('"../.."', '"../.."+steal()+""', 1), theme_dirs)
