"""Images published on the site carry their pixels and nothing else.

Photos keep metadata the camera or phone wrote: where the picture was taken (GPS), when, and
with which device. For a storyteller that can be enough to find their home, so every image
copied into the site is re-saved from its pixel data alone. The picture is first turned the
way the camera meant (``ImageOps.exif_transpose``), because the orientation tag goes with the
rest of the metadata.

Pages also get smaller copies of each picture, in modern formats (:func:`resized`); they are
made from the re-saved pixels and saved the same way, so this module is the one place that
decides what a published picture holds.

Oversized images are refused at validation (see ``privacy.image_limits``) rather than here,
so that the editor learns about them with a file and a line.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
MAX_IMAGE_BYTES = 10_000_000
MAX_IMAGE_SIDE = 6000
# An animation is decoded frame by frame when it is re-saved: these keep that work (and its
# memory, four bytes a pixel) in proportion.
MAX_FRAMES = 100
MAX_TOTAL_PIXELS = 50_000_000

_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}
# Smaller copies: the formats, and the encoder settings each is saved with (quality for the eye,
# not the archive: the original stays beside them). Part of the cache key of every copy.
RESIZED_OPTIONS: dict[str, dict[str, int]] = {"AVIF": {"quality": 50, "speed": 6}, "WEBP": {"quality": 75, "method": 6}}


@dataclass(frozen=True)
class ImageFacts:
    """What validation needs to know about an image file, read without decoding its pixels."""

    bytes: int
    width: int
    height: int
    frames: int = 1


class TooManyPixels(ValueError):
    """The image is larger than Pillow will open (``Image.MAX_IMAGE_PIXELS``, twice over)."""


def is_image(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def read_facts(path: Path) -> ImageFacts:
    """Size on disk, in pixels and in frames; raises :class:`TooManyPixels` for an image too large to
    open, ``OSError`` or ``ValueError`` if it is not an image."""
    size = path.stat().st_size
    # Pillow reads only the headers here (of every frame, to count them); no pixel is decoded.
    # Its warning for large images is left out: the caller compares the size with our limits.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except Image.DecompressionBombError as exc:
            raise TooManyPixels(str(exc)) from None
        with image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    return ImageFacts(size, width, height, frames)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding the same pixels (and palette) and no metadata at all."""
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "I;16"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P":
        palette = image.getpalette()
        if palette is not None:
            clean.putpalette(palette)
    return clean


def strip_metadata(data: bytes, suffix: str) -> bytes:
    """The image in ``data`` re-saved without EXIF, GPS, XMP, ICC or text chunks.

    The format is kept (a JPEG stays a JPEG); animated GIF and WebP keep their frames.
    """
    kind = _FORMATS[suffix.lower()]
    with Image.open(io.BytesIO(data)) as source:
        transparency = source.info.get("transparency")
        frames = getattr(source, "n_frames", 1)
        if frames > 1 and kind in ("GIF", "WEBP"):
            images = [_pixels_only(frame.copy()) for frame in ImageSequence.Iterator(source)]
            durations = [frame.info.get("duration", 100) for frame in ImageSequence.Iterator(source)]
            options = {"save_all": True, "append_images": images[1:], "duration": durations,
                       "loop": source.info.get("loop", 0)}
        else:
            upright = ImageOps.exif_transpose(source)
            images = [_pixels_only(upright if upright is not None else source)]
            options = {}
    first = images[0]
    if kind == "JPEG":
        if first.mode not in ("L", "RGB", "CMYK"):
            first = first.convert("RGB")
        options.update(quality=90, optimize=True)
    elif kind == "WEBP":
        options.update(quality=90)
    elif transparency is not None and first.mode in ("P", "L", "RGB"):
        options["transparency"] = transparency
    out = io.BytesIO()
    # Nothing from the source's info is passed on: no exif=, icc_profile=, pnginfo= or comment=.
    first.save(out, format=kind, **options)
    return out.getvalue()


def pixel_size(data: bytes) -> tuple[int, int, int]:
    """Width, height and frames of the image in ``data`` (headers only, no pixel decoded)."""
    with Image.open(io.BytesIO(data)) as image:
        return image.width, image.height, getattr(image, "n_frames", 1)


def resized(data: bytes, width: int, kind: str) -> bytes:
    """The (first frame of the) picture in ``data`` scaled to ``width`` pixels wide, its height in
    proportion, as ``kind`` ("AVIF" or "WEBP"), saved from its pixels alone like :func:`strip_metadata`.

    ``data`` is a picture this module has already re-saved, so it stands the way it is seen."""
    with Image.open(io.BytesIO(data)) as source:
        upright = ImageOps.exif_transpose(source) or source
        mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
        pixels = _pixels_only(upright.convert(mode))
    height = max(1, round(pixels.height * width / pixels.width))
    scaled = pixels.resize((width, height), Image.Resampling.LANCZOS) if width != pixels.width else pixels
    out = io.BytesIO()
    # A new image's info is empty, so no exif=, xmp= or icc_profile= can be carried over.
    scaled.save(out, format=kind, **RESIZED_OPTIONS[kind])
    return out.getvalue()
