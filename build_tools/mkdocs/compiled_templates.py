"""Compiled theme templates kept for the next build in the same process (the live preview).

MkDocs makes a new Jinja environment for every build, so every rebuild of the preview compiled
Material's templates and the project's again. Jinja's bytecode cache keeps the compiled code,
keyed by template and checked against a hash of its source, so an edited template is compiled
afresh and an unchanged one is not.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in memory, for this process only (nothing is written to disk)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # refused by Jinja if the source's hash differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


CACHE = MemoryBytecodeCache()


def install(env: Any) -> None:
    """Have the build's template environment reuse templates compiled by earlier builds."""
    env.bytecode_cache = CACHE
