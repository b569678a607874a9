"""The one allow-list for the HTML that content may produce: tags, attributes, URL schemes, hosts.

Used by the Markdown check (``markup.py``, with line numbers), by the check of every rendered
page (``build_tools/mkdocs/safe_html.py``) and by the print cleaner
(``build_tools/printed/print_editions.py``), so the website and the printed editions let
through exactly the same markup. Everything not listed here is refused: attributes are allowed
by name, never denied by pattern.

Addresses are parsed once, with the WHATWG URL parser that browsers follow (``ada-url``), before
a scheme or host is compared: ``https://127.0.0.1:8000\\@www.youtube-nocookie.com/`` connects to
127.0.0.1 in a browser, and so it does here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ada_url import URL

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
# The page title is the <h1>: content may write one only where no title is set (checked by markup.py).
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
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
# What the Markdown extensions of mkdocs.yml write themselves, beyond the lists above: table
# column alignment (tables), footnote links (footnotes). Allowed in rendered content only, with
# these exact values, never written by editors.
GENERATED_ATTRIBUTE_VALUES: dict[tuple[str, str], frozenset[str]] = {
    ("th", "style"): frozenset({"text-align: left;", "text-align: right;", "text-align: center;"}),
    ("td", "style"): frozenset({"text-align: left;", "text-align: right;", "text-align: center;"}),
}
# attr_list's { } blocks may set these, and nothing else: no style=, no data-*, no event handler.
ATTR_LIST_ATTRIBUTES = GLOBAL_ATTRIBUTES
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Privacy-enhanced players only: they set no cookies until the reader plays the film.
EMBED_HOSTS = frozenset({"www.youtube-nocookie.com", "player.vimeo.com"})
# mkdocs.yml `extra: image_hosts:` lists hosts that content pictures may come from; none by default.
IMAGE_HOSTS_SETTING = "image_hosts"

# Relative addresses are resolved against a base that cannot be a real host, as a browser
# resolves them against the page: what is left of the base afterwards is "this site".
_BASE = "https://this-site.invalid/page/"
_BASE_HOST = "this-site.invalid"
# Browsers ignore control characters and spaces inside an address ("java\tscript:"); the
# messages show them as one space, so that a message stays on one line.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Address:
    """An address as a browser reads it: scheme (``https``), host, credentials, port; ``is_local``
    when it points into this site (a relative address: no scheme or host of its own)."""

    scheme: str
    host: str
    has_credentials: bool
    port: str
    is_local: bool


# Pages repeat the same addresses (navigation, footer) thousands of times in one build.
@lru_cache(maxsize=16384)
def parse(url: str) -> Address | None:
    """``url`` (character references already decoded) as a browser reads it, or ``None`` if it is no address."""
    try:
        parsed = URL(url, _BASE)
    except ValueError:
        return None
    scheme = parsed.protocol.removesuffix(":").lower()
    host = parsed.hostname
    local = scheme == "https" and host == _BASE_HOST
    return Address(scheme=scheme, host="" if local else host,
                   has_credentials=bool(parsed.username or parsed.password), port=parsed.port, is_local=local)


def attributes_for(tag: str) -> frozenset[str]:
    """Attributes content may write on ``tag``, by name."""
    return GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())


def shown(url: str) -> str:
    """An address as messages quote it: at most 60 characters, invisible characters as one space."""
    return _INVISIBLE.sub(" ", url[:60])


def link_problem(url: str) -> str | None:
    """Why a link target is unsafe, or ``None`` when it is fine (http, https, mailto, tel, this site)."""
    address = parse(html.unescape(url))
    if address is None:
        return f'the link "{shown(url)}" is not a valid address; check it, or point to another page of this site.'
    if not address.is_local and address.scheme not in LINK_SCHEMES:
        return (f'the link "{shown(url)}" uses "{address.scheme}:", which is not allowed; links may only start with '
                "https://, http://, mailto: or tel:, or point to another page of this site.")
    return None


def embed_problem(src: str) -> str | None:
    """Why an embedded frame's address is not allowed, or ``None``."""
    address = parse(html.unescape(src).strip())
    if address is not None and address.host in EMBED_HOSTS:
        if address.scheme != "https":
            return f'embedded films must use a secure address; change "{address.scheme}://" to "https://".'
        if address.has_credentials or address.port:
            return (f'the film address "{shown(src)}" holds a user name, password or port; use the address '
                    "the video site gives you to embed the film.")
        return None
    host = address.host if address is not None and address.host else shown(src)
    return (f'embedded content from "{host}" is not allowed; only films from '
            "www.youtube-nocookie.com or player.vimeo.com can be embedded. Link to other content instead.")


def image_problem(src: str, image_hosts: Iterable[str]) -> str | None:
    """Why a picture's address is not allowed, or ``None``: pictures are this site's own files,
    or come over https from a host listed in mkdocs.yml (``extra: image_hosts:``)."""
    problem = link_problem(src)
    address = parse(html.unescape(src))
    if problem or address is None or address.is_local:
        return problem
    if address.scheme == "https" and address.host in frozenset(image_hosts) \
            and not address.has_credentials and not address.port:
        return None
    if address.scheme not in {"http", "https"}:
        return (f'the picture "{shown(src)}" is not a picture address; put the picture file beside the page '
                "and use its file name.")
    return (f'the picture "{shown(src)}" would be loaded from {address.host}, which tells that site who reads '
            "this page; put the picture file beside the page and use its file name (or ask a developer to list "
            f"the host under image_hosts: in mkdocs.yml).")


def is_remote_image(src: str, image_hosts: Iterable[str]) -> bool:
    """A picture on one of the allowed other hosts (shown only when the reader asks for it)."""
    address = parse(html.unescape(src))
    return address is not None and not address.is_local and image_problem(src, image_hosts) is None


def address_problem(tag: str, attribute: str, value: str, image_hosts: Iterable[str]) -> str | None:
    """Why the address ``value`` of an allowed URL attribute is not allowed, or ``None``: a
    frame's source must be a film host, a picture's this site or an allowed picture host, and
    every other address a safe link."""
    if tag == "iframe" and attribute == "src":
        return embed_problem(value)
    if tag == "img" and attribute == "src":
        return image_problem(value, image_hosts)
    return link_problem(value)


def image_hosts(settings: Mapping[str, Any] | None) -> frozenset[str]:
    """The hosts pictures may come from, from mkdocs.yml's ``extra`` (a mapping or MkDocs' config)."""
    extra = (settings or {}).get("extra") or {}
    hosts = extra.get(IMAGE_HOSTS_SETTING) or []
    return frozenset(str(host).strip().lower() for host in hosts if str(host).strip())
