"""Shared fixtures. Tests import helpers from this folder (validation_cases)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest

# Fixtures of the browser tests (Chromium, the site served on 127.0.0.1), shared by every module.
from browser import browser, site_url  # noqa: E402,F401

TODAY = "2026-11-22"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full fixture project, built once for the whole test run (without PDFs), on the fixed date."""
    from projects import copy_project

    from build_tools.cli.build import build_site
    from build_tools.content.environment import environment

    project = copy_project("full", tmp_path_factory.mktemp("full") / "project")
    site_dir = project / "site"
    with environment(RECOVERY_TODAY=TODAY):
        build_site(project, site_dir, pdf=False)
    return site_dir
