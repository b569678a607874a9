"""MkDocs plugin: a thin adapter between MkDocs events and the project's plain functions.

* ``on_config``  loads and validates every collection (fails with the full list of errors);
* ``on_pre_build`` lays out the printed editions first, so pages can give their sizes;
* ``on_files``   adds the generated pages and media, and drops files that must not be published;
* ``on_page_context`` / ``on_env`` hand typed objects and filters to the templates;
* ``on_post_build`` writes the outputs beside the pages (calendars, feeds, PDFs), then the search index.
"""

from __future__ import annotations

import html as html_text
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _AbsoluteLinksValidationValue

from build_tools.content import images
from build_tools.content.errors import ContentError
from build_tools.content.rules import allowlist
from build_tools.content.rules import files as content_files
from build_tools.mkdocs import compiled_templates, converters, html_fixes, icons, outputs, preview, safe_html, theme_scripts
from build_tools.printed.prospectus import EditionFile, edition_files, write_printed_editions
from build_tools.site.published import Site
from build_tools.web import (
    brand,
    calendar,
    labels,
    minify,
    pictures,
    remote_images,
    search,
    site_files,
    statement,
    templating,
    unused_css,
)
from build_tools.web.check import load_checked
from build_tools.web.pages import GeneratedPage
from build_tools.web.pages.every import generated_pages
from build_tools.web.source_links import story_pictures

# Lets search run from file:// in the offline copy; self-hosted, so no request leaves the site.
OFFLINE_SEARCH_SHIM = "assets/javascripts/iframe-worker-shim.js"
# The public website's search box (theme/partials/site-search.html): its script and style sheet.
SEARCH_SCRIPT = "assets/javascripts/search.js"
SEARCH_STYLESHEET = "assets/stylesheets/search.css"


def strict_links(config: Any) -> None:
    """Links resolve as ``validate`` resolves them (``web/source_links.py``): a path from ``/`` is a
    file under content/, on every page; a link MkDocs cannot place is a warning, so strict mode
    stops rather than publish it broken. Set here, not in mkdocs.yml, so the two never disagree."""
    links = config.validation.links
    links.absolute_links = _AbsoluteLinksValidationValue.RELATIVE_TO_DOCS
    links.not_found = links.unrecognized_links = links.anchors = logging.WARNING


class RecoveryCollegeConfig(Config):
    pdf = opt.Type(bool, default=True)
    """Write the printed prospectus and stories booklet (PDF) after the build; off for previews."""
    csp_report_uri = opt.Optional(opt.URL())
    """Where browsers report what the Content-Security-Policy refused (an address of the college's
    own); sent in site/_headers only, so hosts that read no _headers send no reports."""


class RecoveryCollegePlugin(BasePlugin[RecoveryCollegeConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        # Set by `python -m build_tools build`, which has just validated the content: saves
        # loading everything twice. Used for one build only; `serve` reloads on every rebuild.
        self.preloaded: Site | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.scripts: theme_scripts.ThemeScripts | None = None
        # The live preview injects its own reload script into every page, which the policy in
        # a <meta> element would refuse; previews get the policy from _headers only.
        self.serving = False
        # Where the previous build is, for the calendars' history (see web.calendar); set by
        # `build`, which builds into a new folder. Otherwise the site_dir being rebuilt.
        self.previous_site: Path | None = None
        self.history = calendar.History()
        # The printed editions of this build: laid out before the pages, copied beside them after.
        self.print_dir: Path | None = None
        self.editions: list[EditionFile] = []
        # The public website searches with a Pagefind index made after the build (web.search);
        # the offline copy keeps Material's search, which works from file://.
        self.pagefind = True
        # Every published picture of this build by its path in site/, for the pages' <img> (web/pictures.py).
        self.pictures: dict[str, pictures.Picture] = {}
        # The classes and ids of this build's pages (and the words of their inline scripts), read
        # by the whole-page check, for pruning Material's style sheet (web/unused_css.py).
        self.page_names: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Run before other plugins' on_config so that invalid content stops the build at once, and
    # before the offline plugin's, which adds its search shim from a CDN unless one is listed.
    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        converters.install()
        strict_links(config)
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        self.pagefind = offline is None or not offline.config.enabled
        if not self.pagefind:
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SEARCH_SHIM]
        material_search = config.plugins.get("material/search") or config.plugins.get("search")
        if material_search is not None and self.pagefind:
            material_search.config.enabled = False  # its index would be downloaded whole; see web.search
        if self.pagefind:
            config.extra_css.append(SEARCH_STYLESHEET)
            script = opt.ExtraScriptValue(SEARCH_SCRIPT)
            script.defer = True  # as the theme's other scripts: never holds up the first paint
            config.extra_javascript.append(script)
        # Read before MkDocs empties site_dir for the new build.
        self.history = calendar.History.load(self.previous_site or Path(config.site_dir))
        if self.preloaded is not None:
            self.site, self.preloaded = self.preloaded, None
        else:
            try:
                self.site, _ = load_checked(root)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
        missing = icons.missing_icons(self.site.pages, config.theme.dirs)
        if missing:
            raise PluginError("\n".join(missing))
        # The college's brand: its colours after the theme's style sheets, its logo in the header.
        config.extra_css.append(brand.STYLESHEET)
        if self.site.settings.brand.logo:
            config.theme["logo"] = self.site.settings.brand.logo
        # The pages declare the language the feeds and printed editions do (<html lang>), also
        # when mkdocs.yml leaves theme.language out (Material would say "en").
        config.theme["language"] = self.site.settings.language
        return config

    def on_pre_build(self, *, config: Any) -> None:
        """The PDFs first, into a folder of their own: the pages that link to them give their page
        counts and sizes, which only the written files know. Copied into site/ by on_post_build."""
        assert self.site is not None
        self.page_names = set()
        self._discard_print_dir()
        if self.config.pdf:
            site_dir = Path(config.site_dir)
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            self.print_dir = Path(tempfile.mkdtemp(prefix=".print-", dir=site_dir.parent))
            self.editions = edition_files(write_printed_editions(self.site, self.print_dir, config))

    def on_build_error(self, *, error: Exception) -> None:
        self._discard_print_dir()

    def _discard_print_dir(self) -> None:
        if self.print_dir is not None:
            shutil.rmtree(self.print_dir, ignore_errors=True)
        self.print_dir, self.editions = None, []

    # Run before search and offline plugins so they see the generated pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.site is not None
        self.generated = {}
        for page in generated_pages(self.site):
            self.generated[page.src_uri] = page
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown()))
        # Draft briefing papers are files under content/ too, but not published.
        for file in [f for f in files if site_files.is_unpublished_paper(self.site, f.src_uri)]:
            files.remove(file)
        files.append(File.generated(config, brand.STYLESHEET,
                                    content=minify.minified(brand.STYLESHEET, brand.stylesheet(self.site.settings.brand))))
        _minify_theme_files(files, config)
        self.pictures = {}
        cache = pictures.CopyCache(self.site.root / pictures.CACHE)
        for media in outputs.story_media_files(self.site):
            if images.is_image(media.dest):
                self._add_picture(files, config, media.dest, outputs.stripped_image(media.source), cache)
            else:
                files.append(File.generated(config, media.dest, content=media.content()))
        # Files under content/ are published by allow-list only (validate warns about the others).
        referenced = content_files.referenced_files(self.site.resources, self.site.briefings)
        docs_dir = Path(config.docs_dir).resolve()
        for file in [f for f in files if not f.generated_by and f.abs_src_path
                     and Path(f.abs_src_path).resolve().is_relative_to(docs_dir)
                     and not content_files.is_published(f.src_uri, referenced)]:
            files.remove(file)
        # Pictures in a published story's text are its media too (validate checks they exist).
        for dest in story_pictures(self.site):
            if files.get_file_from_path(dest) is None:
                self._add_picture(files, config, dest, outputs.stripped_image(self.site.root / dest), cache)
        # Pictures editors put under content/ are published without their metadata too (and so
        # are the theme's, the favicon, which pages show in no <img>: they get no copies).
        for file in [f for f in files if not f.generated_by and images.is_image(f.src_uri)]:
            files.remove(file)
            stripped = outputs.stripped_image(Path(file.abs_src_path))
            if Path(file.abs_src_path).resolve().is_relative_to(docs_dir):
                self._add_picture(files, config, file.src_uri, stripped, cache)
            else:
                files.append(File.generated(config, file.src_uri, content=stripped))
        return files

    def _add_picture(self, files: Files, config: Any, dest: str, stripped: bytes, cache: pictures.CopyCache) -> None:
        """A picture without its metadata, and its smaller copies for the pages (web/pictures.py)."""
        picture, copies = pictures.publish(stripped, cache)
        self.pictures[dest] = picture
        files.append(File.generated(config, dest, content=stripped))
        for copy_dest, data in copies.items():
            if files.get_file_from_path(copy_dest) is None:  # the same picture published twice
                files.append(File.generated(config, copy_dest, content=data))

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
        compiled_templates.install(env)
        self.scripts = theme_scripts.ThemeScripts(env, config, theme_scripts.site_base_urls(files, config))
        labels.install(env)
        env.globals["run_calendar"] = calendar.run_file
        env.globals["printed_editions"] = self.editions
        env.globals["pagefind_search"] = self.pagefind
        return env

    def _checked(self, output: str, label: str, config: Any) -> str:
        """The page checked as a whole (:func:`safe_html.read_page`), with the meta policy added.
        Stops the build on unsafe markup, or an inline script that is not the theme's."""
        assert self.scripts is not None
        reading = safe_html.read_page(output, tuple(config.theme.dirs))
        if reading.problems:
            raise PluginError("unsafe HTML in the built page:\n" + "\n".join(f"{label}: {message}"
                                                                          for message in reading.problems))
        self.page_names |= reading.names
        self.page_names.update(word for script in reading.inline_scripts for word in unused_css.words(script))
        foreign = self.scripts.foreign(reading.inline_scripts)
        if foreign:
            raise PluginError(f"{label}: this page holds {foreign} inline script(s) that are not the theme's own; "
                              "scripts can only come from the theme (theme/assets/javascripts/), never from content.")
        if self.serving:
            return output
        return theme_scripts.with_meta_policy(output, self.scripts.hashes)

    # Run after the search plugin, which rewrites page.content as a plain string.
    @event_priority(-100)
    def on_page_context(self, context: dict[str, Any], *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
        assert self.site is not None
        # Checked in on_page_content; marked safe again so that the escaping templates print it as HTML.
        page.content = Markup(page.content or "")
        _plain_toc_titles(page.toc)
        context["site_data"] = self.site
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            context.update(generated.context)
        else:
            context.update(templating.context_for_source_page(self.site, page.file.src_uri))
        return context

    # Run after every other plugin, so the check sees the content exactly as the page will hold it.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> Markup:
        """The page's Markdown as HTML, checked against the content allow-list; marked safe for
        the templates, which escape everything else they print."""
        hosts = allowlist.image_hosts(config)
        problems = safe_html.page_problems(safe_html.content_problems(html, hosts), page.file, config)
        if problems:
            raise PluginError("unsafe HTML in the page content:\n" + "\n".join(problems))
        if "title" not in page.meta and page.title:
            # A title taken from the page's first heading is HTML text ("Tea &amp; cake"); the
            # templates, which escape what they print, need it as plain text.
            page.title = html_text.unescape(page.title)
        return Markup(remote_images.on_request(html, hosts))

    # Run after every other plugin, so the check sees each page exactly as it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        output = pictures.responsive(_fixed(output), page.url, self.pictures)
        output = self._public_search(output, searchable=search.searchable(page.meta))
        return self._checked(output, theme_scripts.page_label(page, config), config)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """Theme pages that are not MkDocs pages (404.html) get the same HTML corrections, check and policy."""
        if not template_name.endswith(".html"):
            return output_content
        output = pictures.responsive(_fixed(output_content), template_name, self.pictures)
        output = self._public_search(output, searchable=False)
        return self._checked(output, f"theme/{template_name}", config)

    # Run last so that every page is written before the outputs derived from them.
    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        assert self.site is not None
        assert self.scripts is not None
        outputs.write_all(self.site, Path(config.site_dir), config, printed=self.print_dir,
                          script_hashes=self.scripts.hashes, page_names=self.page_names,
                          report_uri=self.config.csp_report_uri,
                          history=self.history)
        self._discard_print_dir()
        if self.pagefind:
            try:
                search.index_site(Path(config.site_dir))
            except search.SearchIndexError as exc:
                raise PluginError(str(exc)) from None

    def _public_search(self, output: str, *, searchable: bool) -> str:
        """Where the site searches with Pagefind: Material's search checkbox hidden, and the
        content area of a searchable page marked for the index."""
        if not self.pagefind:
            return output
        output = _fixed(output, html_fixes.hide_search_toggle)
        return _fixed(output, html_fixes.mark_search_body) if searchable else output

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """The preview answers only requests for its own address (see ``preview``)."""
        host, port = server.server_address[:2]
        server.set_app(preview.host_checked(server.get_app(), preview.allowed_hosts(host, port)))
        return server


def _minify_theme_files(files: Files, config: Any) -> None:
    """The theme's own style sheets and scripts (under ``custom_dir``) as minified copies."""
    if not config.theme.custom_dir:
        return
    theme_dir = Path(config.theme.custom_dir).resolve()
    for file in [f for f in files if not f.generated_by and f.abs_src_path and minify.is_minifiable(f.src_uri)
                 and Path(f.abs_src_path).resolve().is_relative_to(theme_dir)]:
        files.remove(file)
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.append(File.generated(config, file.src_uri, content=minify.minified(file.src_uri, text)))


def _fixed(html: str, fix: Any = html_fixes.fix_page) -> str:
    try:
        return fix(html)
    except html_fixes.MaterialMarkupChanged as exc:
        raise PluginError(str(exc)) from None


def _plain_toc_titles(links: Any) -> None:
    """Table-of-contents titles as plain text: Python-Markdown gives them as HTML text
    (``Q &amp; A``), and the templates escape what they print."""
    for link in links or ():
        link.title = html_text.unescape(link.title)
        _plain_toc_titles(link.children)
