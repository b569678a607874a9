"""The printed editions: the prospectus (standard and large print) and the stories booklet.

The three PDFs are written once for this module, straight from the Python functions, on the
sample content as it stands on the fixed date, and read back with pypdf and poppler's pdftotext.
A browser test checks the print styles of the web pages in headless Chromium.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from outputs import outline
from projects import FULL, copy_project
from pypdf import PdfReader

from build_tools.cli import main as cli
from build_tools.content.environment import environment
from build_tools.printed.print_editions import PrintSettings, printable_stories, write_stories_booklet
from build_tools.printed.prospectus import (
    UnknownTerm,
    build_edition,
    covered_terms,
    write_prospectus,
)
from build_tools.site.published import Report, Site, load_published, load_site
from build_tools.web.templating import labeller

TODAY = "2026-11-22"

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full fixture project with the theme, whose prospectus templates the editions use."""
    return copy_project("full", tmp_path_factory.mktemp("prospectus") / "project")


@pytest.fixture(scope="module")
def site(project: Path) -> Site:
    with environment(RECOVERY_TODAY=TODAY):
        return load_site(project)


@pytest.fixture(scope="module")
def report(project: Path) -> Report:
    with environment(RECOVERY_TODAY=TODAY):
        return load_published(project)[1]


@pytest.fixture(scope="module")
def settings(site: Site) -> PrintSettings:
    return site.settings


@pytest.fixture(scope="module")
def pdfs(site: Site, settings: PrintSettings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three printed editions, written once."""
    folder = tmp_path_factory.mktemp("print")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        return {
            "standard": write_prospectus(site, settings, folder / "prospectus.pdf"),
            "large": write_prospectus(site, settings, folder / "prospectus-large-print.pdf", large_print=True),
            "stories": write_stories_booklet(site, settings, folder / "stories.pdf"),
        }


def page_texts(path: Path) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it, with whitespace collapsed."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install -y poppler-utils", pytrace=False)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [" ".join(page.split()) for page in raw.split("\f")[:-1]]


def all_text(path: Path) -> str:
    return " ".join(page_texts(path))


def text_sizes(path: Path, pages: range | None = None) -> Counter:
    """Characters printed at each font size (in points, after the text and page transforms)."""
    reader = PdfReader(path)
    sizes: Counter = Counter()
    for number in pages if pages is not None else range(len(reader.pages)):

        def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
            if text.strip():
                # Vertical scale of the combined text and page matrices.
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                sizes[round(size * math.hypot(c, d), 1)] += len(text.strip())

        reader.pages[number].extract_text(visitor_text=visit)
    return sizes


def course_pages(path: Path) -> dict[str, int]:
    """Each course's first page (0-based), from its bookmark (level 3, under a category)."""
    return {title: page for level, title, page in outline(path) if level == 3}


# ---------------------------------------------------------------------------
# The prospectus
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["standard", "large"])
def test_every_published_course_is_printed_by_category_in_file_order(pdfs: dict[str, Path], site: Site,
                                                                     edition: str) -> None:
    categories = yaml.safe_load((FULL / "courses" / "_categories.yml").read_text(encoding="utf-8"))["categories"]
    expected: list[tuple[str, list[str]]] = []
    for category in categories:
        titles = sorted((c.title for c in site.courses if c.category == category["id"]), key=str.lower)
        if titles:
            expected.append((category["name"], titles))

    marks = outline(pdfs[edition])
    start = [n for n, (level, title, _) in enumerate(marks) if level == 1 and title == "Courses"]
    assert len(start) == 1, "one 'Courses' bookmark"
    printed: list[tuple[str, list[str]]] = []
    for level, title, _ in marks[start[0] + 1:]:
        if level == 1:
            break
        if level == 2:
            printed.append((title, []))
        elif level == 3:
            printed[-1][1].append(title)
    assert printed == expected

    text = all_text(pdfs[edition])
    for course in site.courses:
        assert course.title in text


def test_sample_has_unpublished_courses_and_held_back_stories(report: Report) -> None:
    # Without these the next tests would prove nothing.
    assert {h.reason for h in report.held_back_of("course")} >= {"status: draft", "status: cancelled",
                                                               "status: archived"}
    assert report.held_back_of("story")


def test_no_unpublished_course_or_held_back_story_is_printed(pdfs: dict[str, Path], report: Report) -> None:
    for name, path in pdfs.items():
        text = all_text(path)
        # Stories are the storytellers' own words and may name any course; the prospectus may not.
        for course in report.held_back_of("course") if name != "stories" else []:
            assert course.title not in text, f"{course.reason} course {course.title!r} printed in {name}"
        for held in report.held_back_of("story"):
            assert held.title not in text, f"held-back story {held.title!r} printed in {name}"


def test_full_courses_are_marked_full(pdfs: dict[str, Path], site: Site) -> None:
    texts = page_texts(pdfs["standard"])
    pages = course_pages(pdfs["standard"])
    full = [c for c in site.courses if c.status == "full"]
    assert full, "the sample has a full course"
    for course in full:
        entry = texts[pages[course.title]] + " " + texts[pages[course.title] + 1]
        assert f"{course.title} FULL" in entry
        assert "This course is full." in entry


def test_each_course_entry_shows_its_details(pdfs: dict[str, Path], site: Site, settings: PrintSettings) -> None:
    texts = page_texts(pdfs["standard"])
    pages = course_pages(pdfs["standard"])
    terms = {t.id for t in covered_terms(site, None)}
    for course in site.courses:
        # An entry may run onto the next page.
        entry = texts[pages[course.title]] + " " + texts[pages[course.title] + 1]
        assert course.summary.split()[0] in entry
        for outcome in course.learning_outcomes:
            assert " ".join(outcome.split()[:4]) in entry, outcome
        for person in course.facilitators:
            assert person.name in entry
            assert person.role in entry
        assert course.cost in entry
        assert course.format.length.split()[0] in entry
        # A printed address breaks only after a slash: the text has a space there.
        assert f"{settings.site_url.split('://')[1]}courses/{course.id}/" in entry.replace("/ ", "/")
        for run in course.runs:
            if run.term not in terms:
                continue
            assert site.term_by_id[run.term].name in entry
            if run.venue:
                assert site.venue_by_id[run.venue].name in entry
            for session in run.sessions:
                # Cancelled runs and sessions are said in words instead of listed among the dates.
                if course.run_status(run) != "cancelled" and not session.cancelled:
                    assert f"{session.date.day} {session.date:%b %Y}" in entry, (course.id, session.date)


def test_links_and_qr_codes_point_at_course_pages(pdfs: dict[str, Path], site: Site, settings: PrintSettings) -> None:
    reader = PdfReader(pdfs["standard"])
    uris = set()
    images = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            images += xobject.get_object().get("/Subtype") == "/Image"
    for course in site.courses:
        assert f"{settings.site_url}courses/{course.id}/" in uris
    # QR codes are vector drawings (inline SVG), not pictures.
    assert images == 0


def test_contents_page_numbers_lead_to_their_sections(pdfs: dict[str, Path], site: Site) -> None:
    texts = page_texts(pdfs["standard"])
    contents = texts[1]
    assert contents.startswith("Contents") or "Contents" in contents[:40]
    sections = ["Welcome", "How to enrol", "Timetable by date", "Venues and access", "Courses from A to Z",
                "Enrolment form", "Contact and crisis support"] + [c.name for c, _ in site.courses_by_category]
    for section in sections:
        match = re.search(re.escape(section) + r"[ .]*?(\d+)", contents)
        assert match, f"{section} is in the contents"
        page = texts[int(match.group(1)) - 1]
        assert section in page, f"{section} is on page {match.group(1)}"


def test_index_gives_each_course_its_page(pdfs: dict[str, Path], site: Site) -> None:
    texts = page_texts(pdfs["standard"])
    pages = course_pages(pdfs["standard"])
    # The index may run over more than one page; each carries its heading or the running head.
    index = " ".join(t for t in texts if "Courses from A to Z" in t[:80])
    for course in site.courses:
        match = re.search(re.escape(course.title) + r"[ .]*?(\d+)", index)
        assert match, course.title
        assert int(match.group(1)) == pages[course.title] + 1


def test_enrolment_without_the_internet_and_crisis_support(pdfs: dict[str, Path], settings: PrintSettings) -> None:
    texts = page_texts(pdfs["standard"])
    text = " ".join(texts)
    assert settings.college["phone"] in text
    for line in settings.college["address"]:
        assert line in text
    for route in ("By phone", "By post", "In person"):
        assert route in text
    form = [t for t in texts if t.startswith("Enrolment form Fill this in")]
    assert len(form) == 1, "the enrolment form fits on one page"
    for field in ("Your name", "Address", "Postcode", "Phone", "Courses you would like to join"):
        assert field in form[0]
    back = texts[-1]
    assert "Samaritans: 116 123" in back
    for helpline in settings.crisis_support:
        assert helpline["contact"] in back


def test_cover_names_the_college_terms_and_date(pdfs: dict[str, Path], site: Site, settings: PrintSettings) -> None:
    cover = page_texts(pdfs["standard"])[0]
    assert settings.college_name in cover
    for term in covered_terms(site, None):
        assert term.name in cover
    assert "Printed Sunday 22 November 2026" in cover


@pytest.mark.parametrize("edition", ["standard", "large", "stories"])
def test_pdfs_are_tagged_titled_and_in_british_english(pdfs: dict[str, Path], edition: str) -> None:
    reader = PdfReader(pdfs[edition])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert "Kelderbridge Recovery College" in reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert outline(pdfs[edition]), "bookmarks"


def test_fonts_are_embedded_system_fonts(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["standard"])
    names = set()
    for page in reader.pages[:6]:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).split("+")[-1])
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert names and all(name.startswith(("Liberation", "DejaVu")) for name in names), names


def test_large_print_has_bigger_text_and_more_pages(pdfs: dict[str, Path]) -> None:
    standard, large = PdfReader(pdfs["standard"]), PdfReader(pdfs["large"])
    assert len(large.pages) > len(standard.pages)
    standard_sizes = text_sizes(pdfs["standard"], range(2, 12))
    large_sizes = text_sizes(pdfs["large"], range(2, 12))
    body_standard = standard_sizes.most_common(1)[0][0]
    body_large = large_sizes.most_common(1)[0][0]
    assert body_large >= 16
    assert body_standard < body_large
    # Headings are bigger than the body text.
    assert max(large_sizes) > body_large + 4


def test_a_term_edition_shows_only_that_term(site: Site, settings: PrintSettings) -> None:
    edition = build_edition(site, settings, term_id="summer-2027")
    assert [t.id for t in edition.terms] == ["summer-2027"]
    shown = [v for _, views in edition.categories for v in views]
    expected = {c.id for c in site.courses if any(r.term == "summer-2027" for r in c.runs)}
    assert {v.course.id for v in shown} == expected
    assert all(r.term.id == "summer-2027" for v in shown for r in v.runs)
    assert all(e.term.id == "summer-2027" for _, months in edition.timetable for month in months
               for day in month.days for e in day.entries)


def test_an_unknown_term_is_a_plain_error(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UnknownTerm):
        covered_terms(site, "autumn-1999")
    code = cli.main(["prospectus", "--root", str(FULL), "--term", "autumn-1999"])
    assert code == 2
    err = capsys.readouterr().err
    ids = ", ".join(t.id for t in site.terms)
    assert err == f'error: there is no term "autumn-1999" in courses/_terms.yml; use one of these ids: {ids}.\n'


# ---------------------------------------------------------------------------
# The stories booklet
# ---------------------------------------------------------------------------


def test_stories_booklet_has_only_published_print_consented_stories(pdfs: dict[str, Path], site: Site) -> None:
    expected = [s.title for s in site.stories if "print" in s.consent.scope]
    assert expected and [s.title for s in printable_stories(site)] == expected
    skip = {"Cover", "About these stories", "Support and contact"}
    printed = [title for level, title, _ in outline(pdfs["stories"]) if level == 1 and title not in skip]
    assert printed == expected
    text = all_text(pdfs["stories"])
    for story in site.stories:
        if "print" not in story.consent.scope:
            assert story.title not in text


def test_each_story_has_its_content_note_first_and_its_chosen_attribution(pdfs: dict[str, Path], site: Site) -> None:
    texts = page_texts(pdfs["stories"])
    pages = {title: page for level, title, page in outline(pdfs["stories"]) if level == 1}
    for story in printable_stories(site):
        page = texts[pages[story.title]]
        start = page.index(story.title)
        if story.storyteller.attribution == "anonymous":
            assert "Shared anonymously" in page
        else:
            assert f"By {story.storyteller.display_name}" in page
        if story.content_notes:
            note = page.index("Content note:")
            assert start < note < page.index(story.summary.split(".")[0][:40])
            for label in story.content_notes:
                assert labeller(site.settings)(label, "content_note").lower() in page[note:note + 300]


def test_stories_booklet_has_crisis_support(pdfs: dict[str, Path], settings: PrintSettings) -> None:
    texts = page_texts(pdfs["stories"])
    assert "If you need support now" in texts[1]
    assert "Samaritans: 116 123" in texts[-1]


# ---------------------------------------------------------------------------
# Print styles of the web pages
# ---------------------------------------------------------------------------


@pytest.mark.browser
def test_web_pages_print_without_site_chrome_and_with_notes_open(browser, site_url: str, site: Site) -> None:  # noqa: ANN001
    story = next(s for s in site.stories if s.content_notes)
    page = browser.new_page()
    try:
        page.goto(f"{site_url}stories/{story.id}/")
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
            locator = page.locator(chrome)
            assert locator.count() == 0 or not locator.first.is_visible(), chrome
        # The content note's inside (helplines) is printed even though <details> starts closed.
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
        assert page.get_by_text("Samaritans").first.is_visible()
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.evaluate("[...document.querySelectorAll('details')].every(d => !d.open)")
        # Links to other sites show their address after the link text.
        page.goto(f"{site_url}resources/")
        page.emulate_media(media="print")
        after = page.evaluate("""() => {
            const link = document.querySelector('.md-typeset a[href^="http"]');
            return link && [link.getAttribute('href'), getComputedStyle(link, '::after').content];
        }""")
        assert after is not None, "the resource library links to other sites"
        assert after[0] in after[1] and after[1].startswith('" (')
    finally:
        page.close()
