"""How long after saving a story or course does the live preview serve the new text?

Starts ``python -m build_tools serve`` on a free port in a temporary copy of the project (the
real files are never touched), waits for the first build, then five times: adds a sentence to a
story (and, separately, to a course), saves, and polls the page until the sentence appears.
Prints each time and the median for each, with the CPU seconds the server spent on each save
(the rebuild's own cost, which other work on the machine does not inflate). The target for
editors is 1 second or less.

    .venv/bin/python benchmarks/preview_latency.py [--runs 5] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORY = "a-wee-bit-braver"
COURSE = "understanding-anxiety"
TODAY = "2026-11-22"
FIRST_BUILD_TIMEOUT = 180.0
CHANGE_TIMEOUT = 60.0
POLL_EVERY = 0.05


def copy_project(into: Path) -> Path:
    """The project's files, without the virtualenv, git data or built sites."""
    target = into / "project"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", ".git", "site", "site.*", ".site-*", "__pycache__", ".pytest_cache", ".hypothesis",
        "node_modules", "*.egg-info"))
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str | None, timeout: float) -> float:
    """Seconds until ``url`` answers (and contains ``text``), polling every 50 ms."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and (text is None or text in page):
            return time.perf_counter() - started
        time.sleep(POLL_EVERY)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def add_to_story(path: Path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def add_to_course(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8")
    marker = "description: |\n"
    assert marker in text, f"{path} has no 'description: |' block"
    path.write_text(text.replace(marker, f"{marker}  {sentence}\n\n", 1), encoding="utf-8")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(base: str, page: str, edit, path: Path, runs: int, pid: int) -> list[tuple[float, float]]:  # noqa: ANN001
    """(wall seconds until the page shows the saved sentence, CPU seconds the server spent meanwhile)
    for each save. The CPU figure is what the rebuild costs whatever else the machine is doing."""
    times = []
    for run in range(runs):
        sentence = f"Preview check {run} {uuid.uuid4().hex[:8]}."
        before = cpu_seconds(pid)
        edit(path, sentence)
        wall = wait_for(f"{base}/{page}", sentence, CHANGE_TIMEOUT)
        times.append((wall, cpu_seconds(pid) - before))
        # Let the watcher settle so that one run's rebuild does not overlap the next save.
        time.sleep(1.0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and the server log")
    args = parser.parse_args()

    temp = Path(tempfile.mkdtemp(prefix="preview-latency-"))
    project = copy_project(temp)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (temp / "serve.log").open("w")
    env = {**os.environ, "RECOVERY_TODAY": TODAY}
    server = subprocess.Popen([sys.executable, "-m", "build_tools", "serve", "--address", f"127.0.0.1:{port}",
                               "--root", str(project)], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        first = wait_for(f"{base}/stories/{STORY}/", None, FIRST_BUILD_TIMEOUT)
        print(f"first build served after {first:.1f} s")
        results = {
            f"story  (stories/{STORY}.md)": measure(base, f"stories/{STORY}/", add_to_story,
                                                     project / "stories" / f"{STORY}.md", args.runs, server.pid),
            f"course (courses/{COURSE}.yml)": measure(base, f"courses/{COURSE}/", add_to_course,
                                                      project / "courses" / f"{COURSE}.yml", args.runs, server.pid),
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if args.keep:
            print(f"kept {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)

    print(f"load average (1, 5, 15 min): {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    for name, times in results.items():
        walls, cpus = [t for t, _ in times], [c for _, c in times]
        print(f"{name}: median {statistics.median(walls):.2f} s over {len(times)} saves "
              f"({', '.join(f'{t:.2f}' for t in walls)}); server CPU per save: median {statistics.median(cpus):.2f} s "
              f"({', '.join(f'{c:.2f}' for c in cpus)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
