"""Files written beside the pages: story media, calendars, feeds, robots.txt and the printed editions."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.content import images
from build_tools.site.published import Site
from build_tools.web import calendar, feeds, headers, robots, unused_css
from build_tools.web.pages import redirects


@dataclass(frozen=True)
class MediaFile:
    source: Path
    dest: str  # path inside site/, e.g. stories/media/harbour.jpg

    def content(self) -> bytes:
        return stripped_image(self.source) if images.is_image(self.dest) else self.source.read_bytes()


def stripped_image(path: Path) -> bytes:
    """An image file's pixels without its metadata: photos carry GPS, dates and device names."""
    return images.strip_metadata(path.read_bytes(), path.suffix)


def story_media_files(site: Site) -> list[MediaFile]:
    """Media of published stories only: a held-back story's pictures and films are not copied."""
    return [MediaFile(site.root / dest, dest) for dest in site.published_media]


def write_all(site: Site, site_dir: Path, config: Any, *, printed: Path | None, script_hashes: set[str],
              page_names: set[str], report_uri: str | None = None,
              history: calendar.History | None = None) -> None:
    """Every output that is not a page; ``printed`` is the folder the PDFs were laid out in, if any,
    ``page_names`` the classes and ids the pages carry (read while they were checked) and
    ``history`` the previous build's calendar history."""
    site_url = config.site_url or "/"
    college = site.settings.college_name
    history = history if history is not None else calendar.History()
    calendar.write_calendars(site, site_dir, site_url, college, history)
    feeds.write_feeds(site, site_dir, site_url, college, history)
    redirects.write_redirects(site, site_dir, site_url, config.use_directory_urls)
    robots.write_robots(site_dir, config.site_url)
    # The hashes of the theme's inline scripts that the pages use (see theme_scripts.py).
    headers.write_headers(site_dir, script_hashes, report_uri)
    if printed is not None:
        for pdf in sorted(printed.glob("*.pdf")):
            shutil.copy2(pdf, site_dir / pdf.name)
    # Last: it reads every script of the site.
    unused_css.prune_site(site_dir, page_names)
