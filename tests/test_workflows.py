"""The GitHub Actions workflows pass actionlint, and check what the project relies on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint() -> str:
    """actionlint installed beside this Python (the test extra), else the one on PATH."""
    beside = Path(sys.executable).with_name("actionlint")
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    assert found, "actionlint is not installed; run make (it installs the test extra)"
    return found


def test_workflows_pass_actionlint() -> None:
    assert [w.name for w in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]
    done = subprocess.run([actionlint(), "-no-color", *map(str, WORKFLOWS)], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def steps(workflow: str, job: str) -> list[dict]:
    data = yaml.safe_load((REPO / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))
    return data["jobs"][job]["steps"]


def test_pull_requests_check_the_content_always_and_test_the_tool_when_it_changes() -> None:
    check = steps("pull-request.yml", "check")
    runs = [step.get("run", "") for step in check]
    uses = [step.get("uses", "") for step in check]
    assert "make system-packages" in runs
    content = next(s for s in check if "make check" in s.get("run", ""))
    assert "if" not in content and "--format github" in content["run"] and "--site-dir site" in content["run"]
    tests = next(s for s in check if s.get("run", "").strip() == "make test")
    assert tests["if"] == "steps.tool.outputs.changed == 'true'"
    changed = next(s for s in check if s.get("id") == "tool")["run"]
    for path in ("build_tools/", "theme/", "tests/", "pyproject", ".github/workflows/"):
        assert path.replace(".", "\\.") in changed, path
    upload = next(s for s in check if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert "actions/checkout@v5" in uses


def test_continuous_integration_runs_both_checks() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in script if line.startswith("make ")] == ["make system-packages", "make test", "make check"]


def test_deploy_has_the_pages_permissions() -> None:
    data = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    # PyYAML reads the bare key "on" as True.
    assert data[True]["push"]["branches"] == ["main"]
