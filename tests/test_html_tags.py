"""The markup check's tag tokenizer: at least every tag html.parser finds, and the tags of both
readings (browser and Markdown) where they differ."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from build_tools.content.rules.html_tags import start_tags


class _Reference(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, str | None]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found |= {(tag, None)} | {(tag, name) for name, _ in attrs}


def _names(text: str) -> set[tuple[str, str | None]]:
    return {(tag, None) for _, tag, _ in start_tags(text)} | {
        (tag, name) for _, tag, attributes in start_tags(text) for name, _ in attributes}


PIECES = ["<", ">", "/", "!", "-", "?", '"', "'", "=", " ", "\n", "a", "img", "script", "onerror", "src", "&", ";",
          "<!--", "-->", "--!>", "`", "\t"]


def test_every_tag_and_attribute_html_parser_finds_is_found() -> None:
    chooser = random.Random(14)
    for _ in range(5000):
        text = "".join(chooser.choice(PIECES) for _ in range(chooser.randint(1, 25)))
        reference = _Reference()
        reference.feed(text)
        reference.close()
        assert reference.found <= _names(text), text


@pytest.mark.parametrize(("text", "expected"), [
    ('<a href="x>y" onclick=1>', [(1, "a", [("href", "x>y"), ("onclick", "1")])]),
    ("<IMG SRC=x Alt>", [(1, "img", [("src", "x"), ("alt", None)])]),
    ("<p title='&lt;b&gt; &amp; c'>", [(1, "p", [("title", "<b> & c")])]),
    ("first\n<!-- <script> -->", [(2, "script", [])]),   # Markdown may show an unclosed comment as text
    ("<!x <iframe>", [(1, "iframe", [])]),
    ("text <script src=x", [(1, "script", [("src", "x")])]),   # the page around may close the tag
    ('<a title="<img src=x onerror=alert(1)>">', [
        (1, "a", [("title", "<img src=x onerror=alert(1)>")]),
        (1, "img", [("src", "x"), ("onerror", "alert(1)")]),   # Markdown passes this one on as a tag
    ]),
    ("a < b, 3 <4, </ x>, <>", []),
])
def test_tags_of_both_readings(text: str, expected: list[tuple[int, str, list[tuple[str, str | None]]]]) -> None:
    assert start_tags(text) == expected
