"""Commands defined outside cli.py register here, so each lives beside the code it drives.

Each module listed in ``MODULES`` appends a function ``register(command)`` to ``REGISTRY``;
``command(name, handler, help)`` returns an ``argparse`` sub-parser to add options to.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

MODULES = ["build", "serve", "scaffold", "changes", "links", "headers", "prospectus", "bench"]
REGISTRY: list[Callable[..., None]] = []


def registered() -> list[Callable[..., None]]:
    for name in MODULES:
        importlib.import_module(f"build_tools.{name}")
    return REGISTRY
