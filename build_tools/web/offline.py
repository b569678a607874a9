"""The offline pack: a zip of the site built to work from ``file://``, for readers to download."""

from __future__ import annotations

import zipfile
from pathlib import Path

ZIP_NAME = "offline.zip"
FOLDER_IN_ZIP = "recovery-college-offline"


def make_zip(offline_copy: Path, zip_path: Path) -> Path:
    """Zip every file of ``offline_copy`` under one top folder (so unzipping makes one folder).

    Entries are sorted and dated from their files, so the same build gives the same list.
    """
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in offline_copy.rglob("*") if p.is_file()):
            if path.resolve() == zip_path.resolve():
                continue
            archive.write(path, f"{FOLDER_IN_ZIP}/{path.relative_to(offline_copy).as_posix()}")
    return zip_path
