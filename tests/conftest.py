"""Shared fixtures. Tests import helpers from this folder (validation_cases)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import os

import pytest

# Fixtures of the browser tests (Chromium, the site served on 127.0.0.1), shared by every module.
from browser import browser, site_url  # noqa: E402,F401

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full fixture project, built once for the whole test run (without PDFs), on the fixed date."""
    from projects import copy_project

    from build_tools.cli.build import build_site

    project = copy_project("full", tmp_path_factory.mktemp("full") / "project")
    site_dir = project / "site"
    previous = os.environ.get("RECOVERY_TODAY")
    os.environ["RECOVERY_TODAY"] = TODAY
    try:
        build_site(project, site_dir, pdf=False)
    finally:
        if previous is None:
            os.environ.pop("RECOVERY_TODAY", None)
        else:
            os.environ["RECOVERY_TODAY"] = previous
    return site_dir
