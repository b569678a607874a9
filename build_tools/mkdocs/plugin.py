"""MkDocs plugin: a thin adapter between MkDocs events and the project's plain functions.

* ``on_config``  loads and validates every collection (fails with the full list of errors);
* ``on_files``   adds the generated pages and media, and drops files that must not be published;
* ``on_page_context`` / ``on_env`` hand typed objects and filters to the templates;
* ``on_post_build`` writes the outputs beside the pages (calendars, feeds, PDFs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from build_tools.content import images
from build_tools.content.errors import ContentError
from build_tools.mkdocs import html_fixes, outputs, safe_html
from build_tools.site.published import Site, load_site
from build_tools.web import brand, statement, templating
from build_tools.web.pages import GeneratedPage
from build_tools.web.pages import courses as course_pages
from build_tools.web.pages import library as library_pages
from build_tools.web.pages import stories as story_pages

PAGE_FAMILIES = (course_pages, story_pages, library_pages)
# Lets search run from file:// in the offline copy; self-hosted, so no request leaves the site.
OFFLINE_SEARCH_SHIM = "assets/javascripts/iframe-worker-shim.js"


class RecoveryCollegeConfig(Config):
    pdf = opt.Type(bool, default=True)
    """Write the printed prospectus and stories booklet (PDF) after the build; off for previews."""


class RecoveryCollegePlugin(BasePlugin[RecoveryCollegeConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        # Set by `python -m build_tools build`, which has just validated the content: saves
        # loading everything twice. Used for one build only; `serve` reloads on every rebuild.
        self.preloaded: Site | None = None
        self.generated: dict[str, GeneratedPage] = {}

    # Run before other plugins' on_config so that invalid content stops the build at once, and
    # before the offline plugin's, which adds its search shim from a CDN unless one is listed.
    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        if offline is not None and offline.config.enabled:
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SEARCH_SHIM]
        if self.preloaded is not None:
            self.site, self.preloaded = self.preloaded, None
        else:
            try:
                self.site = load_site(root)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
        # The college's brand: its colours after the theme's style sheets, its logo in the header.
        config.extra_css.append(brand.STYLESHEET)
        if self.site.settings.brand.logo:
            config.theme["logo"] = self.site.settings.brand.logo
        return config

    # Run before search and offline plugins so they see the generated pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.site is not None
        self.generated = {}
        for family in PAGE_FAMILIES:
            for page in family.pages(self.site):
                self.generated[page.src_uri] = page
                existing = files.get_file_from_path(page.src_uri)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, page.src_uri, content=page.markdown()))
        files.append(File.generated(config, brand.STYLESHEET, content=brand.stylesheet(self.site.settings.brand)))
        for media in outputs.story_media_files(self.site):
            files.append(File.generated(config, media.dest, content=media.content()))
        # Pictures editors put under content/ are published without their metadata too.
        for file in [f for f in files if not f.generated_by and images.is_image(f.src_uri)]:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=outputs.stripped_image(Path(file.abs_src_path))))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        """Hand-written pages that stand for a model get their template: the home page and briefing papers."""
        assert self.site is not None
        if page.file.src_uri == "index.md":
            page.meta.setdefault("template", "home.html")
        elif templating.briefing_for(self.site, page.file.src_uri) is not None:
            page.meta["template"] = "briefing.html"
        elif page.file.src_uri == statement.SOURCE:
            # The accessibility statement names the date of the last automated check.
            markdown = statement.fill(markdown, self.site.today, Path(config.config_file_path).parent)
        return markdown

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        assert self.site is not None
        templating.install(env, self.site, config)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
        assert self.site is not None
        context["site_data"] = self.site
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            context.update(generated.context)
        else:
            context.update(templating.context_for_source_page(self.site, page.file.src_uri))
        return context

    # Run after every other plugin, so the check sees each page exactly as it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        output = html_fixes.fix_page(output)
        problems = safe_html.page_problems(output, page.file, config)
        if problems:
            raise PluginError("unsafe HTML in the built page:\n" + "\n".join(problems))
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """Theme pages that are not MkDocs pages (404.html) get the same HTML corrections."""
        return html_fixes.fix_page(output_content) if template_name.endswith(".html") else output_content

    # Run last so that every page is written before the outputs derived from them.
    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        assert self.site is not None
        outputs.write_all(self.site, Path(config.site_dir), config, pdf=self.config.pdf)
