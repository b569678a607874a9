"""Pictures reach phones at the size they need: every <img> has its size, pictures in content
come with AVIF and WebP copies at a few widths (made from the stripped pixels, so without
metadata), and only the first picture of a page loads at once."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import VNU_JAR, require, require_java
from bs4 import BeautifulSoup
from PIL import Image
from projects import FULL, copy_project
from test_images import GPS_IFD, ORIENTATION, photo_with_gps

from build_tools.cli.build import build_site
from build_tools.cli.checkers import run_nu_checker
from build_tools.content.environment import environment
from build_tools.content.images import resized, strip_metadata
from build_tools.web import pictures

TODAY = "2026-11-22"
RIVER = "stories/media/the-river-at-first-light.jpg"
POSTER = "stories/media/learning-to-be-dad-again-poster.jpg"


def facts(data: bytes) -> tuple[str, tuple[int, int], dict]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.format, image.size, dict(image.getexif())


def assert_no_metadata(data: bytes, label: str) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}, label
        assert image.getexif().get_ifd(GPS_IFD) == {}, label
        assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info), label
    assert b"Exif\x00" not in data and b"PhoneMaker" not in data and b"<x:xmpmeta" not in data, label


# --- copies and markup, without a build --------------------------------------------------------

def test_copies_are_smaller_pictures_without_metadata() -> None:
    stripped = strip_metadata(photo_with_gps((60, 40), orientation=6), ".jpg")
    for kind in ("AVIF", "WEBP"):
        data = resized(stripped, 30, kind)
        image_format, size, exif = facts(data)
        # Orientation 6 turned the 60×40 photo upright (40×60) before the tag was dropped.
        assert (image_format, size, exif) == (kind, (30, 45), {})
        assert_no_metadata(data, kind)


def test_widths_of_the_copies() -> None:
    assert [c.width for c in pictures.copies_for("ab" * 32, 1200, 1) if c.kind == "AVIF"] == [480, 800, 1200]
    assert [c.width for c in pictures.copies_for("ab" * 32, 2400, 1) if c.kind == "WEBP"] == [480, 800, 1200, 1600]
    assert [(c.dest, c.mime) for c in pictures.copies_for("ab" * 32, 300, 1)] == [
        ("assets/pictures/abababababababababab-300.avif", "image/avif"),
        ("assets/pictures/abababababababababab-300.webp", "image/webp")]
    assert pictures.copies_for("ab" * 32, 1200, 5) == ()  # an animation keeps its one file


def test_copies_are_made_once_and_then_read_from_the_cache(tmp_path: Path) -> None:
    stripped = strip_metadata(photo_with_gps((900, 600)), ".jpg")
    first = pictures.CopyCache(tmp_path / "cache")
    picture, copies = pictures.publish(stripped, first)
    assert (picture.width, picture.height, first.made, first.reused) == (900, 600, 6, 0)
    again = pictures.CopyCache(tmp_path / "cache")
    assert pictures.publish(stripped, again) == (picture, copies)
    assert (again.made, again.reused) == (0, 6)
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".part-")]


def test_markup_of_pictures_in_the_header_and_the_content() -> None:
    copy = pictures.Copy("assets/pictures/h-480.avif", 480, "AVIF", "image/avif")
    table = {"images/logo.png": pictures.Picture(200, 50, ()),
             "stories/media/a.jpg": pictures.Picture(1000, 500, (copy, pictures.Copy(
                 "assets/pictures/h-480.webp", 480, "WEBP", "image/webp")))}
    page = ('<header><img src="../../images/logo.png" alt="logo"></header>\n<article>'
            '<img src="../media/a.jpg" alt="A &amp; B" loading="lazy">'
            '<p><img alt="" src="../media/a.jpg" width="10" height="5"/> <img src="https://x.example/a.jpg" alt="">'
            '<img src="../media/other.png" alt=""></p></article>')
    sources = ('<source type="image/avif" srcset="../../assets/pictures/h-480.avif 480w" sizes="(min-width: 60em) 760px, 100vw">'
               '<source type="image/webp" srcset="../../assets/pictures/h-480.webp 480w" sizes="(min-width: 60em) 760px, 100vw">')
    assert pictures.responsive(page, "stories/x/", table) == (
        '<header><img src="../../images/logo.png" alt="logo" width="200" height="50"></header>\n<article>'
        f'<picture>{sources}<img src="../media/a.jpg" alt="A &amp; B" width="1000" height="500"></picture>'
        f'<p><picture>{sources}<img alt="" src="../media/a.jpg" width="10" height="5" loading="lazy"></picture> '
        '<img src="https://x.example/a.jpg" alt=""><img src="../media/other.png" alt=""></p></article>')


def test_addresses_are_resolved_from_the_page() -> None:
    assert pictures.site_path("../media/a%20b.jpg?v=1#x", "stories/x/") == "stories/media/a b.jpg"
    assert pictures.site_path("images/a.png", "") == "images/a.png"
    assert pictures.site_path("a.png", "about.html") == "a.png"
    assert pictures.site_path("//x.example/a.png", "about/") is None
    assert pictures.site_path("https://x.example/a.png", "about/") is None


# --- the built fixture site --------------------------------------------------------------------

def pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def check_picture(site: Path, page: Path, img, source_file: Path) -> None:  # noqa: ANN001 - a bs4 Tag
    """The <img> has the source picture's upright size, and each <source> lists real copies."""
    with Image.open(source_file) as source:
        upright = (source.height, source.width) if source.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8) else source.size
    assert (int(img["width"]), int(img["height"])) == upright, page
    picture = img.parent
    assert picture.name == "picture", page
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"], page
    for source in picture.find_all("source"):
        assert source["sizes"] == pictures.SIZES
        widths = []
        for candidate in source["srcset"].split(", "):
            address, width = candidate.split(" ")
            data = (page.parent / address).resolve().read_bytes()
            image_format, size, _ = facts(data)
            assert image_format == source["type"].removeprefix("image/").upper(), address
            assert size[0] == int(width.removesuffix("w")), address
            assert abs(size[1] - size[0] * upright[1] / upright[0]) <= 1, address
            assert_no_metadata(data, address)
            widths.append(size[0])
        assert widths == sorted({min(w, upright[0]) for w in pictures.WIDTHS}), page


@pytest.mark.slow
def test_every_img_of_the_built_site_has_its_size(built_site: Path) -> None:
    found = 0
    for path, soup in pages(built_site):
        for img in soup.find_all("img"):
            assert img.get("width") and img.get("height"), f"{path}: {img}"
            found += 1
    assert found >= 2


@pytest.mark.slow
def test_story_picture_and_poster_come_in_smaller_modern_copies(built_site: Path) -> None:
    for address, file in (("stories/the-river-at-first-light/index.html", RIVER),
                          ("stories/learning-to-be-dad-again/index.html", POSTER)):
        page = built_site / address
        img = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("figure.rc-media img")
        assert img["src"] == "../media/" + Path(file).name
        # The story's picture is the first of the page: it loads at once.
        assert not img.has_attr("loading"), address
        check_picture(built_site, page, img, FULL / file)


# --- a project with pictures in a page and in a story's text -----------------------------------

@pytest.fixture(scope="module")
def pictured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project("full", tmp_path_factory.mktemp("pictures") / "project")
    (project / "content" / "images").mkdir()
    (project / "content" / "images" / "garden.jpg").write_bytes(photo_with_gps((1000, 700)))
    (project / "content" / "images" / "path.png").write_bytes(_png(300, 200))
    about = project / "content" / "about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text.replace("## What a Recovery College is",
                                  "![The college garden in spring](images/garden.jpg)\n\n## What a Recovery College is", 1)
                     + "\n![A path through the garden](images/path.png)\n\n![The garden again](images/garden.jpg)\n",
                     encoding="utf-8")
    story = project / "stories" / "the-river-at-first-light.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n![The same river, at dusk](media/dusk.jpg)\n", encoding="utf-8")
    (project / "stories" / "media" / "dusk.jpg").write_bytes(strip_metadata(photo_with_gps((640, 480)), ".jpg"))
    with environment(RECOVERY_TODAY=TODAY):
        build_site(project, project / "site", pdf=False)
    return project / "site"


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (20, 120, 60, 200)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.slow
def test_page_pictures_load_in_order_with_their_copies(pictured_site: Path) -> None:
    page = pictured_site / "about" / "index.html"
    imgs = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article img")
    assert [(img["src"], img.get("loading")) for img in imgs] == [
        ("../images/garden.jpg", None), ("../images/path.png", "lazy"), ("../images/garden.jpg", "lazy")]
    assert [(img["width"], img["height"]) for img in imgs] == [("1000", "700"), ("300", "200"), ("1000", "700")]
    for img in imgs:
        source = pictured_site / "images" / Path(img["src"]).name
        check_picture(pictured_site, page, img, source)
        assert_no_metadata(source.read_bytes(), img["src"])


@pytest.mark.slow
def test_a_picture_in_a_story_text_loads_after_the_story_picture(pictured_site: Path) -> None:
    page = pictured_site / "stories" / "the-river-at-first-light" / "index.html"
    imgs = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article img")
    assert [(Path(img["src"]).name, img.get("loading")) for img in imgs] == [
        ("the-river-at-first-light.jpg", None), ("dusk.jpg", "lazy")]
    check_picture(pictured_site, page, imgs[1], pictured_site / "stories" / "media" / "dusk.jpg")


@pytest.mark.slow
def test_every_derived_picture_is_listed_by_a_page(pictured_site: Path) -> None:
    listed = set()
    for path, soup in pages(pictured_site):
        for source in soup.find_all("source", srcset=True):
            listed |= {(path.parent / c.split(" ")[0]).resolve() for c in source["srcset"].split(", ")}
    made = set((pictured_site / pictures.FOLDER).iterdir())
    assert made == listed and len(made) == 2 * (3 + 1 + 2 + 3 + 4 + 4)


@pytest.mark.browser
@pytest.mark.slow
def test_pages_with_pictures_are_valid_html(pictured_site: Path) -> None:
    require_java()
    require(VNU_JAR)
    checked, messages = run_nu_checker(pictured_site)
    assert len(checked) > 40
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] in ("error", "non-document-error")]
    assert errors == []
