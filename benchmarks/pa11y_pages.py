"""pa11y's errors per page, and how long the run takes, on a build of a fixture project.

Builds ``tests/fixtures/full`` (without PDFs, on the tests' fixed date) into a temporary folder,
runs pa11y (HTML_CodeSniffer, WCAG2AA) over every page in both colour schemes at 360 and 1280 px
as ``check`` and the browser tests do, and prints one line per page with its errors in each view,
then the distinct errors and the run's wall and CPU seconds (pa11y's Node process and Chromium):

    .venv/bin/python benchmarks/pa11y_pages.py [--project full] [--json errors.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TOOL / "tests"))

from projects import copy_project  # noqa: E402

from build_tools.cli import checkers  # noqa: E402
from build_tools.cli.build import build_site  # noqa: E402
from build_tools.content.environment import environment  # noqa: E402

TODAY = "2026-11-22"  # the tests' fixed date (tests/conftest.py)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default="full", help="a fixture project under tests/fixtures/ (default: full)")
    parser.add_argument("--json", type=Path, help="also write every error pa11y reported to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(args.project, Path(folder) / "project")
        site_dir = project / "site"
        with environment(RECOVERY_TODAY=TODAY):
            build_site(project, site_dir, pdf=False)
        addresses = checkers.html_pages(site_dir)
        with checkers.serve(site_dir) as url:
            before, wall = os.times(), time.perf_counter()
            errors = checkers.run_pa11y(url, site_dir, addresses)
            wall, after = time.perf_counter() - wall, os.times()
    cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    views = [f"{scheme} {width}" for scheme in checkers.SCHEMES for width in checkers.PA11Y_WIDTHS]
    counts = Counter((e["address"], f"{e['scheme']} {e['width']}") for e in errors)
    print("page\t" + "\t".join(views))
    for address in addresses:
        print(f"/{address}\t" + "\t".join(str(counts[(address, view)]) for view in views))
    print(f"\n{len(errors)} error(s) on {len(addresses)} pages in {len(views)} views; distinct:")
    for (code, selector), number in Counter((e["code"], e["selector"]) for e in errors).most_common():
        print(f"{number:5d}  {code} ({selector})")
    print(f"\npa11y: {wall:.1f} s wall, {cpu:.1f} s CPU (Node and Chromium); load average "
          f"{' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(errors, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
