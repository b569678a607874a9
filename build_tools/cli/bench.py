"""``python -m build_tools bench``: how validation, the website and the prospectus scale.

For each size (500, 1,000, 2,000 and 4,000 items by default) a synthetic project is written
into a temporary folder by ``benchmarks/synthetic.py`` (stories, resources, courses and briefing
papers in realistic proportions, reusing the sample project's theme, settings and shared lists).
Then, on those same sources, each run times:

* **validate**: loading and checking every file (what ``python -m build_tools validate`` does);
* **web**: the website without print outputs (:func:`build_tools.cli.build.build_site`, ``pdf=False``),
  handed the site just validated, as ``build --no-pdf`` runs it: the MkDocs build and every web
  output, the search index included (a whole ``build --no-pdf`` costs about validate + web);
* **pdf**: the standard printed prospectus (:func:`build_tools.printed.prospectus.write_prospectus`: the
  edition's data in Python, then Typst in a fresh process, whose CPU seconds are counted too);
* **floor**: Python-Markdown alone rendering every Markdown text the website renders (story and
  briefing bodies, course descriptions, hand-written pages), with mkdocs.yml's extensions;
* **material**: plain Material for MkDocs with the same Markdown files as pages and its default
  navigation (every page listed), i.e. what the same content costs without this project.

Medians of ``--runs`` runs are printed with the fastest and slowest run, so noise shows; the
machine (CPU, cores, Python, load average) is printed first. Timings are information only: no
command or test passes or fails on them.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from build_tools.content.environment import environment

DEFAULT_SIZES = [500, 1000, 2000, 4000]
PROSPECTUS_COURSES = 600
# Plain Material lists every page in the navigation of every page, so its build time grows with
# the square of the page count (about 33 s for 1,000 pages): by default it runs up to this size.
BASELINE_MAX_ITEMS = 1000
# The prospectus is timed at each size up to this one by default, and once more at 600 courses
# (Typst lays out 600 courses in a few seconds: benchmarks/RESULTS.md).
PDF_MAX_ITEMS = 1000
PARTS = ["validate", "web", "pdf", "floor", "material"]


# ---------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def machine_lines() -> list[str]:
    return [f"CPU: {cpu_model()}, {os.cpu_count()} cores",
            f"Python {platform.python_version()} ({sys.executable}), {platform.system()} {platform.release()}",
            f"Load average (1, 5, 15 min) at start: {load_average()}"]


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------


@dataclass
class Timings:
    """Seconds per run of each part, and what the builds wrote."""

    items: int
    detail: str
    seconds: dict[str, list[float]] = field(default_factory=dict)
    # CPU seconds of this process: less disturbed than wall-clock time when the machine is busy.
    cpu: dict[str, list[float]] = field(default_factory=dict)
    pages: int = 0
    site_bytes: int = 0
    baseline_pages: int = 0
    baseline_bytes: int = 0
    loads: list[str] = field(default_factory=list)

    def add(self, part: str, seconds: tuple[float, float]) -> None:
        self.seconds.setdefault(part, []).append(seconds[0])
        self.cpu.setdefault(part, []).append(seconds[1])

    def median(self, part: str, cpu: bool = False) -> float | None:
        values = (self.cpu if cpu else self.seconds).get(part)
        return statistics.median(values) if values else None

    def cell(self, part: str, cpu: bool = False) -> str:
        values = (self.cpu if cpu else self.seconds).get(part)
        if not values:
            return "–"
        if len(values) == 1:
            return f"{values[0]:.2f}"
        return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def timed(action: Callable[[], Any]) -> tuple[tuple[float, float], Any]:
    """``((wall-clock seconds, CPU seconds), result)`` of ``action()``. CPU seconds are this
    process's and those of the child processes it waited for (the printed editions are laid out
    in their own processes)."""
    gc.collect()  # garbage from the previous step is not charged to this one
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = action()
    return (time.perf_counter() - started, _cpu_seconds() - cpu), result


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def folder_size(folder: Path) -> tuple[int, int]:
    """(HTML pages, total bytes) of a built site."""
    pages = total = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, total


def load_generator(root: Path) -> ModuleType:
    """``benchmarks/synthetic.py`` of the project (it is not part of the installed package)."""
    path = root / "benchmarks" / "synthetic.py"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: the benchmark generates its content with it.")
    spec = importlib.util.spec_from_file_location("recovery_bench_synthetic", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def markdown_texts(site: Any) -> list[tuple[str, str, str]]:
    """``(path in docs/, title, Markdown)`` of every text the website renders with Python-Markdown."""
    texts = [(f"stories/{s.id}.md", s.title, s.body) for s in site.stories]
    texts += [(f"courses/{c.id}.md", c.title, c.description) for c in site.courses]
    texts += [(f"briefings/{b.id}.md", b.title, b.body) for b in site.briefings]
    texts += [(p.id, p.title or "", p.body) for p in site.pages]
    return texts


def markdown_settings(root: Path) -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions MkDocs uses for this project (mkdocs.yml's, with MkDocs' built-ins)."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def render_all(texts: list[tuple[str, str, str]], extensions: list[Any], configs: dict[str, Any]) -> int:
    """Python-Markdown alone: every text, with one converter reset between texts. Returns characters out."""
    import markdown

    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    out = 0
    for _, _, text in texts:
        out += len(md.reset().convert(text))
    return out


def write_plain_material(folder: Path, texts: list[tuple[str, str, str]], extensions: list[Any],
                         configs: dict[str, Any]) -> Path:
    """A plain Material project with the same Markdown as pages and no nav: Material lists them all."""
    import yaml

    docs = folder / "docs"
    for path, title, text in texts:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        heading = f"# {title}\n\n" if title and not text.lstrip().startswith("# ") else ""
        target.write_text(heading + text, encoding="utf-8")
    settings = {"site_name": "Plain Material", "theme": {"name": "material"},
                "markdown_extensions": [{name: configs[name]} if name in configs else name
                                        for name in extensions if isinstance(name, str)]}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return folder / "mkdocs.yml"


def build_plain_material(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file), site_dir=str(site_dir)))


@dataclass
class Options:
    sizes: list[int]
    runs: int
    baseline_max: int
    pdf_max: int
    prospectus_courses: list[int]
    keep: bool
    profile: Path | None


def _profiled(options: Options, name: str, action: Callable[[], Any]) -> Callable[[], Any]:
    """``action``, profiled with pyinstrument into ``--profile`` when asked (first run of each part)."""
    if options.profile is None:
        return action
    target = options.profile / f"{name}.txt"
    if target.exists():
        return action

    def run() -> Any:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
        try:
            return action()
        finally:
            profiler.stop()
            options.profile.mkdir(parents=True, exist_ok=True)
            target.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
            profiler.write_html(str(target.with_suffix(".html")))
            # Other views: pyinstrument --load FILE.pyisession -r text --show-all (or -r html)
            profiler.last_session.save(str(target.with_suffix(".pyisession")))
    return run


def measure_size(root: Path, generator: ModuleType, items: int, workdir: Path, options: Options) -> Timings:
    """Every part of the benchmark, ``options.runs`` times, on one synthetic project of ``items`` items."""
    from build_tools.cli.build import build_site
    from build_tools.content.load import clear_yaml_cache
    from build_tools.printed.print_editions import load_settings
    from build_tools.printed.prospectus import write_prospectus
    from build_tools.site.published import assemble, validate

    project = workdir / f"project-{items}"
    counts = generator.make_project(project, items)
    on = generator.TODAY
    detail = (f"{counts.stories} stories, {counts.resources} resources, {counts.courses} courses, "
              f"{counts.briefings} briefing papers")
    timings = Timings(items, detail)
    extensions, configs = markdown_settings(project)
    settings = load_settings(project)
    baseline = options.baseline_max > 0 and items <= options.baseline_max
    plain_config = None

    for run in range(options.runs):
        def check() -> Any:
            clear_yaml_cache()  # from cold, as a fresh `validate` command runs
            collections, problems = validate(project, on)
            return assemble(collections, problems, on), problems

        seconds, (site, problems) = timed(_profiled(options, f"validate-{items}", check))
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise RuntimeError(f"the synthetic content has {len(errors)} errors, e.g. {errors[0]}")
        timings.add("validate", seconds)

        site_dir = workdir / f"site-{items}"
        shutil.rmtree(site_dir, ignore_errors=True)
        seconds, _ = timed(_profiled(options, f"web-{items}", lambda: build_site(project, site_dir, pdf=False, site=site)))
        timings.add("web", seconds)
        timings.pages, timings.site_bytes = folder_size(site_dir)

        if items <= options.pdf_max:
            pdf = workdir / f"prospectus-{items}.pdf"
            seconds, _ = timed(_profiled(options, f"pdf-{items}", lambda: write_prospectus(site, settings, pdf)))
            timings.add("pdf", seconds)

        texts = markdown_texts(site)
        seconds, _ = timed(lambda: render_all(texts, extensions, configs))
        timings.add("floor", seconds)

        if baseline:
            if plain_config is None:
                plain_config = write_plain_material(workdir / f"plain-{items}", texts, extensions, configs)
            plain_site = workdir / f"plain-site-{items}"
            shutil.rmtree(plain_site, ignore_errors=True)
            seconds, _ = timed(lambda: build_plain_material(plain_config, plain_site))
            timings.add("material", seconds)
            timings.baseline_pages, timings.baseline_bytes = folder_size(plain_site)
        timings.loads.append(load_average())
        print(f"  {items} items, run {run + 1}/{options.runs}: " +
              ", ".join(f"{part} {timings.seconds[part][-1]:.2f} s (CPU {timings.cpu[part][-1]:.2f})"
                        for part in PARTS if part in timings.seconds) +
              f" (load {timings.loads[-1]})", flush=True)
    return timings


def measure_prospectus(root: Path, generator: ModuleType, courses: int, workdir: Path, options: Options) -> Timings:
    """The standard and the large print prospectus alone, for a project of ``courses`` courses."""
    from build_tools.printed.print_editions import load_settings, qr_code
    from build_tools.printed.prospectus import edition_files, write_prospectus
    from build_tools.site.published import assemble, validate

    project = workdir / f"courses-{courses}"
    generator.make_courses_project(project, courses)
    collections, problems = validate(project, generator.TODAY)
    site = assemble(collections, problems, generator.TODAY)
    settings = load_settings(project)
    timings = Timings(courses, f"{len(site.courses)} published courses, {len(site.timetable)} sessions")
    for part, large in (("pdf", False), ("large", True)):
        target = workdir / f"prospectus-{courses}-courses{'-large' if large else ''}.pdf"
        for run in range(options.runs):
            qr_code.cache_clear()  # each run makes its QR codes, as the first edition of a build does
            seconds, _ = timed(_profiled(options, f"{part}-{courses}-courses",
                                         lambda target=target, large=large: write_prospectus(
                                             site, settings, target, large_print=large)))
            timings.add(part, seconds)
            timings.loads.append(load_average())
            print(f"  {'large print' if large else 'standard'} prospectus of {courses} courses, run "
                  f"{run + 1}/{options.runs}: {seconds[0]:.2f} s, {seconds[1]:.2f} CPU s "
                  f"(load {timings.loads[-1]})", flush=True)
        facts = edition_files([target])[0]
        if large:
            timings.baseline_pages, timings.baseline_bytes = facts.pages, facts.size
        else:
            timings.pages, timings.site_bytes = facts.pages, facts.size
    return timings


def prospectus_table(results: list[Timings]) -> list[str]:
    """Both editions at each number of courses: seconds (wall clock and CPU), pages, and cost per course."""
    lines = ["| courses | standard s | CPU s | pages | MB | CPU ms per course | large print s | CPU s | pages | "
             "large ÷ standard |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for t in results:
        standard, large = t.median("pdf", cpu=True), t.median("large", cpu=True)
        per_course = f"{1000 * standard / t.items:.0f}" if standard else "–"
        lines.append(f"| {t.items:,} | {t.cell('pdf')} | {t.cell('pdf', cpu=True)} | {t.pages} | "
                     f"{t.site_bytes / 1e6:.1f} | {per_course} | {t.cell('large')} | {t.cell('large', cpu=True)} | "
                     f"{t.baseline_pages} | {_ratio(large, standard)} |")
    return lines


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def cpu_table(results: list[Timings]) -> list[str]:
    """CPU seconds of this process (medians), which a busy machine disturbs less than the clock."""
    lines = ["| items | validate | web | pdf | floor | material | web ÷ floor |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for t in results:
        cells = [f"{t.median(part, cpu=True):.2f}" if t.median(part, cpu=True) is not None else "–"
                 for part in PARTS]
        lines.append(f"| {t.items:,} | " + " | ".join(cells) +
                     f" | {_ratio(t.median('web', cpu=True), t.median('floor', cpu=True))} |")
    return lines


def table(results: list[Timings]) -> list[str]:
    """The results as a Markdown table: seconds as median (fastest–slowest)."""
    lines = ["| items | validate s | web s | pdf s | floor s | material s | web ÷ floor | pages | site MB "
             "| material pages | material MB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for t in results:
        lines.append(
            f"| {t.items:,} | {t.cell('validate')} | {t.cell('web')} | {t.cell('pdf')} | {t.cell('floor')} "
            f"| {t.cell('material')} | {_ratio(t.median('web'), t.median('floor'))} | {t.pages:,} "
            f"| {t.site_bytes / 1e6:.1f} | {t.baseline_pages or '–'} "
            f"| {f'{t.baseline_bytes / 1e6:.1f}' if t.baseline_bytes else '–'} |")
    return lines


def growth(results: list[Timings]) -> list[str]:
    """For each size with one four times smaller: how much more the web build costs in time and size."""
    by_items = {t.items: t for t in results}
    lines = []
    for t in results:
        small = by_items.get(t.items // 4) if t.items % 4 == 0 else None
        if small is None:
            continue
        parts = [f"web {_ratio(t.median('web'), small.median('web'))} "
                 f"(CPU {_ratio(t.median('web', cpu=True), small.median('web', cpu=True))})",
                 f"validate {_ratio(t.median('validate'), small.median('validate'))}",
                 f"site size {t.site_bytes / small.site_bytes:.1f}×"]
        if t.median("pdf") is not None:
            parts.append(f"pdf {_ratio(t.median('pdf'), small.median('pdf'))}")
        lines.append(f"{small.items:,} → {t.items:,} items (4×): " + ", ".join(parts))
    return lines


def report(results: list[Timings], prospectus: list[Timings]) -> list[str]:
    lines = ["", "Seconds: median of the runs (fastest–slowest). web = website without PDFs; floor = Python-Markdown",
             "alone on the same Markdown; material = plain Material with every page in its navigation;",
             "– = not measured at this size (see --pdf-max and --baseline-max).", ""]
    lines += table(results)
    lines += ["", "CPU seconds of the benchmark process (medians):", ""]
    lines += cpu_table(results)
    lines += ["", "Content per size:"]
    lines += [f"  {t.items:,} items: {t.detail}" for t in results]
    grown = growth(results)
    if grown:
        lines += ["", "Growth:"] + [f"  {line}" for line in grown]
    if prospectus:
        lines += ["", "Prospectus PDFs alone (seconds: median of the runs, fastest–slowest):", ""]
        lines += prospectus_table(prospectus)
        lines += [f"  {t.items:,} courses: {t.detail}" for t in prospectus]
    lines += ["", f"Load average (1, 5, 15 min) at the end: {load_average()}"]
    return lines


def run_benchmark(root: Path, options: Options) -> list[str]:
    generator = load_generator(root)
    workdir = Path(tempfile.mkdtemp(prefix="recovery-bench-"))
    # The synthetic content is dated for this day: consent and review dates stay valid.
    try:
        with environment(RECOVERY_TODAY=generator.TODAY.isoformat()):
            results = [measure_size(root, generator, items, workdir, options) for items in options.sizes]
            prospectus = [measure_prospectus(root, generator, courses, workdir, options)
                          for courses in options.prospectus_courses if courses > 0]
    finally:
        if options.keep:
            print(f"Kept the projects and sites in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return report(results, prospectus)


def _course_counts(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a list of numbers; write e.g. 100,300,600') from None


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a list of numbers; write e.g. 500,1000') from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("each size must be at least 10 items")
    return sizes


def cmd_bench(args: argparse.Namespace) -> int:
    sizes = args.sizes or DEFAULT_SIZES
    courses = args.prospectus_courses
    if courses is None:
        courses = [PROSPECTUS_COURSES] if args.sizes is None else []
    options = Options(sizes=sizes, runs=args.runs, baseline_max=0 if args.skip_baseline else args.baseline_max,
                      pdf_max=0 if args.no_pdf else args.pdf_max, prospectus_courses=courses, keep=args.keep,
                      profile=args.profile)
    if options.profile is not None:
        try:
            import pyinstrument  # noqa: F401
        except ImportError:
            print("error: --profile needs pyinstrument: pip install -e '.[bench]'", file=sys.stderr)
            return 2
    print("\n".join(machine_lines()), flush=True)
    print(f"Sizes: {', '.join(f'{s:,}' for s in sizes)} items; {args.runs} run(s) each.", flush=True)
    lines = run_benchmark(args.root, options)
    print("\n".join(lines))
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    bench = command("bench", cmd_bench, "time validation, the website and the prospectus on synthetic content "
                    "of several sizes (information only)")
    bench.add_argument("--sizes", type=_sizes, default=None, metavar="N,N",
                       help=f"numbers of items (default: {','.join(map(str, DEFAULT_SIZES))})")
    bench.add_argument("--runs", type=int, default=3, help="runs per size; medians are shown (default: 3)")
    bench.add_argument("--skip-baseline", action="store_true",
                       help="do not build plain Material at all (it is slow: ~33 s for 1,000 pages)")
    bench.add_argument("--baseline-max", type=int, default=BASELINE_MAX_ITEMS, metavar="N",
                       help=f"build plain Material only for sizes up to N items (default: {BASELINE_MAX_ITEMS})")
    bench.add_argument("--no-pdf", action="store_true", help="skip the prospectus PDF at each size")
    bench.add_argument("--pdf-max", type=int, default=PDF_MAX_ITEMS, metavar="N",
                       help=f"time the prospectus PDF only for sizes up to N items (default: {PDF_MAX_ITEMS})")
    bench.add_argument("--prospectus-courses", type=_course_counts, default=None, metavar="N,N",
                       help=f"also time both prospectus editions alone for N courses, e.g. 100,300,600 (default: "
                            f"{PROSPECTUS_COURSES} with the default sizes, none when --sizes is given; 0 to skip)")
    bench.add_argument("--profile", type=Path, default=None, metavar="DIR",
                       help="profile the first run of each part with pyinstrument into DIR (text and HTML)")
    bench.add_argument("--keep", action="store_true", help="keep the generated projects and sites")


