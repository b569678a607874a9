"""``serve`` answers only requests addressed to its own address (no DNS rebinding).

Starts the real preview in a subprocess on a free port and sends real HTTP requests with
different ``Host`` headers.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from projects import copy_project

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, host: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    root = copy_project("full", tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "build_tools", "serve", "--root", str(root),
                                "--address", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "RECOVERY_TODAY": "2026-11-22"})
    try:
        deadline = time.monotonic() + 300
        while True:
            assert process.poll() is None, "serve stopped"
            try:
                if get(port, f"127.0.0.1:{port}")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "serve did not answer"
            time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_its_own_address_is_answered(port: int, host: str) -> None:
    status, body = get(port, host.format(port=port))
    assert status == 200
    assert b"<html" in body


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:{port}", "127.0.0.1", "127.0.0.1:1",
                                  "localhost.attacker.example:{port}", "", None])
def test_other_hosts_are_refused(port: int, host: str | None) -> None:
    status, body = get(port, None if host is None else host.format(port=port))
    assert status == 421
    assert body == f"This preview answers only at http://127.0.0.1:{port}/\n".encode()
