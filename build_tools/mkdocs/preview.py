"""The live preview answers only requests addressed to it by its own name.

A web page the editor visits could make its own host name resolve to 127.0.0.1 (DNS
rebinding) and then read the preview, drafts and held-back stories included. The browser still
sends that page's name in the ``Host`` header, so requests for any name but the preview's own
address (``127.0.0.1:PORT``, ``localhost:PORT``, or the address it was started on) are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values that name this server (lower case, port included)."""
    names = set(_LOOPBACK)
    if host not in ("", "0.0.0.0", "::"):  # an address of its own, e.g. to preview on a phone
        names.add(f"[{host}]" if ":" in host else host.lower())
    values = {f"{name}:{port}" for name in names}
    if port == 80:  # browsers leave out the default port
        values |= names
    return frozenset(values)


def host_checked(app: WSGIApp, allowed: frozenset[str]) -> WSGIApp:
    """``app``, answering 421 Misdirected Request to any other ``Host``."""
    shown = sorted(allowed)[0]

    def checked(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("HTTP_HOST", "").lower() in allowed:
            return app(environ, start_response)
        body = f"This preview answers only at http://{shown}/\n".encode()
        start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8"),
                                                   ("Content-Length", str(len(body)))])
        return [body]

    return checked
