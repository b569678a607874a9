"""Page icons named in front matter exist in the theme.

The models accept only the shape of an icon name (``material/heart-outline``); whether Material
(or ``theme/``) has that icon is known only from the theme's folders, which Material reads as
``.icons/<name>.svg``. A missing one would otherwise stop the build with a template error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_tools.content.models import Page


def missing_icons(pages: Iterable[Page], theme_dirs: Iterable[str]) -> list[str]:
    """``path:line: icon: message`` for every page whose icon no theme folder holds."""
    folders = [Path(folder) / ".icons" for folder in theme_dirs]
    return [
        f'{page.source_path}:{page.line_of("icon")}: icon: there is no icon "{page.icon}" in the theme; check the '
        "name in the icon search of Material for MkDocs' documentation, or leave icon: out."
        for page in pages
        if page.icon and not any((folder / f"{page.icon}.svg").is_file() for folder in folders)
    ]
