"""The text a media file carries besides its pictures or sound: audio tags, image comments.

Recordings are published as they are, so their tags (ID3 in MP3 and WAV, Vorbis comments,
MP4 atoms) reach every listener; images are re-saved without metadata (``images.py``) but are
read here too, so an editor learns what the camera or editing program wrote. The privacy check
searches these texts for personal details. Nothing is decoded: only headers and tags are read.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import mutagen
from PIL import Image

from build_tools.content.images import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, read_facts

AUDIO_VIDEO = frozenset({".mp3", ".ogg", ".oga", ".m4a", ".wav", ".mp4"})
# A text chunk is expanded to at most this many bytes (a compressed chunk can claim gigabytes).
MAX_TEXT_BYTES = 100_000

Tag = tuple[str, str]  # (where in the file, e.g. "ID3 TPE1" or "PNG text Author", the text)


def embedded_texts(path: Path) -> list[Tag]:
    """Every piece of text stored in the file's metadata; empty when it has none or cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix in AUDIO_VIDEO:
            return list(_audio_tags(path))
        if suffix == ".png":
            return list(_png_texts(path))
        if suffix in (".jpg", ".jpeg", ".gif", ".webp"):
            return list(_image_comments(path))
    except Exception:  # noqa: BLE001 - mutagen and Pillow raise many kinds for damaged or disguised files
        pass  # the media checks report a file that cannot be read; its tags are not checked
    return []


def _strings(value: object) -> Iterator[str]:
    """The texts inside one tag value (a frame, a list of values, a text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for part in value:
            yield from _strings(part)
    else:
        # ID3 frames keep their texts in .text, .desc and .url; pictures' bytes are not text.
        for name in ("text", "desc", "url", "owner"):
            part = getattr(value, name, None)
            if isinstance(part, (str, list, tuple)):
                yield from _strings(part)


def _audio_tags(path: Path) -> Iterator[Tag]:
    audio = mutagen.File(path)
    if audio is None or audio.tags is None:
        return
    tags = audio.tags
    items = tags.items() if hasattr(tags, "items") else tags
    for key, value in items:
        for text in _strings(value):
            if text.strip():
                yield f"tag {str(key).split(':')[0]}", text


def _png_texts(path: Path) -> Iterator[Tag]:
    """tEXt, zTXt and iTXt chunks anywhere in the file (Pillow reads only those before the pixels)."""
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return
    data = path.read_bytes()
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IEND":
            return
        if kind not in (b"tEXt", b"zTXt", b"iTXt"):
            continue
        keyword, _, rest = chunk.partition(b"\0")
        if kind == b"tEXt":
            text = rest.decode("latin-1")
        elif kind == b"zTXt":
            text = _inflate(rest[1:]).decode("latin-1")
        else:
            compressed, rest = rest[:1] == b"\1", rest[2:]
            _language, _, rest = rest.partition(b"\0")
            _translated, _, rest = rest.partition(b"\0")
            text = (_inflate(rest) if compressed else rest).decode("utf-8", "replace")
        yield f"PNG text {keyword.decode('latin-1')}", text


def _inflate(data: bytes) -> bytes:
    return zlib.decompressobj().decompress(data, MAX_TEXT_BYTES)


def _image_comments(path: Path) -> Iterator[Tag]:
    facts = read_facts(path)  # refuses images too large to open, before Pillow opens them here
    if max(facts.width, facts.height) > MAX_IMAGE_SIDE:
        return  # refused by privacy.image_limits
    with Image.open(path) as image:
        for marker, data in getattr(image, "applist", []):
            if marker == "COM":
                yield "JPEG comment", data.decode("utf-8", "replace")
        comment = image.info.get("comment")
        if isinstance(comment, bytes) and image.format != "JPEG":
            yield f"{image.format} comment", comment.decode("utf-8", "replace")
