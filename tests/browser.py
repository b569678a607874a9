"""What the browser tests share: Debian's headless Chromium driven by Playwright, the built site
served on 127.0.0.1, axe-core, pa11y and the W3C Nu HTML checker from node_modules (package.json).

The tools are found, never downloaded. Without them the tests are skipped on a developer's
machine, but under ``CI=true`` a missing tool fails the run: a green CI must mean the checks ran.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The checkers themselves live in the package, shared with `python -m build_tools check`.
from build_tools.cli.checkers import (  # noqa: F401 - re-exported for the test modules
    AXE_JS,
    AXE_TAGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    NODE_MODULES,
    PA11Y,
    SCHEMES,
    VNU_JAR,
    chromium,
    html_pages,
    is_redirect,
    open_page,
    pa11y_findings,
    page_file,
    serve,
    without_refresh,
)
from build_tools.cli.checkers import run_axe as _run_axe


def require(*tools: Path) -> None:
    """Skip the calling test when a tool is missing, unless under CI, where that is a failure."""
    missing = [str(tool) for tool in tools if not tool.exists()]
    if not missing:
        return
    how = "install Chromium with `apt-get install -y chromium` and the checkers with `npm ci --ignore-scripts`"
    message = f"missing {', '.join(missing)}: {how} (or run `make test`)."
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_java() -> str:
    """The ``java`` command, for the Nu HTML checker (same skip-or-fail rule as :func:`require`)."""
    java = shutil.which("java")
    if java is None:
        require(Path("/usr/bin/java"))  # reports it missing
    return java or "java"


def require_node() -> str:
    """The ``node`` command, for pa11y (same skip-or-fail rule as :func:`require`)."""
    node = shutil.which("node")
    if node is None:
        require(Path("/usr/bin/node"))  # reports it missing
    return node or "node"


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core's WCAG A/AA rules on the loaded page; returns its violations."""
    require(AXE_JS)
    return _run_axe(page)


def describe_violations(address: str, violations: list[dict[str, Any]]) -> list[str]:
    """One readable line per failing element: page, rule, what is wrong, where."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"/{address}: {violation['id']} ({violation['impact']}): {violation['help']}"
                         f" at {target}: {summary}")
    return lines


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built sample site served on 127.0.0.1 for the whole test run."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test (Debian's package, never a downloaded build)."""
    require(CHROMIUM)
    with chromium() as launched:
        yield launched
