"""The last safety net: the rendered content of every page obeys the same allow-list as its source.

``markup.check_markdown`` rejects unsafe raw HTML and links while validating, with a line
number. Markdown extensions, templates and page generators still produce HTML after that
check (``attr_list`` can add any attribute to a link, for example), so the plugin runs
:func:`check_html` on every page as it is written and stops the build if a script, an event
handler, a ``javascript:`` link or a frame from an unknown host reached the content area.

Only the content area is checked (Material puts it in ``<article class="md-content__inner">``):
the theme's own scripts around it are legitimate.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from build_tools.content.rules.markup import URL_ATTRIBUTES, embed_problem, link_problem

CONTENT_CLASS = "md-content__inner"
CONTENT_AREA_START = f'<article class="{CONTENT_CLASS}'
# Attributes that hold an address in rendered HTML, beyond those editors may write.
RENDERED_URL_ATTRIBUTES = URL_ATTRIBUTES | {"action", "formaction", "poster", "data", "xlink:href", "background"}
# Elements that load or run code, or change where links lead; never legitimate in content.
NEVER_IN_CONTENT = frozenset({"object", "embed", "applet", "base", "frame", "frameset"})
# Script types that are data, not code: browsers never run them (structured data for search engines).
DATA_SCRIPT_TYPES = frozenset({"application/ld+json"})
# Browsers ignore control characters and spaces inside an address ("java\tscript:"); so do the
# messages, which must stay on one line.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _ContentScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.started = False
        self.event = 0
        # (event number, message) for everything unsafe after the content area starts.
        self.candidates: list[tuple[int, str]] = []
        self.article_ends: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.event += 1
        values = {name: value or "" for name, value in attrs}
        if tag == "article" and CONTENT_CLASS in values.get("class", "").split():
            self.started = True
        if self.started:
            for message in _tag_problems(tag, attrs, values):
                self.candidates.append((self.event, message))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.event += 1
        if tag == "article" and self.started:
            self.article_ends.append(self.event)

    def problems(self) -> list[str]:
        # The content area ends at the *last* </article>: a stray </article> inside the content
        # must not let what follows it escape the check.
        end = self.article_ends[-1] if self.article_ends else self.event + 1
        return [message for event, message in self.candidates if event < end]


def _tag_problems(tag: str, attrs: list[tuple[str, str | None]], values: dict[str, str]) -> list[str]:
    found: list[str] = []
    if tag == "script" and values.get("type", "").strip().lower() not in DATA_SCRIPT_TYPES:
        found.append("<script>: a script is not allowed in page content; remove it.")
    if tag in NEVER_IN_CONTENT:
        found.append(f"<{tag}>: the HTML tag <{tag}> is not allowed in page content; remove it.")
    for name, value in attrs:
        if name.startswith("on"):
            found.append(f'<{tag} {name}>: the attribute {name}="..." runs a script and is not allowed; remove it.')
        elif name == "srcdoc":
            found.append(f"<{tag} srcdoc>: a frame's content cannot be written into the page; remove srcdoc.")
        elif name == "srcset" and value:
            for candidate in value.split(","):
                problem = link_problem(_INVISIBLE.sub("", candidate.strip().split(" ")[0]))
                if problem:
                    found.append(f"<{tag} srcset>: {problem}")
        elif name in RENDERED_URL_ATTRIBUTES and value:
            address = _INVISIBLE.sub("", value)
            problem = embed_problem(address) if tag == "iframe" and name == "src" else link_problem(address)
            if problem:
                found.append(f"<{tag} {name}>: {problem}")
    if tag == "iframe" and not values.get("src"):
        found.append("<iframe src>: an embedded frame needs a src on www.youtube-nocookie.com or "
                     "player.vimeo.com; remove it.")
    return found


def check_html(html: str) -> list[str]:
    """Unsafe markup in the content area of one rendered page, one message each, in page order.

    A fragment without Material's content ``<article>`` is checked whole.
    """
    scanner = _ContentScanner()
    if f'"{CONTENT_CLASS}' not in html and f" {CONTENT_CLASS}" not in html:
        scanner.started = True
    else:
        # The theme's header and navigation before the content area are over half of every
        # page; skip parsing them. (The quote mark means the text cannot be found inside an
        # attribute value or the escaped JSON-LD of the head.)
        start = html.find(CONTENT_AREA_START)
        html = html[start:] if start > 0 else html
    scanner.feed(html)
    scanner.close()
    return scanner.problems()


def page_problems(html: str, file: Any, config: Any) -> list[str]:
    """``path: message`` lines for a rendered MkDocs page (``file`` is its ``mkdocs`` File)."""
    label = file.src_uri
    if file.abs_src_path:
        root = Path(config.config_file_path).parent
        source = Path(file.abs_src_path)
        label = source.relative_to(root).as_posix() if source.is_relative_to(root) else source.as_posix()
    return [f"{label}: {message}" for message in check_html(html)]
