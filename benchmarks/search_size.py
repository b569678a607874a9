"""What a reader downloads before the first search result, and what indexing adds to the build.

    .venv/bin/python benchmarks/search_size.py [--items 500 4000] [--sample] [--query sleep]
                                               [--index-items 2000] [--runs 3]

For each size a synthetic project is written by ``benchmarks/synthetic.py`` (as ``python -m
build_tools bench`` does) and built without PDFs; ``--sample`` builds the project's own content
too. The built site is served on 127.0.0.1 and opened in Debian's headless Chromium; the script
types the query into the header's search box as a reader would and waits for the first result.
Every file the browser fetched for search up to then is listed (the search index and its
pieces, the search scripts, WebAssembly, language files) with its size as stored, and as sent
gzipped (level 9) or brotli-compressed (quality 11, when the ``brotli`` package is installed);
a file that does not shrink (Pagefind's pieces are gzip files already) counts as stored.

Then, at ``--index-items`` items, the search index is made ``--runs`` times over the same built
site, and the median wall-clock and CPU seconds are printed (the time the index step adds to a
build). Figures are information only; benchmarks/RESULTS.md records them.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.cli.bench import load_generator, machine_lines  # noqa: E402
from build_tools.cli.build import build_site  # noqa: E402
from build_tools.cli.checkers import chromium, serve  # noqa: E402
from build_tools.content.environment import environment  # noqa: E402
from build_tools.site.published import today  # noqa: E402
from build_tools.web.check import check_project  # noqa: E402

try:
    import brotli
except ImportError:  # the figures are then given without brotli, and the script says so
    brotli = None

# Where each search keeps its files: Material's index, worker and lunr language files; the
# Pagefind bundle (index pieces, WebAssembly, its script) and the header's own search script.
SEARCH_PATHS = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/", "pagefind/",
                "assets/javascripts/search.js")


def build(root: Path, out: Path) -> Path:
    """The website of the project at ``root`` (no PDFs), as ``build --no-pdf`` makes it."""
    with environment(RECOVERY_PDF="false"):
        _, site, report = check_project(root, today())
        build_site(root, out, pdf=False, site=site)
    return out


def compressed(data: bytes) -> tuple[int, int | None]:
    """Bytes sent for ``data`` by a server that compresses with gzip (level 9) or brotli (quality
    11, ``None`` without the package). A file that compression makes no smaller (Pagefind's
    pieces are gzip files already) is counted as stored: servers send such files as they are."""
    gz = min(len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))
    return gz, (min(len(data), len(brotli.compress(data, quality=11))) if brotli else None)


def search_files(site_dir: Path, query: str) -> tuple[str, list[str]]:
    """Which search the home page has, and the site files the browser fetched for search from
    the page's load until the first result of ``query`` was shown."""
    fetched: list[str] = []
    with serve(site_dir) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.goto(url, wait_until="load")
        if page.locator("input.md-search__input").count():
            kind = "Material (lunr)"
            page.locator("input.md-search__input").click()
            page.keyboard.type(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        else:
            kind = "Pagefind"
            page.locator("[data-rc-search-toggle]").click()
            page.keyboard.type(query)
            page.locator("[data-rc-search-results] li a").first.wait_for(timeout=60_000)
        page.close()
    paths = []
    for address in fetched:
        path = unquote(urlsplit(address).path).lstrip("/")
        if path.startswith(SEARCH_PATHS) and path not in paths:
            paths.append(path)
    return kind, paths


def report(label: str, site_dir: Path, query: str) -> None:
    kind, paths = search_files(site_dir, query)
    print(f"\n{label}: {kind}, query {query!r}: files fetched before the first result")
    print(f"  {'file':<62} {'bytes':>10} {'gzip':>9} {'brotli':>9}")
    totals = [0, 0, 0]
    for path in paths:
        data = (site_dir / path).read_bytes()
        gz, br = compressed(data)
        totals[0] += len(data)
        totals[1] += gz
        totals[2] += br or 0
        print(f"  {path:<62} {len(data):>10,} {gz:>9,} {f'{br:,}' if br is not None else '–':>9}")
    print(f"  {'total (' + str(len(paths)) + ' files)':<62} {totals[0]:>10,} {totals[1]:>9,} "
          f"{f'{totals[2]:,}' if brotli else '–':>9}")
    bundle = site_dir / "pagefind"
    if bundle.is_dir():
        files = [p for p in bundle.rglob("*") if p.is_file()]
        print(f"  whole Pagefind bundle on disk: {len(files)} files, {sum(p.stat().st_size for p in files):,} bytes")
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        print(f"  search/search_index.json on disk: {index.stat().st_size:,} bytes")


def index_time(site_dir: Path, runs: int) -> None:
    """Median seconds of the search index step over the built site (wall clock and CPU of the indexer)."""
    try:
        from build_tools.web import search
    except ImportError:
        print("\nThis version has no separate search index step (Material indexes while it builds).")
        return
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        search.index_site(site_dir)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    print(f"  index step, {runs} runs: wall {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f}), "
          f"CPU {statistics.median(cpus):.2f} s ({min(cpus):.2f}–{max(cpus):.2f}), "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, nargs="*", default=[500, 4000])
    parser.add_argument("--sample", action="store_true", help="measure the project's own content too")
    parser.add_argument("--query", default="sleep", help="the query typed into the search box")
    parser.add_argument("--index-items", type=int, default=2000, help="size at which the index step is timed (0: not)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print("\n".join(machine_lines()))
    print("brotli: " + ("the brotli package" if brotli else "not installed: brotli sizes are not given"))
    generator = load_generator(ROOT)
    with tempfile.TemporaryDirectory(prefix="search-size-") as scratch:
        work = Path(scratch)
        if args.sample:
            report("sample project", build(ROOT, work / "sample-site"), args.query)
        sizes = sorted(set(args.items) | ({args.index_items} if args.index_items else set()))
        for items in sizes:
            project = work / f"p{items}"
            generator.make_project(project, items)
            site_dir = build(project, work / f"site{items}")
            if items in args.items:
                report(f"{items:,} items", site_dir, args.query)
            if items == args.index_items:
                print(f"\n{items:,} items:")
                index_time(site_dir, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
