"""Safe YAML reading that remembers the line of every value.

Editors need error messages that point at a line, so parsing keeps a map from each value's
path (``("runs", 0, "sessions", 2, "date")``) to its 1-based line number.

The loader is PyYAML's ``SafeLoader`` with three changes made for editors' safety:

* YAML 1.2 scalars: only ``true``/``false`` are booleans (so ``no`` or ``NO`` stays text) and
  ``10:30`` stays the text ``"10:30"`` instead of the base-60 number 630;
* duplicate keys are errors instead of the last one silently winning;
* anchors and aliases (``&a``/``*a``) are refused, which rules out "billion laughs" expansion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[Any, ...]

MAX_DEPTH = 40


class YamlProblem(Exception):
    """A YAML file could not be read; carries a 1-based line and a plain-English message."""

    def __init__(self, line: int, message: str, field: str = "file") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


class _EditorLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and numbers, no aliases and no duplicate keys."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                event.start_mark.line + 1,
                "anchors and aliases (& and *) are not allowed in content files; write the value out in full.",
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlProblem(
                    self.peek_event().start_mark.line + 1,
                    f"the data is nested more than {MAX_DEPTH} levels deep; check the indentation.",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Replace YAML 1.1 implicit resolvers for bool, int and float with YAML 1.2 core schema ones.
_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)


def _construct_bool(loader: yaml.SafeLoader, node: ScalarNode) -> bool:
    return loader.construct_scalar(node).lower() == "true"


def _construct_int(loader: yaml.SafeLoader, node: ScalarNode) -> int:
    return int(loader.construct_scalar(node))


def _construct_float(loader: yaml.SafeLoader, node: ScalarNode) -> float:
    return float(loader.construct_scalar(node))


def _construct_timestamp(loader: yaml.SafeLoader, node: ScalarNode) -> Any:
    # An impossible date such as 2027-02-30 stays text, so validation can say what is wrong.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_EditorLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_EditorLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_EditorLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


@dataclass
class LineMap:
    """Line numbers of values and keys, by path."""

    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)
    offset: int = 0
    # Unquoted values exactly as typed (``01632960412``, ``14.00``), so messages can quote the
    # editor's own text rather than the number YAML made of it.
    typed: dict[Path, str] = field(default_factory=dict)

    def as_typed(self, path: Path) -> str | None:
        """The unquoted value at ``path`` as the editor typed it, or ``None``."""
        return self.typed.get(tuple(path))

    def line_of(self, path: Path) -> int:
        """Line of the value at ``path``, or of its closest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path] + self.offset
            path = path[:-1]
        return self.values.get((), 1) + self.offset

    def key_line(self, path: Path) -> int:
        """Line of the key that names ``path`` (for unknown fields), else of the value."""
        if tuple(path) in self.keys:
            return self.keys[tuple(path)] + self.offset
        return self.line_of(path)


def _walk(node: Node, path: Path, lines: LineMap, duplicates: list[YamlProblem]) -> None:
    lines.values[path] = node.start_mark.line + 1
    if isinstance(node, ScalarNode) and not node.style:  # plain: None, or "" from libyaml
        lines.typed[path] = node.value
    if isinstance(node, MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(
                    YamlProblem(
                        line,
                        f'"{key}" appears twice in the same block (first on line {seen[key]}); '
                        "keep one and delete the other.",
                        field=".".join(str(p) for p in (*path, key)) or key,
                    )
                )
            seen[key] = line
            lines.keys[(*path, key)] = line
            # A value on the next line (block list or mapping) points at its first item;
            # a missing value (``key:``) points at the key.
            _walk(value_node, (*path, key), lines, duplicates)
            if isinstance(value_node, ScalarNode) and value_node.value == "":
                lines.values[(*path, key)] = line
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, duplicates)


_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:- )?([A-Za-z_][\w-]*):(\S)")
_CURLY = "\u201c\u201d\u2018\u2019"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _plain_yaml_error(error: yaml.MarkedYAMLError, source: str = "", above: str = "") -> str:
    """What is wrong, in editors' words; ``source`` is the line the mistake is on, ``above`` the one before."""
    problem = (error.problem or "").strip()
    if ("mapping values are not allowed here" in problem and _indent(source) > _indent(above)
            and re.match(r"^\s*(?:- )?[\w-]+: \S", above)):
        return ("the YAML cannot be read: this line is indented further than the line above, so YAML reads it "
                "as part of that line's value; line it up with the fields around it.")
    if any(quote in source for quote in _CURLY):
        return ("the YAML cannot be read: this line has curly quotes (\u201c \u201d or \u2018 \u2019), which YAML does "
                'not treat as quotes; put straight quotes (") around the whole value instead.')
    if "could not find expected ':'" in problem:
        missing_space = _NO_SPACE_AFTER_COLON.match(source)
        if missing_space:
            key = missing_space.group(1)
            return (f'the YAML cannot be read: the colon after "{key}" needs a space after it; write '
                    f"{key}: followed by a space, then the value.")
        return ("the YAML cannot be read: this line has no colon (:) after its field name; write it as name: value, "
                "or close the quote if a quoted text goes on from here.")
    hints = {
        "mapping values are not allowed here": (
            "a colon (:) appears where YAML does not expect one; if the text contains ': ', put the "
            'whole value in quotes, e.g. title: "Hope: a story"'
        ),
        "found character '\\t' that cannot start any token": (
            "a tab character is used for indenting; YAML needs spaces, so replace the tab with spaces"
        ),
        "could not find expected ':'": "a line is missing its colon, or a quoted text is not closed",
        "found unexpected end of stream": "a quoted text is not closed; add the closing quote mark",
        "expected <block end>, but found '<block mapping start>'": (
            "the indentation is inconsistent; line up this line with the others at the same level"
        ),
        "expected <block end>, but found '-'": (
            "a list item is indented differently from the items before it; line them up"
        ),
        "expected a single document in the stream": (
            "the file holds more than one YAML document (a second '---'); keep one"
        ),
    }
    for key, hint in hints.items():
        if key in problem or key in str(error.context or ""):
            return f"the YAML cannot be read: {hint}."
    return f"the YAML cannot be read ({problem or error.context}); check the indentation and quotes near this line."


class _FastEditorLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser (seven times faster): used for well-formed files.

    libyaml's composer cannot be told to refuse aliases or to stop at a depth, so those are
    checked on the finished node tree, and any file that is not plainly well-formed is parsed
    again by ``_EditorLoader``, whose messages editors see.
    """


_FastEditorLoader.yaml_implicit_resolvers = _EditorLoader.yaml_implicit_resolvers
_FastEditorLoader.yaml_constructors = _EditorLoader.yaml_constructors
# libyaml composes nested blocks recursively in C: very deep input goes to the careful parser.
_FAST_PATH_MAX_BRACKETS = 200
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_DEPTH + 1},}}", re.MULTILINE)


class _NotPlain(Exception):
    """The fast path declines this text; the careful parser will say what is wrong with it."""


def _check_tree(node: Node, depth: int, seen: set[int]) -> None:
    """Refuse aliases (a node reached twice) and excessive depth, as ``_EditorLoader`` does."""
    if depth > MAX_DEPTH or id(node) in seen:
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            _check_tree(key_node, depth + 1, seen)
            _check_tree(value_node, depth + 1, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_tree(item, depth + 1, seen)


def _parse_fast(text: str, line_offset: int) -> tuple[Any, LineMap]:
    if text.count("[") + text.count("{") > _FAST_PATH_MAX_BRACKETS:
        raise _NotPlain
    if _DEEP_INDENT.search(text):
        raise _NotPlain
    loader = _FastEditorLoader(text)
    try:
        node = loader.get_single_node()
        lines = LineMap(offset=line_offset)
        if node is None:
            return None, lines
        _check_tree(node, 0, set())
        duplicates: list[YamlProblem] = []
        _walk(node, (), lines, duplicates)
        if duplicates:
            raise _NotPlain
        return loader.construct_document(node), lines
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        raise _NotPlain from None
    finally:
        loader.dispose()


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse YAML text into plain Python data and a :class:`LineMap`.

    Raises :class:`YamlProblem` (possibly several, via ``YamlProblems``) with 1-based lines
    already shifted by ``line_offset`` (used for front matter, which starts after ``---``).
    """
    try:
        return _parse_fast(text, line_offset)
    except _NotPlain:
        pass
    try:
        loader = _EditorLoader(text)
    except yaml.reader.ReaderError as error:
        # The reader refuses control characters before parsing starts, so this has no mark.
        line = text[: error.position].count("\n") + 1
        raise YamlProblem(line + line_offset, f"the line contains an invisible control character (code "
                          f"0x{error.character:02X}), which YAML does not allow; delete it (it is often "
                          "pasted in by accident).") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap(offset=line_offset)
        lines = LineMap(offset=line_offset)
        duplicates: list[YamlProblem] = []
        _walk(node, (), lines, duplicates)
        if duplicates:
            raise YamlProblems([_shift(p, line_offset) for p in duplicates])
        data = loader.construct_document(node)
    except YamlProblem as problem:
        raise _shift(problem, line_offset) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and ("could not find expected ':'" in str(error.problem)
                                               or "while scanning a quoted scalar" in str(error.context)):
            # PyYAML notices a missing colon on the next line, and an unclosed quote at the end of
            # the file; the mistake is on the line where the key or the quote starts.
            mark = error.context_mark
        line = (mark.line + 1) if mark else 1
        all_lines = text.split("\n")
        source = all_lines[line - 1] if 0 < line <= len(all_lines) else ""
        above = next((x for x in reversed(all_lines[: max(line - 1, 0)]) if x.strip()), "")
        raise YamlProblem(line + line_offset, _plain_yaml_error(error, source, above)) from None
    except yaml.YAMLError as error:  # reader errors (control characters) and the like
        raise YamlProblem(1 + line_offset, f"the YAML cannot be read: {error}.") from None
    except RecursionError:
        raise YamlProblem(1 + line_offset, "the data is nested too deeply; check the indentation.") from None
    finally:
        loader.dispose()
    return data, lines


class YamlProblems(Exception):
    """Several problems found while reading one YAML text (e.g. duplicate keys)."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _shift(problem: YamlProblem, offset: int) -> YamlProblem:
    return YamlProblem(problem.line + offset, problem.message, problem.field)
