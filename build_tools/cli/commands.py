"""The commands beyond ``validate`` and ``schema``, listed explicitly.

Each module keeps its command beside the code it drives, as a function ``register(command)``:
``command(name, handler, help)`` returns an ``argparse`` sub-parser to add options to.
"""

from __future__ import annotations

from collections.abc import Callable

from build_tools.cli import bench, build, changes, check, scaffold, serve, starter
from build_tools.printed import prospectus
from build_tools.web import admin, headers, links

REGISTER: list[Callable[..., None]] = [
    build.register, serve.register, scaffold.register, changes.register, links.register,
    headers.register, prospectus.register, bench.register, check.register, starter.register, admin.register,
]
