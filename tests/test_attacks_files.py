"""Attacks through files, front matter and addresses: each is refused with its exact message, and
nothing of it reaches any file a real build writes (see tests/attack_cases_files.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

import material
import pytest
from attack_cases_files import ATTACKS, FIXTURE_WARNINGS, MARK, Attack
from conftest import TODAY
from projects import copy_project

from build_tools.cli.main import main
from build_tools.content.rules.addresses import LISTINGS, OUTPUT_FILES, page_address
from build_tools.content.rules.files import THEME_FOLDER, is_published
from build_tools.printed import prospectus
from build_tools.site.published import load_site
from build_tools.web import search
from build_tools.web.headers import parse_headers
from build_tools.web.pages import courses, library, stories

COURSE = "courses/understanding-anxiety.yml"
STORY = "stories/the-river-at-first-light.md"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project with files an attacker would like published."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"---\ntitle: {MARK}\n---\n\n{MARK}\n", encoding="utf-8")
    (folder / "secret.png").write_bytes((Path(__file__).parent / "fixtures/full/stories/media/"
                                         "the-river-at-first-light.jpg").read_bytes() + MARK.encode())
    return folder


def apply_attack(attack: Attack, root: Path, outside: Path) -> None:
    for relative, data in attack.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if data == "{course}":
            data = (root / COURSE).read_text(encoding="utf-8").replace("title: Understanding Anxiety",
                                                                       f"title: Index {MARK}")
        elif data == "{story}":
            data = (root / STORY).read_text(encoding="utf-8").replace("title: The River at First Light",
                                                                      f"title: Index {MARK}")
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    for relative, (old, new) in attack.replace.items():
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{attack.id}: {old!r} must occur exactly once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    for relative, target in attack.symlinks.items():
        link = root / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.exists():
            link.unlink()
        link.symlink_to(target.format(outside=outside))


def build(root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.setenv("RECOVERY_TODAY", TODAY)
    code = main(["build", "--no-pdf", "--root", str(root)])
    lines = capsys.readouterr().out.splitlines()
    problems = [line for line in lines if line.startswith(("warning: ", "content/", "stories/", "courses/"))
                and line not in FIXTURE_WARNINGS]
    return code, problems


def assert_nothing_reached(site: Path) -> None:
    """No file the build wrote holds the attack's mark, and neither search nor the sitemap lists it."""
    for path in site.rglob("*"):
        if path.is_file():
            assert MARK.encode() not in path.read_bytes(), path.relative_to(site)
    indexed = search.indexed_pages(site)  # its fragments are compressed, so the bytes above do not show them
    assert indexed
    assert not [page for page in indexed if MARK in page["url"] + page["meta"].get("title", "") + page["content"]]
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    assert not [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
                if MARK in (loc.text or "")]


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.id for attack in ATTACKS])
def test_attack_is_refused_and_reaches_no_output(attack: Attack, tmp_path: Path, outside: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project("full", tmp_path / "project")
    apply_attack(attack, root, outside)
    code, problems = build(root, capsys, monkeypatch)
    assert problems == attack.expected
    assert code == attack.exit_code
    site = root / "site"
    if code:
        assert not site.exists()
        return
    assert_nothing_reached(site)
    for address in attack.absent:
        assert not (site / address).exists(), address
    # The site's headers are the build's own, whatever content/_headers said.
    csp = parse_headers((site / "_headers").read_text(encoding="utf-8"))["/*"]["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "*" not in csp


def test_there_are_many_attack_cases() -> None:
    assert len(ATTACKS) >= 25
    assert len({attack.id for attack in ATTACKS}) == len(ATTACKS)


def test_listed_addresses_are_the_generated_pages(tmp_path: Path) -> None:
    """The address check knows every page the build generates (one list in each place, kept equal)."""
    root = copy_project("full", tmp_path / "project")
    site = load_site(root, on=dt.date.fromisoformat(TODAY))
    generated = {page_address(page.src_uri) for family in (courses, stories, library) for page in family.pages(site)}
    per_item = {page_address(f"courses/{c.id}.md") for c in [*site.courses, *site.retired_courses]}
    per_item |= {page_address(f"stories/{s.id}.md") for s in site.stories}
    per_item |= {page_address(f"venues/{v.id}.md") for v in site.venues}
    assert generated - per_item == set(LISTINGS)


def test_an_inline_script_not_from_the_theme_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever puts an inline script in a page (here an edited template), the policy does not
    grow to allow it: the build stops and names the page."""
    root = copy_project("full", tmp_path / "project")
    template = root / "theme/venue.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text + f"\n{{% block page_scripts %}}<script>document.title='{MARK}'</script>"
                        "{% endblock %}\n", encoding="utf-8")
    monkeypatch.setenv("RECOVERY_TODAY", TODAY)
    code = main(["build", "--no-pdf", "--root", str(root)])
    err = capsys.readouterr().err
    assert code == 1
    assert ("error: venues/ashcombe-community-centre.md: this page holds 1 inline script(s) that are "
            "not the theme's own; scripts can only come from the theme (theme/assets/javascripts/), never from "
            "content.") in err.splitlines()
    assert not (root / "site").exists()


def test_media_follow_their_story_consent(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A withdrawn story's picture is not copied, nor is any file in stories/media that no
    published story names; the other stories' media are."""
    root = copy_project("full", tmp_path / "project")
    story = root / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("  review_by: 2028-04-20\n",
                                                               "  review_by: 2028-04-20\n  withdrawn: 2026-11-01\n"),
                     encoding="utf-8")
    (root / "stories/media/interview-notes.txt").write_text(f"{MARK}\n", encoding="utf-8")
    code, _ = build(root, capsys, monkeypatch)
    assert code == 0
    media = root / "site/stories/media"
    assert not (media / "the-river-at-first-light.jpg").exists()
    assert not (media / "interview-notes.txt").exists()
    assert (media / "learning-to-be-dad-again-poster.jpg").exists()
    assert_nothing_reached(root / "site")


def test_listed_output_files_are_the_printed_editions() -> None:
    assert set(OUTPUT_FILES) == {prospectus.STANDARD_NAME, prospectus.LARGE_PRINT_NAME, prospectus.STORIES_NAME}


def test_the_theme_folder_holds_every_static_file_of_material() -> None:
    """The files rule reserves assets/ for the theme: Material keeps all its static files there."""
    templates = Path(material.__file__).parent / "templates"
    static = [path.relative_to(templates) for path in templates.rglob("*") if path.is_file()
              and path.suffix not in (".html", ".py", ".pyc", ".yml") and not path.name.startswith(".")
              and not any(part.startswith((".", "__")) for part in path.relative_to(templates).parts)]
    assert static
    assert all(path.parts[0] == THEME_FOLDER for path in static), [p for p in static if p.parts[0] != THEME_FOLDER]


@pytest.mark.parametrize(("icon", "exit_code"), [("material/heart-outline", 0), ("material/no-such-icon", 1)])
def test_page_icons_must_exist_in_the_theme(icon: str, exit_code: int, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project("full", tmp_path / "project")
    about = root / "content/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace(
        "title: How the college works\n", f"title: How the college works\nicon: {icon}\n"), encoding="utf-8")
    monkeypatch.setenv("RECOVERY_TODAY", TODAY)
    assert main(["build", "--no-pdf", "--root", str(root)]) == exit_code
    err = capsys.readouterr().err.splitlines()
    if exit_code:
        assert err == [f'error: content/about.md:3: icon: there is no icon "{icon}" in the theme; check the name in '
                       "the icon search of Material for MkDocs' documentation, or leave icon: out."]
    else:
        assert err == []


@pytest.mark.parametrize(("src_uri", "published"), [
    ("about.md", True), ("images/map.png", True), ("briefings/17-x.pdf", True), ("stories-audio/a.MP3", True),
    ("resources/guide.docx", True),  # named by a resource's file:
    ("notes.txt", False), ("hello.html", False), ("logo.svg", False), ("assets/images/favicon.png", False),
    ("Assets/x.png", False), (".env", False), ("drafts/.hidden.md", False), ("page.MD", False),
    ("page.markdown", False), ("resources/other.docx", False), ("stories/media/a.jpg", False),
    ("assets.png", True), ("stories/mediation.png", True),
])
def test_what_the_build_copies_from_content(src_uri: str, published: bool) -> None:
    """The filter the build applies to content/ files, even if validation were skipped."""
    assert is_published(src_uri, {"resources/guide.docx"}) is published
