"""What Typst's PDF/UA-1 file does not say itself, added after it writes the file (with pikepdf).

Typst 0.15 writes the structure tree, running heads and page numbers as pagination artifacts,
``/Scope`` on table header cells, the title, language and bookmarks, and checks PDF/UA-1's
rules as it compiles. Two things are left, each done in one pass over the pages:

* page labels: Typst labels pages with their numbers; the cover, which shows none, becomes "Cover";
* link descriptions: Typst describes a link inside the document as "Section, page 7" and one to
  the web by its bare address; each link's ``/Contents`` becomes what it leads to, in words, such
  as "Understanding Anxiety, page 7", "web page college.example/courses/" or "e-mail …".
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pikepdf


def finish(path: Path, targets: Mapping[str, str]) -> None:
    """Add page labels and link descriptions to the PDF at ``path``. ``targets`` names what each
    named destination (a label of the document) is."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        labels = page_labels(pdf)
        describe_links(pdf, targets, labels)
        pdf.save(path, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def page_labels(pdf: pikepdf.Pdf) -> list[str]:
    """Label the pages with their printed folios: the cover (which shows none) is "Cover"."""
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([
        0, pikepdf.Dictionary(P=pikepdf.String("Cover")),
        1, pikepdf.Dictionary(S=pikepdf.Name.D, St=2),
    ]))
    return ["Cover"] + [str(n) for n in range(2, len(pdf.pages) + 1)]


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
