"""``python -m build_tools build``: validate, then build the site atomically.

The site is built into a temporary folder beside ``site/`` (``.site-build-…``) and swapped in
only when every step succeeded, so a failed build (content, template or PDF) leaves the last
good ``site/`` exactly as it was. The swap is one atomic exchange of the two folders, so even a
build killed at any moment (``kill -9``, a cancelled CI job) leaves a complete ``site/``, old
or new; the next build removes what a killed one left beside it.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: two builds into one folder at once are not prevented there
    fcntl = None

from build_tools.cli.main import print_problems
from build_tools.content.environment import environment
from build_tools.content.errors import errors_in, warnings_in
from build_tools.site.published import Site


class _EditorLogFormatter(logging.Formatter):
    """MkDocs' messages led by the content file they concern; in a strict build every warning
    stops the build, so it is shown as an error (a ``warning:`` line never stops the build)."""

    def __init__(self, strict: bool) -> None:
        super().__init__()
        self.strict = strict

    def format(self, record: logging.LogRecord) -> str:
        from build_tools.mkdocs.warnings import editor_message

        message = record.getMessage()
        if record.levelno != logging.WARNING:
            return f"{record.levelname.lower()}: {message}"  # the plugin's own errors are already editors' text
        return f"{'error' if self.strict else 'warning'}: {editor_message(message)}"


def _configure_mkdocs_logging(verbose: bool, strict: bool = False) -> None:
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler := logging.StreamHandler(sys.stderr)]
    handler.setFormatter(_EditorLogFormatter(strict))
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); ``False``
    where the system or file system cannot, so the caller falls back to two renames."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_into_place(built: Path, target: Path) -> None:
    """Put ``built`` where ``target`` is, so that at every moment ``target`` is a whole site.

    The old site ends up at ``built``'s path; the caller removes it with the rest of the
    temporary folder.
    """
    if not target.exists():
        built.rename(target)
    elif not _exchange(built, target):
        # Two renames: a reader (or a kill) between them finds no site; only where no exchange exists.
        old = built.with_name(f"{built.name}-old")
        target.rename(old)
        built.rename(target)
        old.rename(built)


def leftovers(target: Path) -> list[Path]:
    """Temporary folders that earlier builds into ``target`` left behind when they were killed."""
    return sorted(target.parent.glob(f".{target.name}-build-*"))


def lock_folder(folder: Path) -> int | None:
    """Hold an exclusive lock on ``folder`` (released when the process ends, even killed);
    ``None`` when another build holds it. Give the result to :func:`unlock_folder`."""
    if fcntl is None:
        return -1
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        return None
    return handle


def unlock_folder(handle: int) -> None:
    if handle >= 0:
        os.close(handle)


def build_site(root: Path, site_dir: Path, *, pdf: bool = True, offline: bool = False,
               strict: bool = True, verbose: bool = False, site: Site | None = None,
               last_build: Path | None = None) -> None:
    """Run the MkDocs build into ``site_dir`` (which must not be the live site); ``last_build`` is the
    last build (the live site), whose calendar history keeps each event's SEQUENCE growing."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    _configure_mkdocs_logging(verbose, strict)
    with environment(RECOVERY_OFFLINE="true" if offline else "false"):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        plugin = config.plugins["recovery-college"]
        plugin.config.pdf = pdf
        plugin.preloaded = site
        plugin.previous_site = last_build
        if offline:
            config.use_directory_urls = False
        mkdocs_build(config)


def build_with_offline_pack(root: Path, site_dir: Path, offline_dir: Path, *, pdf: bool = True,
                            verbose: bool = False, site: Site | None = None, last_build: Path | None = None) -> Path:
    """The public site in ``site_dir``, plus ``offline.zip``: a copy that works from ``file://``.

    The copy is built separately (page addresses end in .html, search works without a server);
    the printed editions of the public build are copied into it rather than made twice.
    """
    from build_tools.web.offline import ZIP_NAME, make_zip

    with environment(RECOVERY_OFFLINE_PACK="true"):  # the public pages then link to the zip
        build_site(root, site_dir, pdf=pdf, verbose=verbose, site=site, last_build=last_build)
    build_site(root, offline_dir, pdf=False, offline=True, verbose=verbose, site=site, last_build=last_build)
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
    if str(exc).strip().startswith("Aborted with a BuildError"):
        return "a page could not be built; the reason is above, with the file to correct."
    strict_abort = re.match(r"Aborted with (\d+) warnings? in strict mode", str(exc).strip())
    if strict_abort:
        count = int(strict_abort.group(1))
        return (f"{count} problem{'s' if count != 1 else ''} listed above as error: lines, each with the file "
                "to correct.")
    return str(exc).strip() or "see the messages above"


def _walk(tb):  # noqa: ANN001, ANN202 - a traceback chain
    while tb is not None:
        yield tb
        tb = tb.tb_next


def cmd_build(args: argparse.Namespace) -> int:
    from jinja2 import TemplateError
    from mkdocs.exceptions import MkDocsException

    from build_tools.printed.typeset import PrintError
    from build_tools.site.published import today
    from build_tools.web.check import check_project

    started = time.perf_counter()
    root: Path = args.root
    target = (root / "site") if args.site_dir is None else args.site_dir.resolve()
    on = today()
    print("Checking content…", flush=True)
    _, site, report = check_project(root, on)
    problems = report.problems
    print_problems(problems, "text")
    if errors_in(problems):
        print(f"\n{len(errors_in(problems))} error(s) in content: the site was not built, and site/ is unchanged.")
        return 1
    print(f"Building the website{'' if args.no_pdf else ' and printed editions'}…", flush=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_folder(target.parent)
    if lock is None:
        print(f"\nAnother build into {target.name}/ is running; wait for it to finish, then build again.")
        return 1
    for leftover in leftovers(target):
        shutil.rmtree(leftover, ignore_errors=True)
    workdir = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    built = workdir / "site"
    try:
        if args.offline:
            build_with_offline_pack(root, built, workdir / "offline", pdf=not args.no_pdf, verbose=args.verbose,
                                    site=site, last_build=target)
        else:
            build_site(root, built, pdf=not args.no_pdf, verbose=args.verbose, site=site, last_build=target)
        swap_into_place(built, target)
    except (MkDocsException, SystemExit, TemplateError, OSError, PrintError) as exc:
        detail = failure_detail(exc, root, built)
        print(f"\nThe build failed: {detail}\nsite/ is unchanged (the last good build is still there).")
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        unlock_folder(lock)

    seconds = time.perf_counter() - started
    print(f"\nBuilt {target.relative_to(root) if target.is_relative_to(root) else target}/ in {seconds:.1f} s:")
    print(f"  {len(site.courses)} courses ({len(report.held_back_of('course'))} not published: drafts, cancelled or "
          f"archived), {len(site.timetable)} sessions")
    print(f"  {len(site.stories)} stories, {len(report.held_back_of('story'))} held back")
    for held in report.held_back:
        if held.kind != "course":
            print(f"    held back: {held.path}: {held.reason}")
    print(f"  {len(site.briefings)} briefing papers, {len(site.resources)} resources, {len(site.venues)} venues")
    runs = sum(len(course.runs) for course in [*site.courses, *site.retired_courses])
    print(f"  {len(site.courses) + len(site.retired_courses) + runs + 1} calendars (.ics), 2 feeds" + (", offline.zip" if args.offline else ""))
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


