"""Safety and structure rules for the Markdown editors write.

Two jobs, both reported with the line in the source file:

* headings must not skip levels (screen-reader users navigate by them);
* raw HTML and links are limited to an allow-list: no scripts, event handlers,
  ``javascript:`` or ``data:`` links, and embeds only from privacy-enhanced video hosts.

The same allow-list is applied again to the rendered HTML (see ``safe_html.py``) so that no
path around this check reaches a reader.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from build_tools.content.errors import Problem, error
from build_tools.content.rules.html_tags import start_tags

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "iframe": frozenset({"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy"}),
    "th": frozenset({"scope", "colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
    "time": frozenset({"datetime"}),
    "ol": frozenset({"start", "reversed"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Privacy-enhanced players only: they set no cookies until the reader plays the film.
EMBED_HOSTS = frozenset({"www.youtube-nocookie.com", "player.vimeo.com"})

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# The target may hold one level of parentheses, as in javascript:alert(1).
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
# attr_list's {: ... } blocks can set attributes, including onclick=, without any raw HTML.
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
_ATTR_NAME = re.compile(r"(?:^|\s)([A-Za-z_:][-\w:.]*)\s*=")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^>\s]*)>")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def link_problem(url: str) -> str | None:
    """Why a link target is unsafe, or ``None`` when it is fine (http, https, mailto, tel, relative)."""
    cleaned = _INVISIBLE.sub("", html.unescape(url))
    # Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so strip them first.
    scheme = urlsplit(cleaned).scheme.lower() if ":" in cleaned.split("/")[0] else ""
    if scheme and scheme not in SAFE_SCHEMES:
        shown = _INVISIBLE.sub(" ", url[:60])
        return (f'the link "{shown}" uses "{scheme}:", which is not allowed; links may only start with '
                "https://, http://, mailto: or tel:, or point to another page of this site.")
    return None


def embed_problem(src: str) -> str | None:
    """Why an embedded frame's address is not allowed, or ``None``."""
    parts = urlsplit(html.unescape(src).strip())
    if parts.scheme == "https" and parts.hostname in EMBED_HOSTS:
        return None
    if parts.hostname in EMBED_HOSTS:
        return f'embedded films must use a secure address; change "{parts.scheme}://" to "https://".'
    return (f'embedded content from "{parts.hostname or src[:60]}" is not allowed; only films from '
            "www.youtube-nocookie.com or player.vimeo.com can be embedded. Link to other content instead.")


def _blank_code(lines: list[str]) -> list[str]:
    """Lines with fenced code blocks and code spans blanked (same line count), since code is shown, not run."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append("")
            continue
        if match:
            fence = match.group(1)
            out.append("")
            continue
        out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return out


class _TagScanner:
    # The tags come from html_tags.start_tags, which is linear in the text (html.parser is not).
    def __init__(self) -> None:
        self.found: list[tuple[int, str, str]] = []  # (line, field, message)
        self.headings: list[tuple[int, int]] = []

    def feed(self, text: str) -> None:
        for line, tag, attrs in start_tags(text):
            self.handle_starttag(tag, attrs, line)

    def close(self) -> None:
        pass

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append((line, int(tag[1])))
        if tag not in ALLOWED_TAGS and tag != "h1":
            self.found.append((line, f"<{tag}>", f"the HTML tag <{tag}> is not allowed in content; use Markdown "
                               "instead, or ask a developer to add a safe template for it."))
            return
        allowed = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"<{tag} {name}>", f'the attribute {name}="..." runs a script and is not '
                                   "allowed; remove it."))
            elif name not in allowed:
                self.found.append((line, f"<{tag} {name}>", f'the attribute "{name}" is not allowed on <{tag}>; '
                                   "remove it."))
            elif name in URL_ATTRIBUTES and value:
                problem = embed_problem(value) if tag == "iframe" and name == "src" else link_problem(value)
                if problem:
                    self.found.append((line, f"<{tag} {name}>", problem))
        if tag == "img" and not dict(attrs).get("alt", "") and "alt" not in dict(attrs):
            self.found.append((line, "<img alt>", 'an image needs alt text describing it: add alt="...", or '
                               'alt="" if it is only decoration.'))


def check_markdown(text: str, path: str, first_line: int, field: str = "body", top_level: int = 1) -> list[Problem]:
    """Problems in a Markdown text that starts on ``first_line`` of ``path``.

    ``top_level`` is the heading level the page already uses above this text (1 when the page
    title is the ``<h1>``), so the first heading in the text may be at most one deeper.
    """
    problems: list[Problem] = []
    lines = _blank_code(text.split("\n"))
    headings: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        number = first_line + index
        heading = _ATX.match(line)
        if heading:
            headings.append((index + 1, len(heading.group(1))))
        for block in _ATTR_LIST.finditer(line):
            for name in _ATTR_NAME.findall(block.group(0)[1:-1]):
                if name.lower().startswith("on") or name.lower() in URL_ATTRIBUTES:
                    problems.append(error(path, number, f"{field} {{{name}}}", f'the attribute "{name}" cannot '
                                          "be set with { } after a link or paragraph; remove it."))
        for regex in (_INLINE_LINK, _REFERENCE, _AUTOLINK):
            for match in regex.finditer(line):
                problem = link_problem(match.group(1))
                if problem:
                    problems.append(error(path, number, f"{field} link", problem))
    scanner = _TagScanner()
    try:
        scanner.feed("\n".join(lines))
        scanner.close()
    except Exception:  # HTMLParser is lenient; this guards against the unforeseen. pragma: no cover
        problems.append(error(path, first_line, field, "the HTML in this text cannot be read; remove it."))
    for line, where, message in scanner.found:
        problems.append(error(path, first_line + line - 1, f"{field} {where}", message))
    headings.extend(scanner.headings)
    previous = top_level
    for line, level in sorted(headings):
        number = first_line + line - 1
        if level <= top_level and top_level >= 1:
            problems.append(error(path, number, f"{field} heading", f"a level-{level} heading "
                                  f"({'#' * level}) is not allowed here, because the page title above is "
                                  f"level {top_level}; use {'#' * (top_level + 1)} instead."))
        elif level > previous + 1:
            problems.append(error(path, number, f"{field} heading", f"this heading jumps from level {previous} to "
                                  f"level {level}; use {'#' * (previous + 1)} so that no level is skipped."))
        previous = max(level, top_level)
    return problems
