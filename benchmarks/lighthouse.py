"""Lighthouse (mobile profile) on the built site, served locally as a static host serves it.

Builds the project into a temporary folder (``build --no-pdf``) or takes a built site
(``--site-dir``), serves it on 127.0.0.1 with the headers of its ``_headers`` file (the
Content-Security-Policy and the others a host sends) and gzip for text, as static hosts do
(``--no-compress``: without, as ``python -m http.server`` serves), and
runs Lighthouse 12 in its default mobile profile (simulated slow 4G, 4× CPU slowdown) several
times on each page. Prints, and writes to a JSON file, the median of the runs (with the range)
for the four category scores and the key metrics, and the audits that cost points.

    npm ci --prefix benchmarks/lighthouse      # Lighthouse, pinned (the script runs it if missing)
    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--site-dir site] [--no-compress] [--json out.json]

Needs Node and Debian's Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``). Timings
depend on the machine's load: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Audit id -> column name; the values are Lighthouse's numericValue (ms, bytes, or a ratio).
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
    "total-byte-weight": "bytes",
}
# The sample college's pages: home, course listing, a course, stories with a picture and with a
# film's poster, the briefing papers listing. Another project names its own with --page.
PAGES = (
    "/",
    "/courses/",
    "/courses/introduction-to-recovery/",
    "/stories/the-river-at-first-light/",
    "/stories/learning-to-be-dad-again/",
    "/briefings/",
)
# Text types a static host compresses.
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".vtt", ".map")


def read_headers(site: Path) -> dict[str, str]:
    """The headers ``_headers`` gives every path (``/*``), as a host would send them."""
    sys.path.insert(0, str(ROOT))
    from build_tools.web.headers import parse_headers

    path = site / "_headers"
    return parse_headers(path.read_text(encoding="utf-8")).get("/*", {}) if path.is_file() else {}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's headers, gzip for text when asked, kept-alive connections, and no request log."""

    site_headers: dict[str, str] = {}
    compress: bool = True
    # Connections kept open between requests, as every host does (http.server's default, HTTP/1.0,
    # opens one per file, which Lighthouse's simulation then pays for in round trips).
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def end_headers(self) -> None:
        for name, value in self.site_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):  # noqa: ANN201 - the base class returns a file or None
        address = unquote(urlsplit(self.path).path)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and address.endswith("/"):
            path = path / "index.html"
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in COMPRESSED:
            return super().send_head()  # also the redirect of a folder's address without its "/"
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path, compress: bool = True) -> tuple[http.server.ThreadingHTTPServer, str]:
    attributes = {"site_headers": read_headers(site), "compress": compress}
    handler = functools.partial(type("Handler", (_Handler,), attributes), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(LIGHTHOUSE_DIR)],
                       check=True)


def build_site(into: Path) -> Path:
    site = into / "site"
    subprocess.run([sys.executable, "-m", "build_tools", "build", "--no-pdf", "--site-dir", str(site)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return site


def lighthouse(url: str, chrome: str, keep: Path | None = None) -> dict:
    """One Lighthouse run's report (the JSON Lighthouse writes), copied to ``keep`` if given."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": chrome}
        subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
                        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_bytes(out.read_bytes())
        return json.loads(out.read_text(encoding="utf-8"))


def figures(report: dict) -> dict[str, float]:
    row = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    for audit, name in METRICS.items():
        row[name] = report["audits"][audit]["numericValue"]
    return row


def costs(report: dict) -> list[str]:
    """The audits that cost points or that Lighthouse shows as opportunities, in plain lines."""
    lines = []
    for audit in report["audits"].values():
        score, mode = audit.get("score"), audit.get("scoreDisplayMode")
        if mode in ("notApplicable", "manual", "informative") or score is None or score >= 0.9:
            continue
        savings = (audit.get("details") or {}).get("overallSavingsBytes")
        extra = f" (saves {savings / 1024:.0f} KiB)" if savings else ""
        display = audit.get("displayValue") or ""
        lines.append(f"{audit['id']}: {audit['title']}{': ' + display if display else ''}{extra}")
    for entry in report.get("runWarnings", []):
        lines.append(f"warning: {entry}")
    for item in (report["audits"].get("errors-in-console", {}).get("details") or {}).get("items", []):
        where = item.get("url") or (item.get("sourceLocation") or {}).get("url", "")
        lines.append(f"console: {item.get('description', '')[:160]} {where}")
    return sorted(set(lines))


def summarise(rows: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {name: {"median": statistics.median(row[name] for row in rows),
                   "min": min(row[name] for row in rows), "max": max(row[name] for row in rows)}
            for name in rows[0]}


def show(value: float, name: str) -> str:
    if name == "CLS":
        return f"{value:.3f}"
    if name == "bytes":
        return f"{value / 1024:.0f}K"
    return f"{value:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build the project into a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--page", action="append", help="a page's path, e.g. /courses/ (repeatable; default: the sample's)")
    parser.add_argument("--json", type=Path, default=ROOT / ".cache" / "lighthouse-results.json",
                        help="where to write the figures (default: .cache/lighthouse-results.json)")
    parser.add_argument("--reports", type=Path, help="a folder to keep every run's full Lighthouse report in")
    parser.add_argument("--no-compress", action="store_true",
                        help="send files as they are, as python -m http.server does (no gzip)")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site_dir.resolve() if args.site_dir else build_site(Path(tmp))
        server, base = serve(site, compress=not args.no_compress)
        load_start = os.getloadavg()
        results: dict[str, dict] = {}
        try:
            for page in args.page or PAGES:
                rows, last = [], {}
                for run in range(args.runs):
                    name = f"{page.strip('/').replace('/', '_') or 'home'}-{run + 1}.json"
                    last = lighthouse(base + page, args.chrome, args.reports / name if args.reports else None)
                    rows.append(figures(last))
                results[page] = {"summary": summarise(rows), "runs": rows, "costs": costs(last)}
                print_page(page, results[page])
        finally:
            server.shutdown()
        load_end = os.getloadavg()
    record = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": args.runs,
              "compressed": not args.no_compress,
              "load_average_start": load_start, "load_average_end": load_end,
              "lighthouse": "12.2.3 mobile (simulated throttling)", "pages": results}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"load average {load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end; written to {args.json}")
    return 0


def print_page(page: str, result: dict) -> None:
    summary = result["summary"]
    cells = []
    for name, values in summary.items():
        low, high = show(values["min"], name), show(values["max"], name)
        spread = "" if low == high else f" ({low}–{high})"
        cells.append(f"{name} {show(values['median'], name)}{spread}")
    print(f"{page}\n  " + "; ".join(cells), flush=True)
    for line in result["costs"]:
        print(f"    {line}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
