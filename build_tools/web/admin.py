"""The browser editor for content: a build target of its own, ``site-admin/``, beside ``site/``.

``python -m build_tools admin`` writes one page, the editor's configuration (``schemas/cms.yml``,
generated from the models) and Decap CMS's JavaScript, copied from ``node_modules`` (pinned in
``package-lock.json``; never loaded from a CDN). It is kept out of the public site so that:

* the public pages, their Content-Security-Policy, sitemap, search index and offline pack are
  exactly what they were; no public page carries the editor's 6 MB of script;
* the editor gets a policy of its own, as narrow as Decap allows (inline styles, GitHub's API),
  which on a shared host's ``_headers`` could not be kept apart from the public pages' policy:
  Netlify and Cloudflare Pages add every rule that matches a path, and two policies both apply;
* it can live on another origin (a sub-domain, or the host's preview of a branch), so the
  GitHub sign-in Decap keeps in the browser's storage is out of reach of the public pages.

``python -m build_tools cms`` (re)writes ``schemas/cms.yml``; ``cms --check`` fails when it drifts.
"""

from __future__ import annotations

import argparse
import html
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from build_tools.content.cms_config import CONFIG_PATH, config_is_stale, write_config
from build_tools.content.settings import load_settings

DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
DEFAULT_OUT = "site-admin"
# Where Decap's GitHub backend reads and writes, and where GitHub serves avatars.
GITHUB_API = "https://api.github.com"
GITHUB_IMAGES = "https://avatars.githubusercontent.com"


def content_security_policy(local_backend: str | None = None) -> str:
    """The editor page's policy: its own scripts only, and connections to GitHub (or the local backend)."""
    connect = ["'self'", GITHUB_API]
    if local_backend:
        parts = urlsplit(local_backend)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join([
        "default-src 'none'",
        # Decap checks its configuration with ajv, which compiles each schema into a function:
        # without 'unsafe-eval' the editor stops at "Error loading the CMS configuration".
        "script-src 'self' 'unsafe-eval'",
        # Decap's components write their styles into <style> elements as they render.
        "style-src 'self' 'unsafe-inline'",
        # Pictures being uploaded are previewed from memory (blob:) before they are saved.
        f"img-src 'self' data: blob: {GITHUB_IMAGES}",
        "font-src 'self' data:",
        f"connect-src {' '.join(connect)}",
        "media-src 'self' blob:",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def admin_page(title: str, csp: str, language: str) -> str:
    """The one page, in the college's language (a language tag): Decap renders the whole editor into it."""
    return f"""<!doctype html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Edit content: {html.escape(title)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>The content editor needs JavaScript. You can also edit the files directly: see docs/editing.md.</noscript>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def headers_file(csp: str) -> str:
    """``_headers`` for the editor's own host (Netlify and Cloudflare Pages format)."""
    return ("/*\n"
            f"  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
            "  X-Robots-Tag: noindex, nofollow\n"
            "  X-Content-Type-Options: nosniff\n"
            "  Referrer-Policy: no-referrer\n"
            "  Cache-Control: no-cache\n")


class AdminError(Exception):
    """Something the admin build needs is missing; the message says how to fix it."""


def build_admin(root: Path, out: Path, local_backend: str | None = None) -> list[Path]:
    """Write the editor into ``out`` (emptied first); ``local_backend`` is a decap-server address."""
    if config_is_stale(root):
        raise AdminError(f"{CONFIG_PATH} is out of date with the models or mkdocs.yml; run python -m build_tools cms.")
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file():
        raise AdminError(f"{DECAP_DIST}/decap-cms.js is missing; run npm ci --ignore-scripts in {root}.")
    config = yaml.safe_load((root / CONFIG_PATH).read_text(encoding="utf-8"))
    if local_backend:
        host = urlsplit(local_backend).hostname or ""
        config["local_backend"] = {"url": local_backend, "allowed_hosts": [host]}
    csp = content_security_policy(local_backend)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    # The main script and the chunks it loads on demand from beside itself; source maps stay out.
    for script in [dist / "decap-cms.js", *sorted(dist.glob("*.decap-cms.js"))]:
        shutil.copy2(script, out / script.name)
    settings = load_settings(root)
    files = {
        "index.html": admin_page(settings.site_name, csp, settings.language),
        "config.yml": yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100),
        "_headers": headers_file(csp),
        "robots.txt": "User-agent: *\nDisallow: /\n",
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]


def cmd_cms(args: argparse.Namespace) -> int:
    if args.check:
        if config_is_stale(args.root):
            print(f"{CONFIG_PATH}: out of date with build_tools/content/models.py or mkdocs.yml; "
                  "run python -m build_tools cms.")
            return 1
        return 0
    print(f"wrote {write_config(args.root).relative_to(args.root)}")
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    out = args.out or args.root / DEFAULT_OUT
    try:
        build_admin(args.root, out, args.local_backend)
    except AdminError as exc:
        print(f"error: {exc}")
        return 1
    print(f"wrote the content editor into {out}; open {out.name}/index.html through a web server.")
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    cms = command("cms", cmd_cms, "write the browser editor's configuration (schemas/cms.yml) from the models")
    cms.add_argument("--check", action="store_true", help="only report whether schemas/cms.yml is out of date")
    admin = command("admin", cmd_admin, "build the browser editor for content into site-admin/")
    admin.add_argument("--out", type=Path, default=None, help="where to write it (default: site-admin/)")
    admin.add_argument("--local-backend", default=None, metavar="URL",
                       help="use decap-server at this address, e.g. http://127.0.0.1:8081/api/v1")
