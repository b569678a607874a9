"""What the printed editions may read, carry and show: attacks through stories, and print consent.

A hostile story reaches the stories booklet when its consent covers print. The site is assembled
from whatever loads, errors or not, so these tests prove the print layer itself holds even where
validation would also refuse the input. Each PDF is read back with pikepdf: embedded files,
annotations, every stream and string.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from projects import copy_project
from pypdf import PdfReader

from build_tools.printed.print_editions import load_settings, write_stories_booklet
from build_tools.printed.typeset import PrintError
from build_tools.site.published import Site, assemble, publish, validate

TODAY = "2026-11-22"
CANARY = "canary-4f1e9c-never-printed"
FRONT = """---
title: {title}
summary: A story used to test what the printed booklet may read and carry.
storyteller:
  attribution: pseudonym
  name: Robin
perspective: lived-experience
format: written
themes: [hope]
consent:
  given: 2026-04-20
  scope: {scope}
  review_by: 2028-04-20
{extra}published: 2026-05-18
---

"""

pytestmark = pytest.mark.slow


def add_story(project: Path, slug: str, body: str, *, title: str | None = None, scope: str = "[web, print]",
              extra: str = "") -> None:
    text = FRONT.format(title=title or slug.replace("-", " ").title(), scope=scope, extra=extra) + body
    (project / "stories" / f"{slug}.md").write_text(text, encoding="utf-8")


def site_of(project: Path) -> Site:
    """Everything that loads, published as the build would, whatever validation says."""
    on = dt.date.fromisoformat(TODAY)
    collections, problems = validate(project, on)
    return assemble(collections, problems, on)


def booklet(project: Path, target: Path) -> Path:
    return write_stories_booklet(site_of(project), load_settings(project), target)


def everything_in(path: Path) -> bytes:
    """Every stream (decoded) and string of the PDF, for searching what it carries."""
    chunks: list[bytes] = [path.read_bytes()]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:
                    chunks.append(obj.read_raw_bytes())
            elif isinstance(obj, pikepdf.String):
                chunks.append(bytes(obj))
            elif isinstance(obj, pikepdf.Dictionary):
                chunks.extend(bytes(v) for v in obj.values() if isinstance(v, pikepdf.String))
    chunks.append(" ".join(page.extract_text() for page in PdfReader(path).pages).encode())
    return b"\n".join(chunks)


def attachments_and_annotations(path: Path) -> tuple[int, set[str]]:
    with pikepdf.open(path) as pdf:
        embedded = len(pdf.attachments)
        kinds = {str(a.Subtype) for page in pdf.pages for a in page.obj.get("/Annots") or []}
    return embedded, kinds


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The full project with stories that link to secrets, picture remote and local files, and
    tell a story for print only; its booklet written once."""
    project = copy_project("full", tmp_path_factory.mktemp("hostile") / "project")
    media = project / "stories" / "media"
    # A picture with a comment and EXIF: the web copy is stripped, so must the printed one be.
    image = Image.new("RGB", (40, 30), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = f"camera {CANARY}"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=f"comment {CANARY}".encode())
    (media / "garden.jpg").write_bytes(buffer.getvalue())
    add_story(project, "attachments", "\n".join([
        "Some links.",
        "",
        '<a rel="attachment" href="/etc/passwd">my notes</a>',
        "",
        '<a rel="attachment" href="file:///proc/self/environ">more notes</a>',
        "",
        "A remote picture: ![a tracker](https://tracker.example/p.gif)",
        "",
        "A picture beside the story, as on the web: ![Our garden in June](media/garden.jpg)",
    ]))
    add_story(project, "only-on-paper", "Told for the booklet, not the website.\n",
              title="Only On Paper", scope="[print]")
    add_story(project, "only-on-the-web", "Told for the website, not the booklet.\n",
              title="Only On The Web", scope="[web]")
    add_story(project, "taken-back", "Told, then taken back.\n", title="Taken Back",
              extra="  withdrawn: 2026-10-01\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        patch.setenv("RECOVERY_CANARY", CANARY)
        pdf = booklet(project, project / "site" / "stories.pdf")
    return project, pdf


def test_no_file_is_attached_and_no_secret_is_carried(hostile: tuple[Path, Path]) -> None:
    _, pdf = hostile
    embedded, kinds = attachments_and_annotations(pdf)
    assert embedded == 0
    assert kinds == {"/Link"}
    carried = everything_in(pdf)
    assert b"root:x:0:0" not in carried
    assert b"/bin/sh" not in carried and b"nologin" not in carried
    assert CANARY.encode() not in carried
    assert b"RECOVERY_TODAY=" not in carried and b"PATH=/" not in carried
    assert b"tracker.example" not in carried
    with pikepdf.open(pdf) as document:
        uris = [str(a.A.URI) for page in document.pages for a in page.obj.get("/Annots") or [] if "/A" in a]
    assert uris and not [uri for uri in uris if not uri.startswith(("https://", "mailto:"))], "no file: links"
    with pikepdf.open(pdf) as document:
        assert "/EmbeddedFiles" not in document.Root.get("/Names", {})
        assert "/AF" not in document.Root


def test_the_link_text_stays_and_the_remote_picture_is_its_alt_text(hostile: tuple[Path, Path]) -> None:
    _, pdf = hostile
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "my notes" in text and "more notes" in text
    assert "a tracker" in text


def test_a_picture_beside_the_story_is_printed_without_its_metadata(hostile: tuple[Path, Path]) -> None:
    _, pdf = hostile
    with pikepdf.open(pdf) as document:
        pictures = [obj for obj in document.objects if isinstance(obj, pikepdf.Stream)
                    and obj.get("/Subtype") == "/Image" and int(obj.Width) == 40 and int(obj.Height) == 30]
        assert len(pictures) == 1, "the garden picture is in the booklet"
        data = pictures[0].read_raw_bytes()
    assert CANARY.encode() not in data
    assert b"Exif" not in data


def test_print_consent_alone_puts_a_story_in_the_booklet(hostile: tuple[Path, Path]) -> None:
    project, pdf = hostile
    site = site_of(project)
    printed = [s.id for s in site.printed_stories]
    web = [s.id for s in site.stories]
    assert "only-on-paper" in printed and "only-on-paper" not in web
    assert "only-on-the-web" in web and "only-on-the-web" not in printed
    assert "taken-back" not in printed and "taken-back" not in web
    titles = [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]
    assert "Only On Paper" in titles
    assert "Only On The Web" not in titles and "Taken Back" not in titles
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Told for the booklet" in text
    assert "Told for the website" not in text and "Told, then taken back" not in text
    # A story that is not on the website gives no web address to look it up.
    assert "stories/only-on-paper/" not in text


def test_withdrawing_print_consent_takes_the_story_out_of_the_next_booklet(hostile: tuple[Path, Path]) -> None:
    project, _ = hostile
    story = project / "stories" / "only-on-paper.md"
    story.write_text(story.read_text(encoding="utf-8").replace("published:", "  withdrawn: 2026-11-01\npublished:"),
                     encoding="utf-8")
    try:
        on = dt.date.fromisoformat(TODAY)
        site, report = publish(*validate(project, on), on)
        assert "only-on-paper" not in [s.id for s in site.printed_stories]
        assert "only-on-paper" in [Path(h.path).stem for h in report.held_back_of("story")]
    finally:
        story.write_text(story.read_text(encoding="utf-8").replace("  withdrawn: 2026-11-01\n", ""),
                         encoding="utf-8")


REFUSED = [
    pytest.param("![x](/etc/passwd)", 'body: "/etc/passwd" is outside the project; use a picture saved beside the story.',
                 id="absolute-path"),
    pytest.param("![x](../../../../../../../../etc/passwd)",
                 'body: "../../../../../../../../etc/passwd" is outside the project; use a picture saved beside '
                 "the story.",
                 id="climbing-path"),
    pytest.param('<img src="/proc/self/environ" alt="x">',
                 'body: "/proc/self/environ" is outside the project; use a picture saved beside the story.',
                 id="environment"),
    pytest.param("![x](media/missing.jpg)",
                 "body: \"media/missing.jpg\" does not exist; check the file name and that the file is in the "
                 "story's folder.", id="missing"),
    pytest.param("![x](../mkdocs.yml)",
                 'body: "../mkdocs.yml" is not a picture; the printed editions can only show gif, jpeg, jpg, png, webp '
                 "files.", id="project-file"),
    pytest.param("![x](media/secret.jpg)",
                 'body: "media/secret.jpg" is outside the project; use a picture saved beside the story.', id="symlink"),
    pytest.param("![x](media/not-a-picture.png)",
                 "body: the file could not be read as an image (UnidentifiedImageError); replace it with a JPEG or "
                 "PNG file.", id="not-an-image"),
]


@pytest.mark.parametrize(("body", "message"), REFUSED)
def test_a_picture_the_booklet_may_not_read_is_a_plain_error(tmp_path: Path, body: str, message: str) -> None:
    project = copy_project("full", tmp_path / "project")
    media = project / "stories" / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / "secret.jpg").symlink_to("/etc/passwd")
    (media / "not-a-picture.png").write_text("root:x:0:0", encoding="utf-8")
    add_story(project, "hostile", f"First line.\n\n{body}\n")
    target = project / "site" / "stories.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        with pytest.raises(PrintError) as caught:
            booklet(project, target)
    line = FRONT.count("\n") + 3
    assert [str(p) for p in caught.value.problems] == [f"stories/hostile.md:{line}: {message}"]
    assert not target.exists()
    assert not list(target.parent.glob(".*.part"))


def test_a_typst_error_is_a_plain_error_naming_the_template_and_line(tmp_path: Path) -> None:
    project = copy_project("full", tmp_path / "project")
    template = project / "theme" / "prospectus" / "stories.typ"
    lines = template.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("#chapter("))
    lines[line - 1] = '#chapter("about", nosuchvalue)'
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = project / "site" / "stories.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        with pytest.raises(PrintError) as caught:
            booklet(project, target)
    assert [str(p) for p in caught.value.problems] == [
        f"theme/prospectus/stories.typ:{line}: print: Typst could not lay out the edition: unknown variable: "
        "nosuchvalue; fix the template, or report this with the file and line."]
    assert not target.exists()
    assert not list(target.parent.glob(".*.part"))


@pytest.mark.parametrize(("read", "reason"), [
    ('"../../../../../../etc/passwd"', 'path `"../../../../../../etc/passwd"` would escape the project root'),
    ('"/theme/prospectus/stories.typ"', "file not found (searched at "),
])
def test_a_template_can_read_only_its_layout_folder(tmp_path: Path, read: str, reason: str) -> None:
    """Typst's root is a fresh folder holding the templates, the data and the pictures: even a
    template cannot read the project or the machine."""
    project = copy_project("full", tmp_path / "project")
    template = project / "theme" / "prospectus" / "stories.typ"
    template.write_text(template.read_text(encoding="utf-8") + f"\n#read({read})\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        with pytest.raises(PrintError) as caught:
            booklet(project, project / "site" / "stories.pdf")
    [problem] = caught.value.problems
    assert problem.path == "theme/prospectus/stories.typ"
    assert problem.message.startswith(f"Typst could not lay out the edition: {reason}")
    assert "root:x" not in problem.message
