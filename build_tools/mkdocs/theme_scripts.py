"""The theme's own inline scripts, and the Content-Security-Policy built from them alone.

Material writes a few small inline scripts into every page (the colour scheme, stored
preferences); they live in its ``partials/javascripts/`` templates, and ``theme/`` may add or
override templates there. Their text depends only on the site's configuration and on the
page's relative address of the site root (``base_url``), never on content. So the allowed
scripts are found by rendering those templates with the configuration and every ``base_url``
of the site, and every page is then checked: an inline script that is not one of them is a
build error naming the page. Content cannot add to the policy, whatever it holds, and every
page and ``_headers`` carry the same one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url, is_error_template

from build_tools.web import headers

SCRIPT_TEMPLATES = "partials/javascripts/"


class ThemeScripts:
    """Hashes of the theme's inline scripts as rendered for every page of the site."""

    def __init__(self, env: Any, config: Any, base_urls: set[str]) -> None:
        # Only the script templates' folders are listed: walking every template of the theme
        # costs a fifth of a second on each rebuild of the preview.
        templates = sorted({path.relative_to(folder).as_posix()
                            for folder in config.theme.dirs for path in (Path(folder) / SCRIPT_TEMPLATES).rglob("*.html")})
        self.hashes: set[str] = set()
        for base_url in sorted(base_urls):
            context = {"config": config, "base_url": base_url, "features": config.theme.get("features") or []}
            for name in templates:
                rendered = env.get_template(name).render(context)
                self.hashes.update(headers.script_hash(script) for script in headers.page_inline_scripts(rendered))

    def foreign(self, inline_scripts: list[str]) -> int:
        """How many of a page's inline scripts (their texts) are not the theme's own."""
        return len({headers.script_hash(script) for script in inline_scripts} - self.hashes)


def site_base_urls(files: Any, config: Any) -> set[str]:
    """Every ``base_url`` the site's pages and theme templates are rendered with."""
    found = {page_base_url(file) for file in files.documentation_pages()}
    found.update(template_base_url(name, config) for name in config.theme.static_templates if name.endswith(".html"))
    return found


def page_base_url(page: Any) -> str:
    """``base_url`` as MkDocs computes it for a page or its file (mkdocs/commands/build.py, get_context)."""
    return get_relative_url(".", page.url)


def page_label(page: Any, config: Any) -> str:
    """How a message names a page: its file in the project, or the generated page's path."""
    if page.file.generated_by or not page.file.abs_src_path:
        return page.file.src_uri
    return Path(page.file.abs_src_path).relative_to(Path(config.config_file_path).parent).as_posix()


def template_base_url(template_name: str, config: Any) -> str:
    """``base_url`` of a theme template rendered on its own (mkdocs/commands/build.py,
    _build_template): absolute for 404.html, which is served at any address."""
    if is_error_template(template_name):
        return urlsplit(config.site_url or "/").path
    return get_relative_url(".", template_name)


def with_meta_policy(page_html: str, script_hashes: set[str]) -> str:
    """The page with the headers it can carry itself as ``<meta>`` elements, first in ``<head>``
    (before any script, which a policy only governs from where it stands)."""
    meta = headers.meta_elements(script_hashes)
    charset = page_html.find("<meta charset")
    if charset != -1:
        end = page_html.index(">", charset) + 1
        return page_html[:end] + meta + page_html[end:]
    head = page_html.find("<head>")
    if head == -1:
        return meta + page_html
    return page_html[: head + 6] + meta + page_html[head + 6:]
