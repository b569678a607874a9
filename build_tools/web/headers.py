"""HTTP headers for the built site: ``site/_headers`` and the same rules for nginx.

The headers are written by hand in ``content/_headers`` (Netlify and Cloudflare Pages format),
which MkDocs copies into the site. Its Content-Security-Policy allows scripts from the site
itself only, plus the theme's few small inline scripts, named by their SHA-256 hashes: after the
pages are written, :func:`write_headers` replaces ``{inline-script-hashes}`` with the hashes of
the inline scripts actually in the built pages. Any other inline script, including one slipped
into content, is refused by the browser.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
from pathlib import Path

PLACEHOLDER = "{inline-script-hashes}"
# Script types a browser runs; others (application/json, application/ld+json) are data blocks.
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


# Scripts come from the theme only (content cannot hold one: see safe_html.py), so a regular
# expression finds them reliably, and ten times faster than parsing every page.
_SCRIPT = re.compile(r"""<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>(.*?)</script\s*>""", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def page_inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run in ``html``."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                      for m in _ATTRIBUTE.finditer(match.group(1))}
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _RUNNABLE_TYPES:
            found.append(match.group(2))
    return found


def inline_script_hashes(site_dir: Path) -> list[str]:
    """CSP sources (``'sha256-...'``) for every distinct inline script in the built pages, sorted."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for script in page_inline_scripts(page.read_text(encoding="utf-8")):
            digest = hashlib.sha256(script.encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(found)


def write_headers(site_dir: Path) -> None:
    """Fill in the inline-script hashes in ``site_dir/_headers`` (if the site has one)."""
    path = site_dir / "_headers"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if PLACEHOLDER in text:
        path.write_text(text.replace(PLACEHOLDER, " ".join(inline_script_hashes(site_dir))), encoding="utf-8")


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
    """``add_header`` lines for nginx (``always`` so error pages get them too)."""
    lines = [f"add_header {name} \"{value.replace(chr(34), chr(39))}\" always;" for name, value in headers.items()]
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


