"""One scanner decides which Markdown lines are fenced code, for every check that reads lines.

A fence counts as code only where the site's Markdown also renders it as code, so a line the
checks skip is never shown as HTML: the expectations here are checked against Python-Markdown
with the extensions of the fixture project's mkdocs.yml.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from projects import FIXTURES

from build_tools.content.markdown_lines import code_lines
from build_tools.content.rules.wording import wording_warnings
from build_tools.content.settings import read_config
from build_tools.web.pages.stories import deeper_headings


def _extensions() -> list[str]:
    config = read_config(FIXTURES / "full")
    return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]

# (id, text, which lines are code)
CASES = [
    ("four-backticks-around-three", "````\n```\n# Not a heading\n```\n````\n# A heading",
     [True, True, True, True, True, False]),
    ("tildes-around-backticks", "~~~\n```\nsuffers from\n~~~\nsuffers from",
     [True, True, True, True, False]),
    ("language-name", "```python\nx = 1\n```", [True, True, True]),
    ("unclosed-is-text", "```\n<form>\n", [False, False, False]),
    ("escaped-close-is-no-close", "```\n<style>\n\\```", [False, False, False]),
    ("longer-close-is-no-close", "```\n<style>\n````", [False, False, False]),
    ("options-after-fence-are-text", "``` {onclick=x}\n<style>\n```", [False, False, False]),
    ("backtick-in-info-is-text", "``` a`b\n<style>\n```", [False, False, False]),
    ("outdented-line-ends-an-indented-fence", "  ```\n<style>\n  ```", [False, False, False]),
    ("indented-fence", "  ```\n  <style>\n  ```", [True, True, True]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_code_lines(text: str, expected: list[bool]) -> None:
    assert code_lines(text.split("\n")) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_code_lines_agree_with_the_renderer(text: str, expected: list[bool]) -> None:
    """No line taken for code is rendered as anything but code."""
    soup = BeautifulSoup(markdown.markdown(text, extensions=_extensions()), "html.parser")
    code_text = "".join(code.get_text() for code in soup.find_all("code"))
    for line, is_code in zip(text.split("\n"), expected):
        if is_code and line.strip() and not line.strip().startswith(("```", "~~~")):
            assert line.strip() in code_text


def test_story_headings_deepened_outside_code_only() -> None:
    text = "````\n```\n# Inside the code\n```\n````\n\n# After the code"
    assert deeper_headings(text) == "````\n```\n# Inside the code\n```\n````\n\n## After the code"


def test_wording_check_reads_the_text_not_the_code() -> None:
    text = "~~~\n```\nShe suffers from anxiety.\n~~~\nHe suffers from anxiety."
    warnings = [str(w) for w in wording_warnings(text, "content/about.md", 10, "body")]
    assert warnings == ['warning: content/about.md:14: body: "suffers from": say "lives with" or "has experience of" '
                        'rather than "suffers from" (person-first, hopeful language).']

