"""Editors' Markdown as the JSON tree the print templates lay out: a closed list of node kinds.

Each case renders Markdown with the full fixture project's extensions and the website's
allow-list (:func:`build_tools.printed.print_editions.markdown_tree`) and compares the whole tree.
"""

from __future__ import annotations

import pytest
from projects import FULL

from build_tools.content.settings import load_settings
from build_tools.printed.markdown_tree import KINDS, ZERO_WIDTH_SPACE, html_tree
from build_tools.printed.print_editions import markdown_tree

SETTINGS = load_settings(FULL)

CASES = [
    pytest.param("Plain *words* and **strong** ones.",
                 [{"k": "p", "c": ["Plain ", {"k": "em", "c": ["words"]}, " and ", {"k": "strong", "c": ["strong"]},
                                   " ones."]}], id="inline"),
    pytest.param("- one\n- two\n\nThen:\n\n1. three\n",
                 [{"k": "ul", "c": [{"k": "li", "c": ["one"]}, {"k": "li", "c": ["two"]}]}, {"k": "p", "c": ["Then:"]},
                  {"k": "ol", "start": 1, "c": [{"k": "li", "c": ["three"]}]}], id="lists"),
    pytest.param("[a page](https://example.org/x) and [a file](file:///etc/passwd) and [here](#top)",
                 [{"k": "p", "c": [{"k": "link", "href": "https://example.org/x", "c": ["a page"]}, " and ",
                                   {"k": "link", "href": None, "c": ["a file"]}, " and ",
                                   {"k": "link", "href": None, "c": ["here"]}]}],
                 id="links-by-allow-list"),
    pytest.param("> Said *once*.\n",
                 [{"k": "quote", "c": [{"k": "p", "c": ["Said ", {"k": "em", "c": ["once"]}, "."]}]}], id="quote"),
    pytest.param("#### Deep\n\ntext\n\n## Back up\n",
                 [{"k": "h", "level": 2, "c": ["Deep"]}, {"k": "p", "c": ["text"]},
                  {"k": "h", "level": 2, "c": ["Back up"]}], id="headings-never-skip-a-level"),
    pytest.param("| A | B |\n|---|---|\n| 1 | 2 |\n",
                 [{"k": "table", "columns": 2,
                   "head": [[{"header": True, "span": 1, "c": ["A"]}, {"header": True, "span": 1, "c": ["B"]}]],
                   "body": [[{"header": False, "span": 1, "c": ["1"]}, {"header": False, "span": 1, "c": ["2"]}]]}],
                 id="table"),
    pytest.param('<details><summary>More</summary>Hidden <span class="x">text</span></details>',
                 ["More", "Hidden ", "text"], id="unknown-kinds-keep-their-text"),
    pytest.param("`#read(\"/etc/passwd\")`",
                 [{"k": "p", "c": [{"k": "code", "text": '#read("/etc/passwd")'}]}], id="code-is-text"),
]


@pytest.mark.parametrize(("markdown", "expected"), CASES)
def test_markdown_becomes_a_tree_of_known_kinds(markdown: str, expected: list) -> None:
    assert markdown_tree(markdown, SETTINGS) == expected


def test_every_kind_is_one_the_templates_lay_out() -> None:
    # theme/prospectus/common.typ, md(): each of these has its own branch; "span" keeps only children.
    laid_out = {"p", "h", "em", "strong", "strike", "underline", "mark", "sub", "sup", "small", "code", "pre",
                "q", "link", "ul", "ol", "li", "quote", "dl", "dt", "dd", "br", "hr", "picture", "table", "tr",
                "th", "td", "figure", "caption", "thead"}
    assert set(KINDS.values()) <= laid_out


def test_headings_sit_below_the_heading_they_are_printed_under() -> None:
    assert html_tree("<h2>A</h2><h3>B</h3>", top=2) == [{"k": "h", "level": 3, "c": ["A"]},
                                                       {"k": "h", "level": 4, "c": ["B"]}]


def test_a_long_word_gets_invisible_break_points() -> None:
    word = "x" * 95
    [paragraph] = markdown_tree(word, SETTINGS)
    assert paragraph["c"][0].split(ZERO_WIDTH_SPACE) == ["x" * 30] * 3 + ["x" * 5]
