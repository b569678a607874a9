"""PDF/UA-1's machine-checkable rules and readability on each printed edition, read back with pikepdf
and pypdf.

The three editions of the full fixture project are written once, as the build writes them
(side by side). Each rule walks the structure tree or the pages' marked content; none searches
the text for a phrase it expects to be tagged.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from outputs import outline
from projects import copy_project
from pypdf import PdfReader

from build_tools.printed.print_editions import load_settings
from build_tools.printed.prospectus import write_printed_editions
from build_tools.site.published import load_site

TODAY = "2026-11-22"
EDITIONS = {"standard": "prospectus.pdf", "large": "prospectus-large-print.pdf", "stories": "stories.pdf"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = copy_project("full", tmp_path_factory.mktemp("ua") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RECOVERY_TODAY", TODAY)
        site = load_site(project)
        write_printed_editions(site, project / "site", load_settings(project))
    return {name: project / "site" / file for name, file in EDITIONS.items()}


def elements(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, list[str]]]:
    """Every structure element with the roles of its ancestors, walked from the tree's root."""
    stack: list[tuple[pikepdf.Object, list[str]]] = [(pdf.Root.StructTreeRoot, [])]
    while stack:
        node, ancestors = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        role = [str(node.S)] if "/S" in node else []
        if role:
            yield node, ancestors
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            stack.append((kid, ancestors + role))


def marked_text(path: Path) -> list[dict[str, str]]:
    """Per page: the text shown inside pagination artifacts, other artifacts, tagged content, and outside
    any marked content."""
    reader = PdfReader(path)
    pages = []
    for page in reader.pages:
        stack: list[str] = []
        found = {"artifact": "", "other": "", "tagged": "", "untagged": ""}

        def operator(op: bytes, args: list, cm: object, tm: object, stack: list[str] = stack) -> None:
            if op in (b"BDC", b"BMC"):
                tag = str(args[0])
                properties = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
                if tag == "/Artifact":
                    stack.append("artifact" if properties.get("/Type") == "/Pagination" else "other")
                else:
                    stack.append("tagged" if "/MCID" in properties else "untagged")
            elif op == b"EMC" and stack:
                stack.pop()

        def text(value: str, cm: object, tm: object, font: object, size: float, stack: list[str] = stack,
                 found: dict[str, str] = found) -> None:
            if not stack:
                kind = "untagged"
            else:
                kind = "artifact" if "artifact" in stack else "other" if "other" in stack else stack[-1]
            found[kind] += value

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
        pages.append({k: " ".join(v.split()) for k, v in found.items()})
    return pages


@pytest.mark.parametrize("edition", EDITIONS)
def test_running_heads_and_page_numbers_are_pagination_artifacts(pdfs: dict[str, Path], edition: str) -> None:
    pages = marked_text(pdfs[edition])
    count = len(pages)
    assert pages[0]["artifact"] == "", "the cover has no running head or folio"
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {count}" in page["artifact"], number
        assert f"Page {number} of {count}" not in page["tagged"], number
        assert "Kelderbridge Recovery College ·" not in page["tagged"], number
        assert page["tagged"], f"page {number} has tagged content"
        assert page["untagged"] == "", f"page {number}: text neither tagged nor an artifact"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_marked_content_sequence_belongs_to_the_structure_tree(pdfs: dict[str, Path], edition: str) -> None:
    with pikepdf.open(pdfs[edition]) as pdf:
        reachable = {element.objgen for element, _ in elements(pdf)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages):
            mcids = [int(operands[1].MCID) for operands, op in pikepdf.parse_content_stream(page)
                     if op == pikepdf.Operator("BDC") and isinstance(operands[1], pikepdf.Dictionary)
                     and "/MCID" in operands[1]]
            assert mcids, f"page {number + 1} has tagged content"
            for mcid in mcids:
                element = parents[int(page.obj.StructParents)][mcid]
                assert element.objgen in reachable, (number + 1, mcid)


@pytest.mark.parametrize("edition", ["standard", "large"])
def test_table_header_cells_have_a_scope(pdfs: dict[str, Path], edition: str) -> None:
    with pikepdf.open(pdfs[edition]) as pdf:
        headers = [(element, ancestors) for element, ancestors in elements(pdf) if element.S == "/TH"]
        assert headers
        for element, ancestors in headers:
            expected = "/Column" if ancestors[-2:] == ["/THead", "/TR"] else "/Row"
            # /A is one attribute dictionary or an array of them (table, layout…): the table's holds /Scope.
            attributes = element.A if isinstance(element.A, pikepdf.Array) else [element.A]
            scopes = [str(a.Scope) for a in attributes if isinstance(a, pikepdf.Dictionary) and "/Scope" in a]
            assert scopes == [expected]
    if edition == "standard":
        assert len(headers) >= 8, "the timetable's months and the form's table"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_link_says_where_it_leads(pdfs: dict[str, Path], edition: str) -> None:
    reader = PdfReader(pdfs[edition])
    labels = reader.page_labels
    with pikepdf.open(pdfs[edition]) as pdf:
        page_of = {page.objgen: n for n, page in enumerate(pdf.pages)}
        dests = {str(name): page_of[dest[0].objgen]
                 for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        tagged_annotations = {kid.Obj.objgen for element, _ in elements(pdf) if element.S == "/Link"
                              for kid in element.K if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid}
        links = [annotation for page in pdf.pages for annotation in page.obj.get("/Annots") or []
                 if annotation.Subtype == "/Link"]
        assert links
        internal = 0
        for annotation in links:
            description = str(annotation.Contents)
            assert annotation.objgen in tagged_annotations, description
            if "/Dest" in annotation:
                internal += 1
                name = str(annotation.Dest)
                assert description != name
                title, _, page = description.rpartition(", page ")
                assert title, description
                assert page == labels[dests[name]], description
            else:
                uri = str(annotation.A.URI)
                scheme = uri.split(":", 1)[0]
                expected = {"mailto": f"e-mail {uri[7:]}", "tel": f"phone {uri[4:]}"}.get(
                    scheme, f"web page {uri.split('://', 1)[-1]}")
                assert description == expected
        assert internal, "the contents and index link inside the document"


def test_a_course_link_names_the_course_and_its_page(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["standard"]) as pdf:
        descriptions = {str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots") or []}
    reader = PdfReader(pdfs["standard"])

    def outline(items: list) -> Iterator:
        for item in items:
            yield from outline(item) if isinstance(item, list) else [item]

    mark = next(item for item in outline(reader.outline) if item.title == "Understanding Anxiety")
    page = reader.get_destination_page_number(mark)
    assert f"Understanding Anxiety, page {page + 1}" in descriptions


@pytest.mark.parametrize("edition", EDITIONS)
def test_page_labels_are_the_printed_folios(pdfs: dict[str, Path], edition: str) -> None:
    reader = PdfReader(pdfs[edition])
    pages = marked_text(pdfs[edition])
    assert reader.page_labels[0] == "Cover"
    for number, page in enumerate(pages[1:], start=1):
        assert f"Page {reader.page_labels[number]} of {len(pages)}" in page["artifact"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_language_title_bookmarks_and_display_title_are_kept(pdfs: dict[str, Path], edition: str) -> None:
    with pikepdf.open(pdfs[edition]) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(pdf.Root.MarkInfo.Marked) is True
        with pdf.open_metadata() as meta:
            assert meta["dc:title"].startswith("Kelderbridge Recovery College: ")
            assert "pdfuaid:part" in str(meta)
        assert "/Outlines" in pdf.Root and pdf.Root.Outlines.Count != 0
        for page in pdf.pages:
            if "/Annots" in page.obj:
                assert page.obj.Tabs == "/S"
    assert os.path.getsize(pdfs[edition]) > 0


# ---------------------------------------------------------------------------
# Readable: type sizes, "continued", running heads
# ---------------------------------------------------------------------------


def sizes_by_page(path: Path) -> list[Counter]:
    """Characters shown at each font size (points, after the text and page transforms), per page."""
    found = []
    for page in PdfReader(path).pages:
        sizes: Counter = Counter()

        def visit(text: str, cm: list, tm: list, font: object, size: float, sizes: Counter = sizes) -> None:
            if text.strip():
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                sizes[round(size * math.hypot(c, d), 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
        found.append(sizes)
    return found


def test_standard_body_text_is_12_point_and_nothing_is_small(pdfs: dict[str, Path]) -> None:
    pages = sizes_by_page(pdfs["standard"])
    everything = sum(pages[1:], Counter())
    assert everything.most_common(1)[0][0] >= 12
    assert min(everything) >= 10, "running heads and small print included"


def test_large_print_is_16_point_or_more_throughout(pdfs: dict[str, Path]) -> None:
    everything = sum(sizes_by_page(pdfs["large"]), Counter())
    assert min(everything) >= 16, sorted(everything)[:5]


@pytest.mark.parametrize("edition", ["standard", "large"])
def test_an_entry_running_onto_the_next_page_says_continued(pdfs: dict[str, Path], edition: str) -> None:
    pages = marked_text(pdfs[edition])
    starts = {title: page for level, title, page in outline(pdfs[edition]) if level == 3}
    continued = []
    for number, page in enumerate(pages):
        for title, start in starts.items():
            if f"{title}, continued" in page["artifact"]:
                continued.append(title)
                assert start < number, f"{title} is continued on page {number + 1} before it starts"
    assert continued, "the sample has entries that run onto another page"
    # The first page of an entry never calls it continued.
    for title, start in starts.items():
        assert f"{title}, continued" not in pages[start]["artifact"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_running_head_does_not_repeat_the_page_heading(pdfs: dict[str, Path], edition: str) -> None:
    pages = marked_text(pdfs[edition])
    for level, title, page in outline(pdfs[edition]):
        if level == 1 and page > 0:
            assert title not in pages[page]["artifact"], (title, page + 1)
