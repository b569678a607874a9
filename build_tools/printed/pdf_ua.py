"""What WeasyPrint's tagged PDF lacks for PDF/UA-1, added after it writes the file (with pikepdf).

WeasyPrint 70 writes a structure tree, a title, the language and bookmarks, but:

* the running header, footer and page number (CSS margin boxes) are marked content with no
  place in the structure tree, where PDF/UA-1 wants them as pagination artifacts (WeasyPrint's
  issue 1836): they become ``/Artifact <</Type /Pagination>>``, so a screen reader skips them;
* table header cells carry no ``/Scope``: a header in a table's head row is a column header, one
  that starts a body row a row header;
* a link's ``/Contents`` is its anchor (``welcome``): it becomes what the link leads to, in words,
  such as "Understanding Anxiety, page 7" or "web page college.example/courses/";
* pages have no labels: they get the folios printed on them (the cover is "Cover", then 2, 3…);
* an element inside a link (``<a><strong>…</strong></a>``) gets a second annotation for the same
  link, tagged under that element instead of the link: it is removed, so a link is announced once.

Each step reads what WeasyPrint wrote and nothing else, in one pass over pages and structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pikepdf

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MARKED = re.compile(rb"/([A-Za-z][A-Za-z0-9]*)\s*<</MCID (\d+)>>\s*BDC")
_PAGINATION = b"/Artifact <</Type /Pagination>> BDC"


def link_targets(root: object) -> dict[str, str]:
    """What each ``id`` of the HTML document names: its heading's text, for link descriptions.

    ``root`` is the document's ElementTree element (WeasyPrint's ``HTML(...).etree_element``). A
    heading's ``data-bookmark`` is preferred to its text, which may hold a badge such as "Full".
    """
    found: dict[str, str] = {}
    for element in root.iter():  # type: ignore[attr-defined]
        ident = element.get("id")
        if not ident or not isinstance(element.tag, str):
            continue
        heading = element if _local(element.tag) in HEADINGS else next(
            (e for e in element.iter() if isinstance(e.tag, str) and _local(e.tag) in HEADINGS), None)
        if heading is not None:
            text = heading.get("data-bookmark") or " ".join("".join(heading.itertext()).split())
            if text:
                found[ident] = text
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def finish(path: Path, targets: Mapping[str, str]) -> None:
    """Add artifacts, header scopes, link descriptions and page labels to the PDF at ``path``."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        labels = page_labels(pdf)
        mark_pagination_artifacts(pdf)
        scope_header_cells(pdf)
        drop_nested_link_annotations(pdf)
        describe_links(pdf, targets, labels)
        pdf.save(path, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def page_labels(pdf: pikepdf.Pdf) -> list[str]:
    """Label the pages with their printed folios: the cover (which shows none) is "Cover"."""
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([
        0, pikepdf.Dictionary(P=pikepdf.String("Cover")),
        1, pikepdf.Dictionary(S=pikepdf.Name.D, St=2),
    ]))
    return ["Cover"] + [str(n) for n in range(2, len(pdf.pages) + 1)]


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under ``node``, parents before children (without recursion)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary):
            continue
        if "/S" in item:
            yield item
        kids = item.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(reversed(list(kids)))
        elif kids is not None:
            stack.append(kids)


def mark_pagination_artifacts(pdf: pikepdf.Pdf) -> int:
    """Turn marked content that the structure tree does not reach (the margin boxes) into
    pagination artifacts; returns how many were turned."""
    tree = pdf.Root.StructTreeRoot
    reachable = {element.objgen for element in _elements(tree)}
    nums = tree.ParentTree.Nums
    turned = 0
    for index in range(0, len(nums), 2):
        page_number, entry = int(nums[index]), nums[index + 1]
        if not isinstance(entry, pikepdf.Array) or page_number >= len(pdf.pages):
            continue  # an annotation's entry, not a page's
        orphans = {mcid for mcid, element in enumerate(entry)
                   if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable}
        if not orphans:
            continue
        page = pdf.pages[page_number]
        if isinstance(page.obj.Contents, pikepdf.Array):
            page.contents_coalesce()  # one stream, so a marked sequence is never split between two
        data = page.obj.Contents.read_bytes()

        def replace(match: re.Match[bytes], orphans: set[int] = orphans) -> bytes:
            return _PAGINATION if int(match.group(2)) in orphans else match.group(0)

        page.obj.Contents.write(_MARKED.sub(replace, data))
        for mcid in orphans:
            entry[mcid] = pikepdf.Object.parse(b"null")
        turned += len(orphans)
    return turned


def scope_header_cells(pdf: pikepdf.Pdf) -> int:
    """Give every table header cell a ``/Scope``; returns how many cells were given one."""
    count = 0
    for element in _elements(pdf.Root.StructTreeRoot):
        if element.S != pikepdf.Name.TH:
            continue
        row = element.get("/P")
        group = row.get("/P") if isinstance(row, pikepdf.Dictionary) else None
        in_head = isinstance(group, pikepdf.Dictionary) and group.get("/S") == pikepdf.Name.THead
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            element.A = attributes
        if "/Scope" not in attributes:
            attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
            count += 1
    return count


def drop_nested_link_annotations(pdf: pikepdf.Pdf) -> int:
    """Remove link annotations whose structure parent is not a ``/Link`` element (WeasyPrint gives
    every inline box inside a link an annotation of its own); returns how many were removed."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    entries = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}
    removed = 0
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = []
        for annotation in annotations:
            index = entries.get(int(annotation.get("/StructParent", -1)))
            parent = nums[index] if index is not None else None
            if (annotation.get("/Subtype") == pikepdf.Name.Link and isinstance(parent, pikepdf.Dictionary)
                    and parent.get("/S") != pikepdf.Name.Link):
                parent.K = pikepdf.Array([kid for kid in parent.K if not (
                    isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid and kid.Obj.objgen == annotation.objgen)])
                nums[index] = pikepdf.Object.parse(b"null")
                removed += 1
            else:
                kept.append(annotation)
        page.obj.Annots = pikepdf.Array(kept)
    return removed


def describe_links(pdf: pikepdf.Pdf, targets: Mapping[str, str], labels: list[str]) -> int:
    """Give every link annotation a ``/Contents`` a screen reader can announce; returns how many."""
    page_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    destinations: dict[str, int] = {}
    if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        for name, destination in pikepdf.NameTree(pdf.Root.Names.Dests).items():
            if isinstance(destination, pikepdf.Array) and len(destination):
                destinations[str(name)] = page_of.get(destination[0].objgen, -1)
    count = 0
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") != pikepdf.Name.Link:
                continue
            annotation.Contents = pikepdf.String(_description(annotation, targets, destinations, labels))
            count += 1
    return count


def _description(annotation: pikepdf.Dictionary, targets: Mapping[str, str], destinations: dict[str, int],
                 labels: list[str]) -> str:
    if "/Dest" in annotation:
        name = str(annotation.Dest)
        what = targets.get(name, name.replace("-", " "))
        page = destinations.get(name, -1)
        return f"{what}, page {labels[page]}" if 0 <= page < len(labels) else what
    action = annotation.get("/A")
    uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
    scheme, _, rest = uri.partition(":")
    if scheme == "mailto":
        return f"e-mail {rest}"
    if scheme == "tel":
        return f"phone {rest}"
    return f"web page {uri.split('://', 1)[-1]}" if uri else "link"
