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
from html.parser import HTMLParser
from pathlib import Path

from .commands import REGISTRY

PLACEHOLDER = "{inline-script-hashes}"
# Script types a browser runs; others (application/json, application/ld+json) are data blocks.
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in _RUNNABLE_TYPES:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(site_dir: Path) -> list[str]:
    """CSP sources (``'sha256-...'``) for every distinct inline script in the built pages, sorted."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        for script in parser.scripts:
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


def register(command) -> None:  # noqa: ANN001 - see commands.REGISTRY
    headers = command("headers", cmd_headers, "print the built site's HTTP headers as nginx configuration")
    headers.add_argument("--site-dir", type=Path, default=None, help="the built site (default: site/)")


REGISTRY.append(register)
