"""HTTP headers for the built site, and its Content-Security-Policy: one policy, stated here.

The policy allows scripts from the site itself, plus the theme's own small inline scripts, each
named by the SHA-256 hash of its text. Those hashes come from the theme's templates alone
(``build_tools/mkdocs/theme_scripts.py`` renders them), never from the built pages: a script
that reached a page any other way gets no hash, so the browser refuses it, and the build stops
before that (see :func:`page_inline_scripts`).

The policy is delivered twice: as ``site/_headers`` (Netlify and Cloudflare Pages read it; ``python -m
build_tools headers`` turns it into nginx lines) and as a ``<meta http-equiv>`` element at the
top of every page, for hosts that send no headers of their own (GitHub Pages) and for the
offline copy opened from ``file://``. See docs/hosting.md for what each host enforces.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
from pathlib import Path
from urllib.parse import quote

from build_tools.content.html_reading import page_elements
from build_tools.content.rules.allowlist import EMBED_HOSTS

# Script types that are data, not code: browsers never run them. Any other type counts as a
# script (an unknown type is not run either, but a script is never let through by guessing).
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})

# Directive -> sources. Scripts: the site and the theme's hashed inline scripts, added by
# :func:`policy`, and 'wasm-unsafe-eval', which lets the site's own search (Pagefind,
# build_tools/web/search.py) compile its WebAssembly file; it allows no eval() of text. Styles: the site's style sheets only, no style attribute or element in a page
# (Material sets styles through the DOM, which the policy does not restrict). Images: the
# site's own files, and data: because Material's style sheet draws its icons (navigation
# arrows, search, admonitions) as 42 data: SVG images; an image cannot run script, and content
# cannot hold a data: address (markup.py). Frames: the privacy-enhanced film players, the same
# list the content checks use. tests/test_headers_browser.py loads every kind of page under it.
DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "frame-src": [f"https://{host}" for host in sorted(EMBED_HOSTS, reverse=True)],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Reporting-Endpoints name that report-to refers to.
REPORT_GROUP = "csp"
# Browsers ignore these in a <meta> policy (and warn about them in the console).
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})

OTHER_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
}


def report_address(url: str) -> str:
    """``url`` with every character that would end a directive, a header or its quotes escaped."""
    # "$" too: nginx would read it as the start of a variable.
    return quote(url, safe=":/?#[]@!&()*+=%-._~")


def script_hash(script: str) -> str:
    """The CSP source (``'sha256-...'``) that allows exactly this inline script text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_hashes: set[str] | list[str], *, meta: bool = False, report_uri: str | None = None) -> str:
    """The Content-Security-Policy allowing these inline scripts; ``meta`` leaves out what a
    ``<meta>`` element cannot carry. With ``report_uri``, browsers report what it refused there
    (``report-uri`` for browsers without the Reporting API, ``report-to`` for the others)."""
    directives = dict(DIRECTIVES)
    if report_uri:
        report_uri = report_address(report_uri)
        directives.update({"report-uri": [report_uri], "report-to": [REPORT_GROUP]})
    parts = []
    for name, sources in directives.items():
        if meta and name in HEADER_ONLY_DIRECTIVES:
            continue
        extra = sorted(script_hashes) if name == "script-src" else []
        parts.append(" ".join([name, *sources, *extra]))
    return "; ".join(parts)


def meta_elements(script_hashes: set[str] | list[str]) -> str:
    """The headers a page can carry itself, as ``<meta>`` elements: the policy and the referrer policy."""
    csp = html.escape(policy(script_hashes, meta=True))
    referrer = html.escape(OTHER_HEADERS["Referrer-Policy"])
    return (f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="referrer" content="{referrer}">')


def page_inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run in ``html``, parsed as a browser parses it."""
    found = []
    for element in page_elements(html):
        if element.script_text is None:
            continue
        values = dict(element.attributes)
        if "src" not in values and values.get("type", "").strip().lower() not in DATA_SCRIPT_TYPES:
            found.append(element.script_text)
    return found


def write_headers(site_dir: Path, script_hashes: set[str], report_uri: str | None = None) -> Path:
    """``site_dir/_headers`` (Netlify and Cloudflare Pages format): the policy and the other headers."""
    headers = {"Content-Security-Policy": policy(script_hashes, report_uri=report_uri), **OTHER_HEADERS}
    if report_uri:
        headers["Reporting-Endpoints"] = f'{REPORT_GROUP}="{report_address(report_uri)}"'
    lines = ["# HTTP headers for every page (see docs/hosting.md); written by the build.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    path = site_dir / "_headers"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def parse_headers(text: str) -> dict[str, dict[str, str]]:
    """``_headers`` text -> ``{path pattern: {header name: value}}``, in file order."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        elif current is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            current[name.strip()] = value.strip()
    return rules


def nginx_snippet(headers: dict[str, str]) -> str:
    """``add_header`` lines for nginx (``always`` so error pages get them too); quotes inside a
    value (Reporting-Endpoints has some) are escaped, as nginx reads them."""
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"add_header {name} {quoted(value)} always;" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def cmd_headers(args: argparse.Namespace) -> int:
    site_dir: Path = args.site_dir or args.root / "site"
    path = site_dir / "_headers"
    if not path.is_file():
        print(f"There is no {path}; run python -m build_tools build first.")
        return 1
    rules = parse_headers(path.read_text(encoding="utf-8"))
    print("# nginx: put these lines in the server block that serves the site (see docs/hosting.md).")
    print(nginx_snippet(rules.get("/*", {})), end="")
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    headers = command("headers", cmd_headers, "print the built site's HTTP headers as nginx configuration")
    headers.add_argument("--site-dir", type=Path, default=None, help="the built site (default: site/)")


