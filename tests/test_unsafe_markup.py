"""Unsafe markup never reaches a reader.

1. A table of bad Markdown, each written into a story of a copy of the project, with the exact
   line ``python -m build_tools validate`` must print for it (and safe inputs that must pass).
2. ``safe_html.check_html`` on rendered HTML, for markup that appears after validation.
3. A real build in which a Markdown extension (``attr_list``) adds an event handler that the
   validator cannot see: the post-page check stops the build and names the page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from projects import FULL, copy_project

from build_tools.cli.main import main
from build_tools.mkdocs.safe_html import check_html

STORY = "stories/the-kettle-and-the-bus-stop.md"
NOT_ALLOWED_LINK = ("which is not allowed; links may only start with https://, http://, mailto: or tel:, or point "
                    "to another page of this site.")
TAG = "is not allowed in content; use Markdown instead, or ask a developer to add a safe template for it."
EMBED = "only films from www.youtube-nocookie.com or player.vimeo.com can be embedded. Link to other content instead."


# (id, Markdown appended to the story body, expected lines; {n} is the line the Markdown starts on)
CASES: list[tuple[str, str, list[str]]] = [
    ("script-tag", "<script>alert(1)</script>",
     [f"{{n}}: body <script>: the HTML tag <script> {TAG}"]),
    ("script-tag-uppercase-external", '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>',
     [f"{{n}}: body <script>: the HTML tag <script> {TAG}"]),
    ("img-onerror", '<img src="x.png" alt="" onerror="alert(1)">',
     ['{n}: body <img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.']),
    ("img-onerror-unquoted-no-alt", "<img src=x onerror=alert(1)//>",
     ['{n}: body <img alt>: an image needs alt text describing it: add alt="...", or alt="" if it is only '
      "decoration.",
      '{n}: body <img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.']),
    ("div-onclick", '<div onclick="alert(1)">x</div>',
     ['{n}: body <div onclick>: the attribute onclick="..." runs a script and is not allowed; remove it.']),
    ("details-ontoggle", '<details open ontoggle="alert(1)"><summary>x</summary></details>',
     ['{n}: body <details ontoggle>: the attribute ontoggle="..." runs a script and is not allowed; remove it.']),
    ("a-href-javascript", '<a href="javascript:alert(1)">x</a>',
     [f'{{n}}: body <a href>: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("a-href-javascript-uppercase", '<a href="JAVASCRIPT:alert(1)">x</a>',
     [f'{{n}}: body <a href>: the link "JAVASCRIPT:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("a-href-javascript-leading-space", '<a href=" javascript:alert(1)">x</a>',
     [f'{{n}}: body <a href>: the link " javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("a-href-tab-entity-in-scheme", '<a href="java&#x09;script:alert(1)">x</a>',
     [f'{{n}}: body <a href>: the link "java script:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("a-href-entity-encoded-letter", '<a href="&#106;avascript:alert(1)">x</a>',
     [f'{{n}}: body <a href>: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("a-href-vbscript", '<a href="vbscript:msgbox(1)">x</a>',
     [f'{{n}}: body <a href>: the link "vbscript:msgbox(1)" uses "vbscript:", {NOT_ALLOWED_LINK}']),
    ("a-href-file", '<a href="file:///etc/passwd">x</a>',
     [f'{{n}}: body <a href>: the link "file:///etc/passwd" uses "file:", {NOT_ALLOWED_LINK}']),
    ("markdown-link-javascript", "[x](javascript:alert(1))",
     [f'{{n}}: body link: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("markdown-link-mixed-case", "[x](JaVaScRiPt:alert(1))",
     [f'{{n}}: body link: the link "JaVaScRiPt:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("markdown-link-spaces", "[x]( javascript:alert(1) )",
     [f'{{n}}: body link: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("markdown-link-entity", "[x](&#106;avascript:alert(1))",
     [f'{{n}}: body link: the link "&#106;avascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("markdown-link-data", "[x](data:text/html;base64,PHNjcmlwdD4=)",
     [f'{{n}}: body link: the link "data:text/html;base64,PHNjcmlwdD4=" uses "data:", {NOT_ALLOWED_LINK}']),
    ("reference-style-link", "[x][evil]\n\n[evil]: javascript:alert(1)",
     [f'{{n+2}}: body link: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("autolink-javascript", "<javascript:alert(1)>",
     [f"{{n}}: body <javascript:alert(1)>: the HTML tag <javascript:alert(1)> {TAG}",
      f'{{n}}: body link: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ("img-data-url", '<img src="data:image/png;base64,AAAA" alt="x">',
     [f'{{n}}: body <img src>: the link "data:image/png;base64,AAAA" uses "data:", {NOT_ALLOWED_LINK}']),
    ("iframe-unknown-host", '<iframe src="https://evil.example/x" title="x"></iframe>',
     [f'{{n}}: body <iframe src>: embedded content from "evil.example" is not allowed; {EMBED}']),
    ("iframe-youtube-with-cookies", '<iframe src="https://www.youtube.com/embed/x" title="x"></iframe>',
     [f'{{n}}: body <iframe src>: embedded content from "www.youtube.com" is not allowed; {EMBED}']),
    ("object", '<object data="x.swf"></object>', [f"{{n}}: body <object>: the HTML tag <object> {TAG}"]),
    ("embed", '<embed src="x.swf">', [f"{{n}}: body <embed>: the HTML tag <embed> {TAG}"]),
    ("style", "<style>body{display:none}</style>", [f"{{n}}: body <style>: the HTML tag <style> {TAG}"]),
    ("style-attribute", '<p style="position:fixed">x</p>',
     ['{n}: body <p style>: the attribute "style" is not allowed on <p>; remove it.']),
    ("form", '<form action="https://evil.example"><input name="q"></form>',
     [f"{{n}}: body <form>: the HTML tag <form> {TAG}", f"{{n}}: body <input>: the HTML tag <input> {TAG}"]),
    ("svg-onload", '<svg onload="alert(1)"></svg>', [f"{{n}}: body <svg>: the HTML tag <svg> {TAG}"]),
    ("base", '<base href="https://evil.example/">', [f"{{n}}: body <base>: the HTML tag <base> {TAG}"]),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">',
     [f"{{n}}: body <meta>: the HTML tag <meta> {TAG}"]),
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">',
     [f"{{n}}: body <link>: the HTML tag <link> {TAG}"]),
    # Safe inputs: no error at all.
    ("ok-mailto", '<a href="mailto:hello@kelderbridge-recovery.example">Write to us</a>', []),
    ("ok-tel", "[Ring us](tel:+441632960210)", []),
    ("ok-relative", "[Our courses](../courses/index.md)", []),
    ("ok-anchor", "[Back up](#moving-forward)", []),
    ("ok-https", "[A leaflet](https://example.org/leaflet)", []),
    ("attr-list-event-handler", "[The group](https://example.org/){ onclick=\"steal()\" }",
     ['{n}: body {onclick}: the attribute "onclick" cannot be set with { } after a link or paragraph; remove it.']),
    ("youtube-nocookie-over-http", '<iframe src="http://www.youtube-nocookie.com/embed/abc" title="A film"></iframe>',
     ['{n}: body <iframe src>: embedded films must use a secure address; change "http://" to "https://".']),
    ("ok-youtube-nocookie", '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="A film"></iframe>', []),
    ("ok-vimeo", '<iframe src="https://player.vimeo.com/video/123" title="A film"></iframe>', []),
    ("ok-code-span", "`<script>alert(1)</script>`", []),
    ("ok-fenced-code", "```\n<script>alert(1)</script>\n```", []),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project("full", tmp_path_factory.mktemp("unsafe") / "project")


def _errors_for(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["validate", "--root", str(root), "--today", "2026-11-22"])
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{STORY}:")]


@pytest.mark.parametrize(("markdown", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validator_reports_unsafe_markdown(project: Path, capsys: pytest.CaptureFixture[str], markdown: str,
                                           expected: list[str]) -> None:
    story = project / STORY
    original = (FULL / STORY).read_text(encoding="utf-8").rstrip("\n")
    first = original.count("\n") + 3  # the body's last line, a blank line, then the new text
    story.write_text(f"{original}\n\n{markdown}\n", encoding="utf-8")
    try:
        lines = _errors_for(project, capsys)
    finally:
        story.write_text(original + "\n", encoding="utf-8")
    assert lines == [STORY + ":" + line.replace("{n+2}", str(first + 2)).replace("{n}", str(first))
                     for line in expected]


def test_case_table_is_large_enough() -> None:
    assert sum(1 for case in CASES if case[2]) >= 25


# --- the rendered HTML ---------------------------------------------------------------------

# One of the inline scripts of Material's templates (partials/javascripts/content.html).
MATERIAL_SCRIPT = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                   '(target.checked=target.name.startsWith("__tabbed_"))')

def page(content: str, outside: str = "") -> str:
    """A page shaped like Material's: theme scripts around the content article."""
    return (f"<html><head><script>{MATERIAL_SCRIPT}</script></head><body><main><div class=\"md-content\">"
            f"<article class=\"md-content__inner md-typeset\">{content}</article></div>"
            f"<script src=\"assets/javascripts/bundle.js\"></script>{outside}</main></body></html>")


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Hello</p>", []),
    ("<script>alert(1)</script>", ["<script>: a script is not allowed in a page; remove it."]),
    ('<script type="application/ld+json">{"@type": "Article"}</script>', []),
    ('<script type="text/javascript">x()</script>', ["<script>: a script is not allowed in a page; remove it."]),
    ('<a href="#top" onclick="steal()">x</a>',
     ['<a onclick>: the attribute onclick="..." runs a script and is not allowed; remove it.']),
    ('<a href="javascript:alert(1)">x</a>',
     [f'<a href>: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ('<a href="JaVa&#x0A;ScRiPt:alert(1)">x</a>',
     [f'<a href>: the link "JaVaScRiPt:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="">',
     [f'<img src>: the link "data:image/svg+xml;base64,PHN2Zz4=" uses "data:", {NOT_ALLOWED_LINK}']),
    ('<img srcset="a.png 1x, vbscript:x 2x" alt="">',
     [f'<img srcset>: the link "vbscript:x" uses "vbscript:", {NOT_ALLOWED_LINK}']),
    ('<iframe src="https://evil.example/frame" title="x"></iframe>',
     [f'<iframe src>: embedded content from "evil.example" is not allowed; {EMBED}']),
    ('<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;" title="x"></iframe>',
     ["<iframe srcdoc>: a frame's content cannot be written into the page; remove srcdoc.",
      "<iframe src>: an embedded frame needs a src on www.youtube-nocookie.com or player.vimeo.com; remove it."]),
    ('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="A film"></iframe>', []),
    ('<object data="x.swf"></object>',
     ["<object>: the HTML tag <object> is not allowed in a page; remove it."]),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     [f'<a xlink:href>: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ('<form action="javascript:alert(1)"><button>Go</button></form>',
     [f'<form action>: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}']),
    ('<a href="mailto:hello@example.org">mail</a> <a href="tel:+441632960210">ring</a> <a href="../x/">x</a>', []),
    # A stray </article> must not let what follows it escape the check.
    ("</article><script>alert(1)</script><article>",
     ["<script>: a script is not allowed in a page; remove it."]),
])
def test_check_html_on_rendered_pages(html: str, expected: list[str]) -> None:
    assert check_html(page(html)) == expected


def test_theme_scripts_outside_the_content_are_left_alone() -> None:
    assert check_html(page("<p>Story</p>", outside=f"<script>{MATERIAL_SCRIPT}</script>")) == []


def test_other_scripts_outside_the_content_are_reported() -> None:
    """The whole page is checked: a script in the navigation is no more allowed than in the content."""
    assert check_html(page("<p>Story</p>", outside="<nav><span><script>var tabs = 1;</script></span></nav>")) == [
        "<script>: a script is not allowed in a page; remove it."]


def test_a_fragment_without_the_content_article_is_checked_whole() -> None:
    assert check_html('<p onmouseover="x()">hi</p>') == [
        '<p onmouseover>: the attribute onmouseover="..." runs a script and is not allowed; remove it.']


# --- through a real build ------------------------------------------------------------------

def _build(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECOVERY_TODAY": "2026-11-22"}
    return subprocess.run([sys.executable, "-m", "build_tools", "build", "--no-pdf", "--root", str(root),
                           "--site-dir", str(site_dir)], capture_output=True, text=True, env=env, cwd=root,
                          timeout=300)


@pytest.mark.slow
def test_markup_added_by_a_markdown_extension_stops_the_build(tmp_path: Path) -> None:
    """``pymdownx.snippets`` pastes another file's HTML into a page: validation only sees the
    ``--8<--`` line, so the check of the rendered page must stop the build."""
    root = copy_project("full", tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n"),
        encoding="utf-8")
    (root / "snippets").mkdir()
    (root / "snippets" / "footer.html").write_text(
        '<a href="../courses/" onclick="alert(document.cookie)">Our courses</a>\n', encoding="utf-8")
    story = root / STORY
    story.write_text(story.read_text(encoding="utf-8").rstrip("\n") + '\n\n--8<-- "footer.html"\n',
                     encoding="utf-8")
    site_dir = tmp_path / "site"
    result = _build(root, site_dir)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{STORY}: <a onclick>: the attribute onclick=\"...\" runs a script and is not allowed; remove it." \
        in result.stdout + result.stderr
    # It is the post-page check that caught it, not validation: no content error was reported.
    assert "error(s) in content" not in result.stdout
    assert not site_dir.exists()


def test_template_output_is_escaped(tmp_path: Path) -> None:
    """A title cannot break out of an attribute: the project's templates escape what they print."""
    root = copy_project("full", tmp_path / "project")
    course = root / "courses" / "understanding-anxiety.yml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "title: Understanding Anxiety\n", "title: 'Understanding Anxiety\" onmouseover=\"alert(1)'\n"), encoding="utf-8")
    site_dir = tmp_path / "site"
    result = _build(root, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((site_dir / "courses" / "understanding-anxiety" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.find("h1").get_text(strip=True) == 'Understanding Anxiety" onmouseover="alert(1)'
    for html_file in site_dir.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        assert not [tag for tag in soup.find_all(True) if "onmouseover" in tag.attrs], html_file
