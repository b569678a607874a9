"""Files written beside the pages: story media, calendars, feeds and the printed editions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from build_tools.content import images
from build_tools.printed import prospectus
from build_tools.site.published import Site
from build_tools.web import calendar, feeds, headers
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
    found: dict[str, MediaFile] = {}
    for story in site.stories:
        if story.media is None:
            continue
        base = PurePosixPath(story.source_path).parent
        for name in ("file", "captions", "poster"):
            value = getattr(story.media, name)
            if value:
                dest = str(base / value)
                found[dest] = MediaFile(site.root / dest, dest)
    return list(found.values())


def write_all(site: Site, site_dir: Path, config: Any, *, pdf: bool) -> None:
    """Every output that is not a page."""
    site_url = config.site_url or "/"
    college = site.settings.college_name
    calendar.write_calendars(site, site_dir, site_url, college)
    feeds.write_feeds(site, site_dir, site_url, college)
    redirects.write_redirects(site, site_dir, site_url, config.use_directory_urls)
    # Last among the web outputs: the hashes cover the inline scripts of every page written above.
    headers.write_headers(site_dir)
    if pdf:
        prospectus.write_printed_editions(site, site_dir, config)
