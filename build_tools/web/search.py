"""The public website's search: a Pagefind index made from the built pages, loaded in pieces.

Material's search sends every reader the whole index (``search/search_index.json``, megabytes
at a few thousand pages) before the first result. Pagefind splits its index by word and its
page texts by page, so a reader fetches only the pieces a query needs (benchmarks/RESULTS.md).
It runs over the HTML the build has just written into its staging folder, never over content
files, and indexes only what a page marks with ``data-pagefind-body``: the content area of a
searchable page (:func:`searchable`, the same rule Material's search follows in the offline
copy). Pages without the mark (the 404 page, redirect stubs, pages with ``search: exclude``,
retired courses, which are also ``noindex``) are left out. Held-back content is in no page.

The offline copy (``build --offline``) keeps Material's search, which works from ``file://``;
Pagefind fetches its pieces, which browsers refuse from a file.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from build_tools.content.rules.files import SEARCH_FOLDER

# The folder of the search bundle in the built site (content may put nothing there).
BUNDLE = SEARCH_FOLDER
# The attribute that marks what Pagefind indexes on a page.
BODY_ATTRIBUTE = "data-pagefind-body"
# What the bundle keeps: Pagefind's script, its worker and WebAssembly, and the index in pieces.
# Everything else it writes (its ready-made interfaces, which this site does not use) is removed.
_KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "*.pf_meta", "wasm.*.pagefind",
         "index", "fragment", "filter")
# Pagefind's fragments (one per page) are gzip files whose text starts with this signature, then JSON.
FRAGMENT_SUFFIX = ".pf_fragment"
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


class SearchIndexError(Exception):
    """The index could not be made; the message says why, in plain words."""


def searchable(meta: dict[str, Any] | None) -> bool:
    """Whether a page with this front matter is in search: unless it says ``search: exclude: true``
    (Material's own setting, which its search in the offline copy follows too)."""
    setting = (meta or {}).get("search")
    return not (isinstance(setting, dict) and setting.get("exclude"))


def index_site(site_dir: Path) -> Path:
    """Write the Pagefind bundle into ``site_dir/pagefind/`` from the built pages; its folder.

    Raises :class:`SearchIndexError` when Pagefind is missing, fails, or finds no page to index.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir.resolve()), "--output-subdir", BUNDLE, "--quiet"]
    # Pagefind also reads settings from PAGEFIND_* variables and from a pagefind.yml, .toml or
    # .json in its working folder; neither may change what is indexed, so it runs without them.
    env = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    try:
        with tempfile.TemporaryDirectory(prefix="pagefind-") as empty:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=empty, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"the search index could not be made: Pagefind did not run ({exc}).") from None
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split()).split(" stack backtrace:")[0][-400:]
        if "No module named pagefind" in said or "Could not find any of" in said:
            raise SearchIndexError("the search index could not be made: Pagefind is not installed; install the "
                                   "project again (pip install -e .).")
        raise SearchIndexError(f"the search index could not be made in site/{BUNDLE}/ (Pagefind said: "
                               f"{said or f'exit code {done.returncode}'}); check that no theme file is at "
                               f"{BUNDLE}/ and build again.")
    bundle = site_dir / BUNDLE
    if not bundle.is_dir():
        raise SearchIndexError(f"the search index could not be made: Pagefind wrote no {BUNDLE}/ folder.")
    for path in bundle.iterdir():
        if not any(path.match(pattern) for pattern in _KEPT):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    # One fragment per indexed page; reading them is for the checks (indexed_pages), not the build.
    if not (bundle / "pagefind.js").is_file() or not any((bundle / "fragment").glob("*" + FRAGMENT_SUFFIX)):
        raise SearchIndexError("the search index could not be made: Pagefind found no searchable page "
                               f"(no page carries {BODY_ATTRIBUTE}).")
    return bundle


def fragment_text(path: Path) -> str:
    """The JSON text of one Pagefind fragment file (a page's address, title and text)."""
    data = gzip.decompress(path.read_bytes())
    return data.removeprefix(_FRAGMENT_SIGNATURE).decode("utf-8")


def indexed_pages(site_dir: Path) -> list[dict[str, Any]]:
    """Every page in the built site's search index, as Pagefind stored it (``url``, ``meta``,
    ``content``), sorted by address."""
    fragments = sorted((site_dir / BUNDLE / "fragment").glob("*" + FRAGMENT_SUFFIX))
    return sorted((json.loads(fragment_text(path)) for path in fragments), key=lambda page: page["url"])
