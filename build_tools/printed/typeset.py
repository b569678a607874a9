"""Lay out a printed edition with Typst: data in, tagged PDF/UA-1 out, nothing else read.

Each edition is a Typst template of ``theme/prospectus/`` and one JSON file of plain values made
in Python from the validated ``Site`` (:mod:`build_tools.printed.prospectus`,
:mod:`build_tools.printed.print_editions`). The template reads that file with ``json()``, so
content is only ever text to Typst, never markup. The compilation's root is a fresh temporary
folder holding just the templates, the JSON and the stripped pictures the edition shows: a
document can read no other file. Typst checks PDF/UA-1 itself; :mod:`build_tools.printed.pdf_ua`
adds what it does not write (page labels with the cover named, link descriptions).

A Typst error becomes a :class:`PrintError` of ``file:line: print: …`` problems, never a traceback.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.content.errors import ContentError, Problem, error
from build_tools.printed import pdf_ua

TEMPLATE_SUFFIX = ".typ"
DATA_NAME = "data.json"
PICTURES = "pictures"
# Typst's diagnostic names the file and line: "┌─ prospectus.typ:12:3".
_WHERE = re.compile(r"┌─ (?P<file>[^:\n]+):(?P<line>\d+):\d+")


class PrintError(ContentError):
    """A printed edition could not be made; carries a ``file:line:`` problem for each cause."""

    where = "in the printed editions"


@dataclass(frozen=True)
class PrintJob:
    """One document to lay out: its template, its data, its pictures and where the PDF goes.

    ``pictures`` maps a name inside the layout folder (``pictures/1.jpg``) to the stripped bytes;
    ``targets`` names what each label of the document is, for link descriptions
    (``course-understanding-anxiety`` -> ``Understanding Anxiety``).
    """

    template: str
    data: dict[str, Any]
    target: Path
    pictures: dict[str, bytes] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)


def templates_dir(root: Path) -> Path:
    return root / "theme" / "prospectus"


def write_pdfs(root: Path, jobs: list[PrintJob]) -> None:
    """Lay out each job's PDF (written whole, then moved into place); raises :class:`PrintError`.

    Each job runs in a fresh process, side by side where cores allow: Typst keeps what it laid
    out in memory for the next compilation, which a build never makes (and a long ``serve``
    would only fill memory with), and the editions do not wait for each other.
    """
    templates = templates_dir(root)
    # "spawn": a fresh interpreter per worker, safe even when the caller runs threads (mkdocs serve).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1), mp_context=context,
                             max_tasks_per_child=1) as pool:
        done = [pool.submit(_lay_out, templates, job) for job in jobs]
        # Both prospectus editions use one template: a mistake in it is reported once.
        problems = list(dict.fromkeys(problem for future in done for problem in future.result()))
    if problems:
        raise PrintError(problems)


def _lay_out(templates: Path, job: PrintJob) -> list[Problem]:
    import typst

    job.target.parent.mkdir(parents=True, exist_ok=True)
    partial = job.target.with_name(f".{job.target.name}.part")
    with tempfile.TemporaryDirectory(prefix="print-") as folder:
        work = Path(folder)
        for template in sorted(templates.glob(f"*{TEMPLATE_SUFFIX}")):
            shutil.copyfile(template, work / template.name)
        (work / DATA_NAME).write_text(json.dumps(job.data, ensure_ascii=False), encoding="utf-8")
        for name, data in job.pictures.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_bytes(data)
        try:
            typst.compile(str(work / job.template), output=str(partial), root=str(work), pdf_standards="ua-1",
                          font_paths=[], sys_inputs={})
        except typst.TypstError as exc:
            partial.unlink(missing_ok=True)
            return [_problem(exc)]
    try:
        pdf_ua.finish(partial, job.targets)
        partial.replace(job.target)
    finally:
        partial.unlink(missing_ok=True)
    return []


def _problem(exc: Exception) -> Problem:
    """A Typst error as the editor reads it: the template's file and line, then Typst's message."""
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    where = _WHERE.search(diagnostic)
    # The file is named as Typst saw it in the layout folder: the template's name is what counts.
    path = f"theme/prospectus/{Path(where.group('file')).name}" if where else "theme/prospectus"
    line = int(where.group("line")) if where else 1
    message = str(getattr(exc, "message", "") or exc).strip().rstrip(".")
    hints = "; ".join(str(h).rstrip(".") for h in getattr(exc, "hints", None) or [])
    return error(path, line, "print", f"Typst could not lay out the edition: {message}"
                 f"{'; ' + hints if hints else ''}; fix the template, or report this with the file and line.")
