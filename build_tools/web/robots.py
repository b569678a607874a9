"""``robots.txt``: the whole public site may be crawled, and the sitemap says where its pages are.

Pages that must stay out of search engines (retired courses) say so themselves with
``<meta name="robots" content="noindex">``, which a crawler reads only if it may fetch the page,
so nothing is disallowed here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

NAME = "robots.txt"


def robots_txt(site_url: str | None) -> str:
    """The file's text; the ``Sitemap:`` line needs the absolute address of the site
    (``site_url`` in mkdocs.yml), without which MkDocs' sitemap has none either."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {urljoin(site_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


def write_robots(site_dir: Path, site_url: str | None) -> Path:
    path = site_dir / NAME
    path.write_text(robots_txt(site_url), encoding="utf-8")
    return path
