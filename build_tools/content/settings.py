"""The college's settings file, ``mkdocs.yml``, read safely without MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML for mkdocs.yml: ``!ENV`` as MkDocs reads it; Python tags are ignored, never run."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    from yaml_env_tag import construct_env_tag  # MkDocs' own reader of !ENV

    return construct_env_tag(loader, node)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!relative", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict[str, Any]:
    """``root/mkdocs.yml`` as a plain mapping (for commands that run without a build)."""
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 - a SafeLoader subclass
