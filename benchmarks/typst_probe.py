"""Probe: the prospectus's course entries, timetable and index laid out by Typst instead of WeasyPrint.

Evidence for the choice of print engine (benchmarks/RESULTS.md), not part of the build. The same
synthetic project as ``python -m build_tools bench`` is made for N courses; its validated Site is
written as JSON (so no content is ever parsed as Typst markup) and a small Typst template lays out
every course entry with the same fields as theme/prospectus/_parts.html, the timetable as one
table per month with header rows, and the A to Z index with page numbers, as tagged PDF/UA-1
(Typst refuses a document that breaks its rules). The same Site is then laid out by WeasyPrint
with the real templates, and both are timed, median of the runs. Typst remembers its work
between compilations in one process, so only the first run of each size is a cold one; run the
probe once per figure (``--runs 1``) for cold timings.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/typst_probe.py --courses 100,600 --runs 3
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TEMPLATE = r"""
#let data = json("data.json")
#set document(title: data.title, author: data.college)
#set text(font: ("Liberation Sans", "DejaVu Sans"), size: 12pt, lang: "en", region: "GB")
#set par(leading: 0.55em)
#set page(paper: "a4", margin: (x: 18mm, top: 22mm, bottom: 20mm),
  header: context {
    let here-page = here().page()
    let before = query(heading.where(level: 1).before(here()))
    if before.len() > 0 and here-page > 1 { text(10pt, weight: "bold", before.last().body) }
  },
  footer: context { text(10pt)[#data.college #h(1fr) Page #counter(page).display() of #counter(page).final().first()] })
#show heading.where(level: 1): it => { pagebreak(weak: true); text(24pt, it) }
#show heading.where(level: 2): set text(15pt)

#outline(depth: 2)

#for category in data.categories [
  = #category.name
  #category.description
  #for course in category.courses [
    #block(breakable: true, above: 6mm)[
      #heading(level: 2, course.title)#label("course-" + course.id)
      #text(13pt, course.summary)
      #grid(columns: (37mm, 1fr), column-gutter: 4mm, row-gutter: 2.5mm,
        strong[You will learn to], list(..course.outcomes.map(o => [#o])),
        strong[Co-delivered by], course.facilitators.map(p => [*#p.name*, #p.role]).join(linebreak()),
        strong[Format], course.format,
        strong[Who can attend], course.who,
        strong[Cost], course.cost,
        strong[Dates and places], course.runs.map(r => [*#r.term:* #r.place \ #r.when]).join(linebreak()),
        strong[To enrol], course.enrol,
        strong[On the web], link(course.url, course.address),
      )
    ]
  ]
]

= Timetable by date
#for month in data.timetable [
  #heading(level: 2, outlined: false, month.name)
  #table(columns: (25mm, 33mm, 1fr, 1fr), stroke: 0.5pt + luma(200),
    table.header([*Date*], [*Time*], [*Course*], [*Where*]),
    ..month.rows.map(r => (r.date, r.time, r.course, r.place)).flatten())
]

= Courses from A to Z
#for entry in data.index [
  #link(label("course-" + entry.id), entry.title) #box(width: 1fr, repeat[.]) #context counter(page).at(label("course-" + entry.id)).first() \
]
"""


def load_generator() -> object:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    return module


def site_json(site: object, settings: object) -> dict:
    """The Site's course data as the prospectus shows it, as plain JSON."""
    from build_tools.printed.prospectus import build_edition
    from build_tools.web.templating import clock, label, short_date

    edition = build_edition(site, settings)
    categories = []
    for category, views in edition.categories:
        courses = []
        for view in views:
            course = view.course
            runs = [{"term": r.term.name,
                     "place": r.venue.name if r.venue else "Online",
                     "when": "; ".join(f"{g.weekday + ', ' if g.weekday else ''}{clock(g.start)} to {clock(g.end)}: "
                                       + ", ".join(short_date(d) for d in g.dates) for g in r.groups)}
                    for r in view.runs]
            courses.append({
                "id": course.id, "title": course.title, "summary": course.summary,
                "outcomes": list(course.learning_outcomes),
                "facilitators": [{"name": p.name, "role": p.role} for p in course.facilitators],
                "format": f"{label(course.format.type, 'format')}. {course.format.length}",
                "who": ", ".join(label(a, "audience") for a in course.who_can_attend.open_to),
                "cost": f"{course.cost}. Up to {course.class_size} students.",
                "runs": runs,
                "enrol": f"Phone {course.enrol.phone or settings.college.get('phone', '')}",
                "url": view.url, "address": settings.readable(view.url),
            })
        categories.append({"name": category.name, "description": category.description, "courses": courses})
    timetable = [{"name": month.month.strftime("%B %Y"),
                  "rows": [{"date": f"{day.day:%a} {day.day.day} {day.day:%b}" if i == 0 else "",
                            "time": f"{clock(e.session.start)} to {clock(e.session.end)}",
                            "course": e.course.title, "place": e.venue.name if e.venue else "Online"}
                           for day in month.days for i, e in enumerate(day.entries)]}
                 for _, months in edition.timetable for month in months]
    index = [{"title": title, "id": view.course.id} for _, entries in edition.index for title, view in entries]
    return {"title": edition.title, "college": settings.college_name, "categories": categories,
            "timetable": timetable, "index": index}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", default="100,600")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="typst,weasyprint", help="which to time (default: both)")
    args = parser.parse_args()

    import typst

    from build_tools.printed.print_editions import load_settings
    from build_tools.printed.prospectus import write_prospectus
    from build_tools.site.published import assemble, validate

    generator = load_generator()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print("| courses | engine | pages | seconds (median) | runs | CPU s (median) | MB |")
        print("|---:|---|---:|---:|---|---:|---:|")
        for courses in [int(n) for n in args.courses.split(",")]:
            project = work / f"courses-{courses}"
            generator.make_courses_project(project, courses)
            collections, problems = validate(project, generator.TODAY)
            site = assemble(collections, problems, generator.TODAY)
            settings = load_settings(project)
            (project / "probe.typ").write_text(TEMPLATE, encoding="utf-8")
            (project / "data.json").write_text(json.dumps(site_json(site, settings)), encoding="utf-8")
            engines = {
                "typst": lambda: typst.compile(str(project / "probe.typ"), output=str(project / "probe.pdf"),
                                               root=str(project), pdf_standards="ua-1"),
                "weasyprint": lambda: write_prospectus(site, settings, project / "prospectus.pdf"),
            }
            outputs = {"typst": project / "probe.pdf", "weasyprint": project / "prospectus.pdf"}
            for name, action in engines.items():
                if name not in args.engines.split(","):
                    continue
                times, cpu = [], []
                for _ in range(args.runs):
                    # CPU seconds of every thread of this process: Typst lays out on several cores.
                    started, cpu_started = time.perf_counter(), time.process_time()
                    action()
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
                import pikepdf

                with pikepdf.open(outputs[name]) as pdf:
                    pages = len(pdf.pages)
                size = outputs[name].stat().st_size / 1e6
                print(f"| {courses} | {name} | {pages} | {statistics.median(times):.2f} | "
                      f"{', '.join(f'{t:.1f}' for t in times)} | {statistics.median(cpu):.2f} | {size:.1f} |",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
