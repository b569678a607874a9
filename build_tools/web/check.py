"""Everything ``validate`` reports, and the build checks first: the content rules, then the
links and pictures the build would refuse (see :mod:`build_tools.web.source_links`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from build_tools.content.errors import ContentError, errors_in
from build_tools.content.load import Collections
from build_tools.site.published import Report, Site, publish, today, validate
from build_tools.web.source_links import link_problems


def check_project(root: Path, on: dt.date | None = None) -> tuple[Collections, Site, Report]:
    """Load, check and publish ``root``; ``Report.problems`` holds every problem, sorted by file and line."""
    on = on or today()
    collections, problems = validate(root, on)
    site, report = publish(collections, problems, on)
    # A course with errors of its own (an unknown category, say) cannot be laid out as a page;
    # the links are checked without it, and links to it wait until it is corrected.
    wrong = {p.path for p in errors_in(problems)}
    laid_out = replace(site, courses=[c for c in site.courses if c.source_path not in wrong])
    waiting = {f"courses/{c.id}.md" for c in site.courses if c.source_path in wrong}
    # Texts of files with errors are not rendered: an error may be a limit that keeps hostile
    # Markdown (thousands of open "<") away from Python-Markdown, whose HTML reader is quadratic.
    # Their links are checked once the errors are corrected.
    report.problems = sorted(set(problems) | set(link_problems(laid_out, report, waiting, skip=wrong)),
                             key=lambda p: (p.path, p.line, p.field, p.message))
    return collections, site, report


def load_checked(root: Path, on: dt.date | None = None) -> tuple[Site, Report]:
    """The published :class:`Site` and its :class:`Report`, or :class:`ContentError` listing every error."""
    _, site, report = check_project(root, on)
    if errors_in(report.problems):
        raise ContentError(report.problems)
    return site, report

