"""The files the built site will hold, known before the build: pages, pictures, downloads.

Paths are as MkDocs names its files (``src_uri``: relative to ``content/``, e.g.
``courses/managing-anxiety.md``, ``stories/media/harbour.jpg``), so a link in Markdown can be
resolved the way the build resolves it, without running MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pathspec

from build_tools.content.settings import read_config
from build_tools.site.published import Site
from build_tools.web.pages.every import generated_pages

# MkDocs leaves out dot-files and a templates folder whatever exclude_docs says.
_ALWAYS_EXCLUDED = [".*", "/templates/"]


def is_unpublished_paper(site: Site, src_uri: str) -> bool:
    """A briefing paper's page under content/ that is not published (a draft)."""
    return (src_uri.startswith("briefings/") and src_uri.endswith(".md") and src_uri != "briefings/index.md"
            and src_uri not in site.briefing_by_page)


@dataclass
class SiteFiles:
    """Every file of the built site, and the Markdown of every page (for its anchors)."""

    files: set[str]
    page_markdown: dict[str, str]  # src_uri of a page -> the Markdown MkDocs renders for it


def site_files(site: Site) -> SiteFiles:
    """The files MkDocs will have: content/ (less exclude_docs and draft papers), generated pages, story media."""
    content = site.root / "content"
    excluded = pathspec.gitignore.GitIgnoreSpec.from_lines(
        [*_ALWAYS_EXCLUDED, *str(read_config(site.root).get("exclude_docs") or "").splitlines()])
    files: set[str] = set()
    for path in content.rglob("*"):
        rel = path.relative_to(content).as_posix()
        if path.is_file() and not excluded.match_file(rel) and not is_unpublished_paper(site, rel):
            files.add(rel)
    markdown = {page.id: page.body for page in site.pages}
    markdown.update({f"briefings/{paper.id}.md": paper.body for paper in site.briefings})
    for page in generated_pages(site):
        files.add(page.src_uri)
        markdown[page.src_uri] = page.content
    files.update(media for media in site.published_media)
    return SiteFiles(files, markdown)
