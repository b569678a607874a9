"""``python -m build_tools serve``: live preview that rebuilds when content is saved."""

from __future__ import annotations

import argparse
import functools
from unittest import mock

from build_tools.content.environment import environment

# How often the preview looks for saved files. MkDocs looks every 0.5 s, which is half of an
# editor's one-second wait for the page to show what they saved.
POLLING_INTERVAL = 0.2


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands import serve as mkdocs_serve
    from mkdocs.livereload import LiveReloadServer

    from build_tools.cli.build import _configure_mkdocs_logging

    _configure_mkdocs_logging(verbose=True)
    root = args.root
    print(f"Preview at http://{args.address}/ — save a file to rebuild; press Ctrl+C to stop.", flush=True)
    # Previews skip the PDFs: they take seconds and editors preview pages, not print.
    with environment(RECOVERY_PDF="false"), \
            mock.patch.object(mkdocs_serve, "LiveReloadServer",
                              functools.partial(LiveReloadServer, polling_interval=POLLING_INTERVAL)):
        mkdocs_serve.serve(
            config_file=str(root / "mkdocs.yml"),
            livereload=True,
            watch=[str(root / "stories"), str(root / "courses"), str(root / "theme")],
            dev_addr=args.address,
            strict=False,
        )
    return 0


def register(command) -> None:  # noqa: ANN001 - see cli.commands
    serve = command("serve", cmd_serve, "live preview of the site; rebuilds when a file is saved")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on (default 127.0.0.1:8000)")


