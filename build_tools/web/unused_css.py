"""Material's style sheet without the rules no page of this site can use.

Material ships one style sheet (about 135 KB) for every feature and Markdown extension it
supports; every page waits for it before its first paint. After the build, a rule is dropped
when each of its selectors names a class or id that appears nowhere in the built site: on no
element of any page (as the build's whole-page check reads them), in no inline script and in no
script file, where
Material's bundle names the classes it adds while the page runs (a class a script puts together,
``md-tag--${kind}`` or ``"md-tag--" + kind``, keeps every class starting ``md-tag--``). Classes inside ``:not()``,
``:is()`` and other brackets never count against a selector, nor do attribute selectors, so a
rule is only dropped when no element of the site can ever match it. ``@media``, ``@supports`` and
``@layer`` blocks are pruned inside; other at-rules (``@keyframes``, ``@font-face``) are kept whole.

The file keeps its name, so the pages' links are unchanged; the source map Material ships for
it no longer matches and is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

# Material's own style sheet in site/ (its name carries Material's hash of the original).
MAIN_STYLESHEET = "assets/stylesheets/main.*.min.css"
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# The start of a class name a script completes at run time: `md-tag--${…}` or "md-tag--" + …
_PREFIX = re.compile(r"([A-Za-z_][\w-]*-)(?:\$\{|[\"']\s*\+)")
_GROUPS = ("media", "supports", "layer")


def words(text: str) -> list[str]:
    """Every word of ``text`` that could be a class or id."""
    return _WORD.findall(text)


class Used:
    """The words that could be a class or id in the built pages and scripts, and the starts of
    class names that scripts complete; ``names`` adds classes and ids known already."""

    def __init__(self, texts: Iterable[str], names: Iterable[str] = ()) -> None:
        self.words: set[str] = set(names)
        prefixes: set[str] = set()
        for text in texts:
            self.words.update(_WORD.findall(text))
            prefixes.update(_PREFIX.findall(text))
        self.prefixes = tuple(sorted(prefixes))

    def __contains__(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)


def _selectors(prelude: list) -> list[list]:
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _may_match(selector: list, used: Used) -> bool:
    """False only if the selector needs a class or id (outside any brackets) that no page has."""
    for index, token in enumerate(selector):
        name = None
        if token.type == "literal" and token.value == "." and index + 1 < len(selector) \
                and selector[index + 1].type == "ident":
            name = selector[index + 1].value
        elif token.type == "hash" and token.is_identifier:
            name = token.value
        if name is not None and _WORD.fullmatch(name) and name not in used:
            return False
    return True


def _pruned(nodes: list, used: Used) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if node.type == "qualified-rule":
            kept = [selector for selector in _selectors(node.prelude) if _may_match(selector, used)]
            if kept:
                prelude = ",".join(tinycss2.serialize(selector).strip() for selector in kept)
                out.append(f"{prelude}{{{tinycss2.serialize(node.content)}}}")
        elif node.type == "at-rule" and node.lower_at_keyword in _GROUPS and node.content is not None:
            inner = _pruned(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True), used)
            if inner:
                out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(inner)}}}")
        elif node.type not in ("whitespace", "comment"):
            out.append(node.serialize())
    return out


def prune(css: str, used: Used) -> str:
    """``css`` without the rules (and selectors) that need a class or id missing from ``used``."""
    return "".join(_pruned(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), used))


def prune_site(site_dir: Path, page_names: set[str]) -> list[Path]:
    """Prune Material's style sheet in the built ``site_dir`` against its pages and scripts.

    ``page_names`` are the classes and ids of every page and the words of their inline scripts,
    as the build's whole-page check read them (reading 60 MB of pages again for their words cost
    a tenth of the build); the site's script files are read here.
    """
    sheets = sorted(site_dir.glob(MAIN_STYLESHEET))
    if not sheets:
        return []
    used = Used((path.read_text(encoding="utf-8", errors="replace") for path in site_dir.rglob("*.js")), page_names)
    for sheet in sheets:
        sheet.write_text(prune(sheet.read_text(encoding="utf-8"), used), encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
    return sheets
