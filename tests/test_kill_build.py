"""A build killed at any moment (``kill -9``) leaves a complete ``site/``, old or new.

Each test runs the real command in a subprocess on a copy of the full fixture project, waits
for one moment of the build (the temporary folder made, pages being written, the new site
swapped in), kills it with SIGKILL, and compares every file of ``site/`` byte for byte with the
site before and the site after the change. The next build then removes what was left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from outputs import fingerprint
from projects import copy_project

from build_tools.cli.build import leftovers, lock_folder, swap_into_place, unlock_folder

pytestmark = pytest.mark.slow

STORY = "stories/the-river-at-first-light.md"


def command(root: Path) -> list[str]:
    return [sys.executable, "-m", "build_tools", "build", "--root", str(root), "--no-pdf"]


def environment() -> dict[str, str]:
    return {**os.environ, "RECOVERY_TODAY": "2026-11-22"}


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(root), capture_output=True, text=True, env=environment(), timeout=600)


def change_a_story(root: Path) -> None:
    path = root / STORY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", "\n---\n\nA new first line.\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], Path]:
    """Fingerprints of the site before and after the change, and a project copy built before it."""
    root = copy_project("full", tmp_path_factory.mktemp("kill") / "project")
    assert build(root).returncode == 0
    before = fingerprint(root / "site")
    after_root = copy_project("full", tmp_path_factory.mktemp("kill-after") / "project")
    change_a_story(after_root)
    assert build(after_root).returncode == 0
    after = fingerprint(after_root / "site")
    assert before != after
    return before, after, root


def _workdirs(root: Path) -> list[Path]:
    return leftovers(root / "site")


def made_its_folder(root: Path, inode: int) -> bool:
    return bool(_workdirs(root))


def writing_pages(root: Path, inode: int) -> bool:
    return any((work / "site" / "index.html").exists() for work in _workdirs(root))


def swapped_in(root: Path, inode: int) -> bool:
    return (root / "site").stat().st_ino != inode


@pytest.mark.parametrize("moment", [made_its_folder, writing_pages, swapped_in], ids=lambda f: f.__name__)
def test_killed_build_leaves_a_whole_site(sites: tuple[dict[str, str], dict[str, str], Path], tmp_path: Path,
                                          moment: Callable[[Path, int], bool]) -> None:
    before, after, built = sites
    root = tmp_path / "project"
    copy_project("full", root)
    subprocess.run(["cp", "-a", str(built / "site"), str(root / "site")], check=True)
    change_a_story(root)
    inode = (root / "site").stat().st_ino
    process = subprocess.Popen(command(root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environment())
    try:
        deadline = time.monotonic() + 300
        while not moment(root, inode) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        assert process.poll() is None, "the build ended before the moment came"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert fingerprint(root / "site") in (before, after)

    # The next build removes the killed build's folder, and finishes the job.
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert fingerprint(root / "site") == after
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_swap_exchanges_the_folders(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.txt").write_text("old")
    built = tmp_path / ".site-build-x" / "site"
    built.mkdir(parents=True)
    (built / "new.txt").write_text("new")
    swap_into_place(built, tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["new.txt"]
    assert sorted(p.name for p in built.iterdir()) == ["old.txt"]


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(tmp_path: Path) -> None:
    root = copy_project("minimal", tmp_path / "project")
    held = lock_folder(root)  # as a running build holds it
    assert held is not None
    try:
        assert lock_folder(root) is None
        result = build(root)
    finally:
        unlock_folder(held)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "Another build into site/ is running; wait for it to finish, then build again."
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == []
