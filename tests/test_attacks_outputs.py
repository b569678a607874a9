"""Attacks on the non-HTML outputs: the exact message for each, and proof nothing reached an output.

The table is in ``attack_cases_outputs.py``. Besides it: the feeds stay well-formed XML
whatever characters reach them, ``--format github`` output cannot start a workflow command,
and published images carry no comments or text chunks.
"""

from __future__ import annotations

import io
import os
import struct
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.dom import minidom

import pytest
from attack_cases_outputs import ATTACKS, Attack, jpeg, png
from PIL import Image
from projects import copy_project

from build_tools.cli.main import main
from build_tools.content.errors import error
from build_tools.content.images import strip_metadata
from build_tools.content.media_tags import embedded_texts
from build_tools.site.published import load_site
from build_tools.web import feeds

TODAY = "2026-11-22"


def apply(attack: Attack, root: Path) -> None:
    for old, new in attack.rename.items():
        os.rename(root / old, root / new)
    for relative, data in attack.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")


def problems_in(out: str) -> list[str]:
    return [line for line in out.split("\n\n")[0].splitlines()
            if line and not line.startswith(("Checked ", "Held back", "  "))]


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.id for attack in ATTACKS])
def test_attack_is_refused_with_its_message(attack: Attack, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("minimal", tmp_path / "project")
    apply(attack, root)
    started = time.perf_counter()
    code = main(["validate", "--root", str(root), "--today", TODAY])
    seconds = time.perf_counter() - started
    out = capsys.readouterr().out
    assert problems_in(out) == attack.expected
    assert code == (1 if any(not line.startswith("warning:") for line in attack.expected) else 0)
    assert all(line.isprintable() for line in out.splitlines())
    if attack.budget is not None:
        assert seconds < attack.budget, f"validate took {seconds:.1f} s"


@pytest.mark.parametrize("attack", [a for a in ATTACKS if any(not line.startswith("warning:") for line in a.expected)],
                         ids=lambda attack: attack.id)
def test_refused_attack_reaches_no_output(attack: Attack, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project("minimal", tmp_path / "project")
    apply(attack, root)
    monkeypatch.setenv("RECOVERY_TODAY", TODAY)
    assert main(["build", "--root", str(root), "--no-pdf"]) == 1
    out = capsys.readouterr().out
    assert "the site was not built" in out
    assert all(line.isprintable() for line in out.splitlines())
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(("site", ".site"))) == []


def test_github_annotations_cannot_start_another_command(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("minimal", tmp_path / "project")
    apply(next(a for a in ATTACKS if a.id == "file-name-with-newline"), root)
    assert main(["validate", "--root", str(root), "--today", TODAY, "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        '::error file=stories/finding\\n%3A%3Aerror file=x%3A%3Amy-feet.md,line=1,title=Error in file name::'
        'file name: the name "finding\\n::error file=x::my-feet.md" contains a line break or another character '
        "that cannot be shown (written here with a backslash); rename it using lower-case letters, digits and "
        "hyphens, e.g. finding-error-file-x-my-feet.md.",
    ]


def test_github_escapes_data_and_properties_as_the_actions_toolkit_does() -> None:
    problem = error("courses/a,b:c%d.yml", 3, "runs[0],x:y", "100% sure\r\n::warning::no")
    assert problem.github() == ("::error file=courses/a%2Cb%3Ac%25d.yml,line=3,title=Error in runs[0]%2Cx%3Ay::"
                                "runs[0],x:y: 100%25 sure\\r\\n::warning::no")
    # Text output shows the same characters as escapes, on one line.
    assert str(problem) == "courses/a,b:c%d.yml:3: runs[0],x:y: 100% sure\\r\\n::warning::no"


FORBIDDEN_IN_XML = "\x00\x01\x08\x0b\x0c\x1b\ud800\udfff\ufffe\uffff"


def test_feeds_stay_well_formed_whatever_characters_reach_them(tmp_path: Path) -> None:
    root = copy_project("full", tmp_path / "project")
    site = load_site(root, __import__("datetime").date(2026, 11, 22))
    # Texts as they might arrive past validation: every character XML 1.0 forbids, and markup.
    site.stories[0].title = f"Bell{FORBIDDEN_IN_XML}s & <b>whistles</b>"
    site.courses[0].summary = f"Escape\x1b[2J{FORBIDDEN_IN_XML} ]]> here"
    written = feeds.write_feeds(site, tmp_path / "site", "https://college.example/", "College\x0b")
    assert len(written) == 2
    for path in written:
        data = path.read_bytes()
        minidom.parseString(data)  # expat: refuses any document that is not well-formed XML 1.0
        text = data.decode("utf-8", "surrogatepass")
        assert not set(FORBIDDEN_IN_XML) & set(text)
    stories = ET.parse(tmp_path / "site" / "stories" / "feed.xml").getroot()
    assert stories.findtext("./channel/title") == "College: recovery stories"
    assert stories.findtext("./channel/item/title") == "Bells & <b>whistles</b>"
    courses = ET.parse(tmp_path / "site" / "courses" / "feed.xml").getroot()
    descriptions = [item.findtext("description") for item in courses.iterfind("./channel/item")]
    assert any(text.startswith("Escape[2J ]]> here") for text in descriptions)


def test_xml_text_keeps_every_character_xml_allows() -> None:
    allowed = "\t\n\r Aé€\u00a0\ud7ff\ue000\ufffd\U0001f600\U0010ffff"
    assert feeds.xml_text(allowed + FORBIDDEN_IN_XML) == allowed


def _chunk_types(data: bytes) -> list[bytes]:
    kinds, position = [], 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        kinds.append(kind)
        position += 12 + length
    return kinds


def test_published_png_has_no_text_chunks() -> None:
    source = png(texts={"Author": "sam.r@example.org", "zComment": "ring 07700 900123"})
    assert {b"tEXt", b"iTXt"} <= set(_chunk_types(source))
    clean = strip_metadata(source, ".png")
    assert not {b"tEXt", b"zTXt", b"iTXt", b"eXIf"} & set(_chunk_types(clean))
    assert b"sam.r" not in clean and b"07700" not in clean


def test_published_jpeg_has_no_comment(tmp_path: Path) -> None:
    source = jpeg(b"taken by 07700 900123")
    with Image.open(io.BytesIO(source)) as image:
        assert ("COM", b"taken by 07700 900123") in image.applist
    clean = strip_metadata(source, ".jpg")
    with Image.open(io.BytesIO(clean)) as image:
        assert [marker for marker, _ in image.applist if marker == "COM"] == []
    assert b"07700" not in clean
    path = tmp_path / "clean.jpg"
    path.write_bytes(clean)
    assert embedded_texts(path) == []


def test_text_chunks_after_the_pixels_are_read_too(tmp_path: Path) -> None:
    source = png()
    chunk_data = b"Author\0sam.r@example.org"
    import zlib

    chunk = struct.pack(">I", len(chunk_data)) + b"tEXt" + chunk_data + struct.pack(">I", zlib.crc32(b"tEXt" + chunk_data))
    end = source.rindex(b"IEND") - 4
    path = tmp_path / "late.png"
    path.write_bytes(source[:end] + chunk + source[end:])
    assert embedded_texts(path) == [("PNG text Author", "sam.r@example.org")]
