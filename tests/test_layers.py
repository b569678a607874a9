"""The package's shape: each stage imports only the stages below it, and the code passes ruff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_the_import_contract_is_kept() -> None:
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=TOOL, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "build_tools", "tests", "benchmarks"], cwd=TOOL,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
