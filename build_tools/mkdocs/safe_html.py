"""The last safety net: every rendered page, and the content in it, obeys the allow-list.

``markup.check_markdown`` rejects unsafe raw HTML and links while validating, with a line
number. Markdown extensions, templates, front matter and page generators still produce HTML
after that check, so the plugin checks each page twice as it is built:

* :func:`content_problems` on the HTML the page's Markdown became (``on_page_content``): the
  same allow-list as the Markdown check (``allowlist.py``), tags and attributes by name, so
  nothing a Markdown extension adds (``attr_list``'s ``style=``, ``data-*``) reaches the page;
* :func:`read_page` on the whole finished page (``on_post_page``), ``<head>``, navigation and
  theme included, parsed as a browser parses it (one pass, which also finds the inline scripts the
  Content-Security-Policy hashes): scripts only from the site's own files or the theme's own inline scripts
  (those written in Material's templates or the project's ``theme/``), no event handlers, no ``javascript:`` addresses, nothing
  loaded from another site, frames only from the privacy-enhanced film hosts, and no
  ``<meta http-equiv>`` but the Content-Security-Policy.
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import material

from build_tools.content.html_reading import BrowserLikeParser, page_elements
from build_tools.content.rules import allowlist
from build_tools.web.headers import DATA_SCRIPT_TYPES

# Elements that load or run code, or change where links lead; never legitimate in a page.
NEVER_IN_PAGE = frozenset({"object", "embed", "applet", "base", "frame", "frameset", "portal",
                           # a template's contents are not part of the page as parsed, so not checked
                           "template"})
# Attributes that hold an address of a link or form: any allowed scheme, any host.
LINK_ATTRIBUTES = frozenset({"href", "action", "formaction", "cite", "xlink:href", "background"})
# Attributes that make the browser fetch something as soon as the page loads: this site's files only.
LOADING_ATTRIBUTES = frozenset({"src", "poster", "data"})
# <link rel=...> values that fetch the address; other links (canonical, alternate, next) only name it.
LOADING_LINK_RELS = frozenset({"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                               "apple-touch-icon", "dns-prefetch", "preconnect", "prerender"})
# SVG elements whose href fetches what it names (pictures, other documents, scripts).
SVG_LOADING_HREF = frozenset({"image", "use", "feimage", "script"})
ALLOWED_HTTP_EQUIV = frozenset({"content-security-policy"})
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# What Material's templates put into an inline script ({{ base_url }} and the like): a relative
# address at most, never a quote or anything that could end the script's string.
_TEMPLATE_VALUE = r"[\w./:%-]*"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# Browsers ignore control characters and spaces inside an address ("java\tscript:").
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@cache
def theme_inline_scripts(theme_dirs: tuple[str, ...] = (str(MATERIAL_TEMPLATES),)) -> tuple[re.Pattern[str], ...]:
    """The inline scripts the theme's templates write (Material's, and the project's own
    ``theme/``), each as a pattern in which a template value may only be a relative address."""
    patterns = []
    for folder in theme_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            for body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                pieces = _JINJA.split(body)
                patterns.append(re.compile(_TEMPLATE_VALUE.join(re.escape(piece) for piece in pieces)))
    return tuple(patterns)


def is_theme_script(text: str, theme_dirs: tuple[str, ...] = (str(MATERIAL_TEMPLATES),)) -> bool:
    return any(pattern.fullmatch(text) for pattern in theme_inline_scripts(theme_dirs))


# The tags whose checks need their attributes by name (the others are checked attribute by attribute).
_TAGS_READ_WHOLE = frozenset({"meta", "link", "script", "iframe"})


def _tag_problems(tag: str, attrs: tuple[tuple[str, str], ...]) -> list[str]:
    found: list[str] = []
    if tag in NEVER_IN_PAGE:
        found.append(f"<{tag}>: the HTML tag <{tag}> is not allowed in a page; remove it.")
    if not attrs:
        if tag == "iframe":
            found.append(_IFRAME_WITHOUT_SRC)
        return found
    values = dict(attrs) if tag in _TAGS_READ_WHOLE else {}
    if tag == "meta" and "http-equiv" in values \
            and values["http-equiv"].strip().lower() not in ALLOWED_HTTP_EQUIV:
        found.append(f'<meta http-equiv>: http-equiv="{allowlist.shown(values["http-equiv"])}" is not allowed '
                     "in a page; remove it.")
    loading_link = (tag == "link" and bool(LOADING_LINK_RELS & set(values.get("rel", "").lower().split()))) \
        or tag in SVG_LOADING_HREF
    for name, value in attrs:
        if name.startswith("on"):
            found.append(f'<{tag} {name}>: the attribute {name}="..." runs a script and is not allowed; remove it.')
        elif name == "srcdoc":
            found.append(f"<{tag} srcdoc>: a frame's content cannot be written into the page; remove srcdoc.")
        elif name in {"srcset", "imagesrcset"} and value:
            for candidate in value.split(","):
                problem = _loading_problem(tag, _INVISIBLE.sub("", candidate.strip().split(" ")[0]))
                if problem:
                    found.append(f"<{tag} {name}>: {problem}")
        elif tag == "iframe" and name == "src":
            problem = allowlist.embed_problem(_INVISIBLE.sub("", value))
            if problem:
                found.append(f"<{tag} {name}>: {problem}")
        elif (name in LOADING_ATTRIBUTES or (loading_link and name in {"href", "xlink:href"})) and value:
            problem = _loading_problem(tag, _INVISIBLE.sub("", value))
            if problem:
                found.append(f"<{tag} {name}>: {problem}")
        elif name in LINK_ATTRIBUTES and value:
            problem = allowlist.link_problem(_INVISIBLE.sub("", value))
            if problem:
                found.append(f"<{tag} {name}>: {problem}")
    if tag == "iframe" and not values.get("src"):
        found.append(_IFRAME_WITHOUT_SRC)
    return found


_IFRAME_WITHOUT_SRC = ("<iframe src>: an embedded frame needs a src on www.youtube-nocookie.com or "
                       "player.vimeo.com; remove it.")


def _loading_problem(tag: str, address: str) -> str | None:
    """Why the browser must not fetch ``address`` with the page: it is not one of this site's files."""
    problem = allowlist.link_problem(address)
    if problem:
        return problem
    parsed = allowlist.parse(html_text.unescape(address))
    if parsed is not None and not parsed.is_local:
        return (f'"{allowlist.shown(address)}" would be loaded from {parsed.host or parsed.scheme + ":"} with the '
                "page; a page may only load this site's own files.")
    return None


@dataclass(frozen=True)
class PageReading:
    """What the whole-page check found in one page: its problems, in page order, and the text of
    every inline script a browser would run (for the Content-Security-Policy's hashes)."""

    problems: list[str]
    inline_scripts: list[str]
    # Every class and id the page's elements carry, for pruning Material's style sheet (web/unused_css).
    names: set[str]


def read_page(html: str, theme_dirs: tuple[str, ...] = (str(MATERIAL_TEMPLATES),)) -> PageReading:
    """Check one rendered page (head, navigation, content) as a browser parses it.
    ``theme_dirs`` are the template folders whose inline scripts are the theme's (MkDocs'
    ``config.theme.dirs``; Material's alone by default)."""
    problems: list[str] = []
    scripts: list[str] = []
    names: set[str] = set()
    for element in page_elements(html):
        problems.extend(_tag_problems(element.tag, element.attributes))
        for name, value in element.attributes:
            if name == "class" or name == "id":
                names.update(value.split())
        if element.script_text is None:
            continue
        values = dict(element.attributes)
        if "src" not in values and values.get("type", "").strip().lower() not in DATA_SCRIPT_TYPES:
            scripts.append(element.script_text)
            if not is_theme_script(element.script_text, theme_dirs):
                problems.append("<script>: a script is not allowed in a page; remove it.")
    return PageReading(problems, scripts, names)


def check_html(html: str, theme_dirs: tuple[str, ...] = (str(MATERIAL_TEMPLATES),)) -> list[str]:
    """Unsafe markup anywhere in one rendered page, one message each, in page order (:func:`read_page`)."""
    return read_page(html, theme_dirs).problems


class _ContentScanner(BrowserLikeParser):
    def __init__(self, image_hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.image_hosts = image_hosts
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in allowlist.TAGS | allowlist.HEADING_TAGS:
            self.found.append(f"<{tag}>: the HTML tag <{tag}> is not allowed in page content; remove it.")
            return
        allowed = allowlist.attributes_for(tag)
        for name, value in attrs:
            if name in allowed:
                problem = None
                if name in allowlist.URL_ATTRIBUTES and value:
                    problem = allowlist.address_problem(tag, name, value, self.image_hosts)
                if problem:
                    self.found.append(f"<{tag} {name}>: {problem}")
            elif name.startswith("on"):
                self.found.append(f'<{tag} {name}>: the attribute {name}="..." runs a script and is not allowed; '
                                  "remove it.")
            elif (value or "") not in allowlist.GENERATED_ATTRIBUTE_VALUES.get((tag, name), frozenset()):
                self.found.append(f'<{tag} {name}>: the attribute "{name}" is not allowed on <{tag}> in page '
                                  "content; remove it.")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def content_problems(html: str, image_hosts: frozenset[str] = frozenset()) -> list[str]:
    """What in the HTML of a page's Markdown is not on the allow-list, one message each, in order."""
    scanner = _ContentScanner(image_hosts)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def page_problems(problems: list[str], file: Any, config: Any) -> list[str]:
    """``path: message`` lines for problems found in a rendered MkDocs page (``file`` is its File)."""
    label = file.src_uri
    if file.abs_src_path:
        root = Path(config.config_file_path).parent
        source = Path(file.abs_src_path)
        label = source.relative_to(root).as_posix() if source.is_relative_to(root) else source.as_posix()
    return [f"{label}: {message}" for message in problems]
