"""Images reach readers without metadata, and oversized images are refused at validation.

The sample story "The River at First Light" has a JPEG written *with* GPS, camera and date
EXIF on purpose: the built copy must have none of it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from projects import FULL, copy_project

from build_tools.cli.main import main
from build_tools.content.images import strip_metadata

RIVER = "stories/media/the-river-at-first-light.jpg"
RIVER_STORY = "stories/the-river-at-first-light.md"
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def exif_of(data: bytes) -> Image.Exif:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif()


def photo_with_gps(size: tuple[int, int] = (40, 20), orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: GPS position, camera make and model, date, orientation."""
    image = Image.new("RGB", size, (200, 30, 30))
    # A blue stripe on the left, to see where it ends up after rotation.
    image.paste((30, 30, 200), (0, 0, 5, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 12"
    exif[0x0132] = "2026:03:28 06:42:10"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 24.0, 44.46), 3: "W", 4: (1.0, 59.0, 15.43)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


# --- the sample site -------------------------------------------------------------------------

def test_sample_photo_source_has_gps(tmp_path: Path) -> None:
    exif = exif_of((FULL / RIVER).read_bytes())
    assert exif.get_ifd(GPS_IFD), "the sample image should carry GPS EXIF, to prove it is stripped"


@pytest.mark.slow
def test_built_copy_of_sample_photo_has_no_metadata(built_site: Path) -> None:
    built = (built_site / RIVER).read_bytes()
    exif = exif_of(built)
    assert dict(exif) == {}
    assert exif.get_ifd(GPS_IFD) == {}
    with Image.open(io.BytesIO(built)) as image, Image.open(FULL / RIVER) as source:
        assert image.format == "JPEG"
        assert image.size == source.size
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
    assert b"Exif" not in built[:4096]


@pytest.mark.slow
def test_printed_stories_booklet_carries_no_photo_metadata(tmp_path: Path) -> None:
    """The booklet embeds the picture too, as a copy stripped of its EXIF before Typst reads it."""
    import pypdf

    from build_tools.printed.print_editions import write_stories_booklet
    from build_tools.site.published import load_site

    site = load_site(copy_project("full", tmp_path / "project"), dt.date(2026, 11, 22))
    target = write_stories_booklet(site, site.settings, tmp_path / "stories.pdf")
    images = 0
    for page in pypdf.PdfReader(target).pages:
        for obj in (page["/Resources"].get("/XObject") or {}).values():
            raw = obj.get_object()._data
            images += 1
            assert b"Exif" not in raw and b"FUJIFILM" not in raw
    assert images >= 1


# --- stripping ---------------------------------------------------------------------------------

def test_jpeg_loses_gps_camera_and_date() -> None:
    cleaned = strip_metadata(photo_with_gps(), ".jpg")
    assert dict(exif_of(cleaned)) == {}
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 20)
        assert b"PhoneMaker" not in cleaned and b"Phone 12" not in cleaned


def test_orientation_is_applied_before_the_tag_is_dropped() -> None:
    # Orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
    cleaned = strip_metadata(photo_with_gps((40, 20), orientation=6), ".JPG")
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (20, 40)
        assert ORIENTATION not in image.getexif()
        # The blue stripe that was on the left is now along the top.
        red, green, blue = image.convert("RGB").getpixel((10, 1))
        assert blue > 150 and red < 100


def test_png_loses_text_exif_and_icc_but_keeps_transparency() -> None:
    image = Image.new("RGBA", (10, 10), (10, 200, 10, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jo Bloggs, 12 Acacia Road")
    info.add_text("Comment", "taken at home")
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 24.0, 44.0)})
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=exif, icc_profile=b"\0" * 128)
    cleaned = strip_metadata(out.getvalue(), ".png")
    with Image.open(io.BytesIO(cleaned)) as result:
        assert result.format == "PNG"
        assert result.mode == "RGBA"
        assert result.getpixel((3, 3)) == (10, 200, 10, 0)
        assert not {"Author", "Comment", "exif", "icc_profile"} & set(result.info)
        assert dict(result.getexif()) == {}
    assert b"Acacia" not in cleaned


def test_palette_png_keeps_palette_and_transparent_colour() -> None:
    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    cleaned = strip_metadata(out.getvalue(), ".png")
    with Image.open(io.BytesIO(cleaned)) as result:
        assert result.mode == "P"
        assert result.convert("RGB").getpixel((0, 0)) == (255, 0, 0)
        assert result.info.get("transparency") == 0


def test_animated_gif_keeps_its_frames() -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0,
                   comment=b"made at 12 Acacia Road")
    cleaned = strip_metadata(out.getvalue(), ".gif")
    with Image.open(io.BytesIO(cleaned)) as result:
        assert result.n_frames == 3
        assert "comment" not in result.info
    assert b"Acacia" not in cleaned


def test_webp_loses_exif() -> None:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (16, 16), (1, 2, 3)).save(out, "WEBP", exif=exif)
    assert exif_of(out.getvalue())
    cleaned = strip_metadata(out.getvalue(), ".webp")
    assert dict(exif_of(cleaned)) == {}
    assert b"PhoneMaker" not in cleaned


# --- validation of size ----------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy_project("full", tmp_path)
    return tmp_path


def river_problems(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["validate", "--root", str(root), "--today", "2026-11-22"])
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{RIVER_STORY}:")]


def media_file_line() -> int:
    lines = (FULL / RIVER_STORY).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith("file: media/"))


def test_sample_image_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert river_problems(project, capsys) == []


def test_too_many_pixels_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Image.new("RGB", (6001, 40), (0, 0, 0)).save(project / RIVER, "JPEG")
    assert river_problems(project, capsys) == [
        f'{RIVER_STORY}:{media_file_line()}: media.file: the image "media/the-river-at-first-light.jpg" is '
        "6001 × 40 pixels, but images may be at most 6000 pixels on a side; save a smaller copy (2000 pixels on "
        "the longest side is plenty for the web) and use that."]


def test_too_many_bytes_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A real JPEG header followed by padding: Pillow still reads it, and the file is 10.5 MB.
    data = photo_with_gps()
    (project / RIVER).write_bytes(data + b"\0" * (10_500_000 - len(data)))
    assert river_problems(project, capsys) == [
        f'{RIVER_STORY}:{media_file_line()}: media.file: the image "media/the-river-at-first-light.jpg" is '
        "10.5 MB, but images must be under 10 MB; save a smaller copy (2000 pixels on the longest side is plenty "
        "for the web) and use that."]


def test_a_file_that_is_not_an_image_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / RIVER).write_text("This is not a picture.\n", encoding="utf-8")
    assert river_problems(project, capsys) == [
        f'{RIVER_STORY}:{media_file_line()}: media.file: "media/the-river-at-first-light.jpg" cannot be read as '
        "an image (UnidentifiedImageError); open it in an image editor and save it again as a JPEG or PNG."]
