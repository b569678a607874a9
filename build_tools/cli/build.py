"""``python -m build_tools build``: validate, then build the site atomically.

The site is built into a temporary folder beside ``site/`` and swapped in only when every
step succeeded, so a failed build (content, template or PDF) leaves the last good ``site/``
exactly as it was.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from build_tools.cli.main import print_problems
from build_tools.content.environment import environment
from build_tools.content.errors import errors_in, warnings_in
from build_tools.site.published import Site


class _EditorLogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _configure_mkdocs_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler := logging.StreamHandler(sys.stderr)]
    handler.setFormatter(_EditorLogFormatter())
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` by ``built`` with two renames, so readers never see a half-written site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path, *, pdf: bool = True, offline: bool = False,
               strict: bool = True, verbose: bool = False, site: Site | None = None) -> None:
    """Run the MkDocs build into ``site_dir`` (which must not be the live site)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    _configure_mkdocs_logging(verbose)
    with environment(RECOVERY_OFFLINE="true" if offline else "false"):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        plugin = config.plugins["recovery-college"]
        plugin.config.pdf = pdf
        plugin.preloaded = site
        if offline:
            config.use_directory_urls = False
        mkdocs_build(config)


def build_with_offline_pack(root: Path, site_dir: Path, offline_dir: Path, *, pdf: bool = True,
                            verbose: bool = False, site: Site | None = None) -> Path:
    """The public site in ``site_dir``, plus ``offline.zip``: a copy that works from ``file://``.

    The copy is built separately (page addresses end in .html, search works without a server);
    the printed editions of the public build are copied into it rather than made twice.
    """
    from build_tools.web.offline import ZIP_NAME, make_zip

    with environment(RECOVERY_OFFLINE_PACK="true"):  # the public pages then link to the zip
        build_site(root, site_dir, pdf=pdf, verbose=verbose, site=site)
    build_site(root, offline_dir, pdf=False, offline=True, verbose=verbose, site=site)
    for pdf_file in site_dir.rglob("*.pdf"):
        copy = offline_dir / pdf_file.relative_to(site_dir)
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pdf_file, copy)
    return make_zip(offline_dir, site_dir / ZIP_NAME)


def failure_detail(exc: BaseException, root: Path, built: Path) -> str:
    """Why the build stopped, in one sentence: a template's file and line, or the file that failed."""
    from jinja2 import TemplateError, TemplateSyntaxError

    def shown(path: str | os.PathLike[str]) -> str:
        for base, name in ((built, "site"), (root, "")):
            if Path(path).is_relative_to(base):
                return str(Path(name) / Path(path).relative_to(base))
        return str(path)

    if isinstance(exc, TemplateError):
        if isinstance(exc, TemplateSyntaxError):
            where, line, message = exc.filename or exc.name or "", exc.lineno, exc.message or str(exc)
        else:
            # Jinja rewrites tracebacks so that template frames carry the template's file and line.
            frames = [(tb.tb_frame.f_code.co_filename, tb.tb_lineno) for tb in _walk(exc.__traceback__)]
            where, line = next(((f, n) for f, n in reversed(frames) if f.endswith(".html")), ("", 0))
            message = exc.message or str(exc)
        if where:
            return f"the template {shown(where)} has an error on line {line}: {message}"
        return f"a template has an error: {message}"
    if isinstance(exc, OSError):
        return f"a file could not be written: {shown(exc.filename or '')} ({exc.strerror})."
    return str(exc).strip() or "see the messages above"


def _walk(tb):  # noqa: ANN001, ANN202 - a traceback chain
    while tb is not None:
        yield tb
        tb = tb.tb_next


def cmd_build(args: argparse.Namespace) -> int:
    from jinja2 import TemplateError
    from mkdocs.exceptions import MkDocsException

    from build_tools.site.published import assemble, today, validate

    started = time.perf_counter()
    root: Path = args.root
    target = (root / "site") if args.site_dir is None else args.site_dir.resolve()
    on = today()
    print("Checking content…", flush=True)
    collections, problems = validate(root, on)
    print_problems(problems, "text")
    if errors_in(problems):
        print(f"\n{len(errors_in(problems))} error(s) in content: the site was not built, and site/ is unchanged.")
        return 1
    site = assemble(collections, problems, on)
    print(f"Building the website{'' if args.no_pdf else ' and printed editions'}…", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    built = workdir / "site"
    try:
        if args.offline:
            build_with_offline_pack(root, built, workdir / "offline", pdf=not args.no_pdf, verbose=args.verbose,
                                    site=site)
        else:
            build_site(root, built, pdf=not args.no_pdf, verbose=args.verbose, site=site)
        swap_into_place(built, target)
    except (MkDocsException, SystemExit, TemplateError, OSError) as exc:
        detail = failure_detail(exc, root, built)
        print(f"\nThe build failed: {detail}\nsite/ is unchanged (the last good build is still there).")
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    seconds = time.perf_counter() - started
    print(f"\nBuilt {target.relative_to(root) if target.is_relative_to(root) else target}/ in {seconds:.1f} s:")
    print(f"  {len(site.courses)} courses ({len(site.unpublished_courses)} not published: drafts, cancelled or "
          f"archived), {len(site.timetable)} sessions")
    print(f"  {len(site.stories)} stories, {len(site.held_back)} held back")
    for held in site.held_back:
        print(f"    held back: {held.story.source_path}: {held.reason}")
    print(f"  {len(site.briefings)} briefing papers, {len(site.resources)} resources, {len(site.venues)} venues")
    print(f"  {len(site.courses) + 1} calendars (.ics), 2 feeds" + (", offline.zip" if args.offline else ""))
    if warnings_in(problems):
        print(f"  {len(warnings_in(problems))} warning(s) for editors, listed above")
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    build = command("build", cmd_build, "validate the content and build the website (and PDFs) into site/")
    build.add_argument("--no-pdf", action="store_true", help="skip the printed editions (faster previews)")
    build.add_argument("--offline", action="store_true",
                       help="build a copy that works from file:// (with search), and a zip of it")
    build.add_argument("--site-dir", type=Path, default=None, help="where to build (default: site/)")
    build.add_argument("--verbose", action="store_true", help="show every MkDocs message")


