"""Old course addresses (``aliases``) lead to the course's current page.

Each alias gets a tiny HTML page at ``courses/<alias>/index.html`` (or ``courses/<alias>.html``
without directory URLs): a meta refresh, a canonical link and a plain link for readers whose
browser does not follow the refresh. No script and no request to any other host.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from build_tools.site.published import Site
from build_tools.web import headers


@dataclass(frozen=True)
class Redirect:
    path: str        # inside site/, e.g. courses/engaging-in-life/index.html
    target: str      # relative address of the current page from ``path``
    canonical: str   # full address of the current page
    title: str
    language: str    # the college's language tag, as every page declares it

    def html(self) -> str:
        target, title = html.escape(self.target), html.escape(self.title)
        return (
            f"<!doctype html>\n<html lang=\"{html.escape(self.language)}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"{headers.meta_elements(set())}\n"
            f"<title>{title} has moved</title>\n"
            f"<link rel=\"canonical\" href=\"{html.escape(self.canonical)}\">\n"
            "<meta name=\"robots\" content=\"noindex\">\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
            "</head>\n<body>\n<main>\n"
            f"<h1>{title} has moved</h1>\n"
            f"<p>This course has a new address: <a href=\"{target}\">{title}</a>.</p>\n"
            "</main>\n</body>\n</html>\n"
        )


def redirects(site: Site, site_url: str, use_directory_urls: bool = True) -> list[Redirect]:
    found = []
    # A retired course keeps its page, so its old addresses lead there too.
    for course in [*site.courses, *site.retired_courses]:
        for alias in course.aliases:
            if use_directory_urls:
                path, target = f"courses/{alias.slug}/index.html", f"../{course.id}/"
            else:
                path, target = f"courses/{alias.slug}.html", f"{course.id}.html"
            found.append(Redirect(path, target, urljoin(site_url or "/", f"courses/{course.id}/"), course.title,
                                  site.settings.language))
    return found


def write_redirects(site: Site, site_dir: Path, site_url: str, use_directory_urls: bool = True) -> list[Path]:
    written = []
    for redirect in redirects(site, site_url, use_directory_urls):
        path = site_dir / redirect.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect.html(), encoding="utf-8")
        written.append(path)
    return written
