"""Turn pydantic validation errors into plain-English problems with a file line.

pydantic's own wording ("Input should be a valid integer") is written for developers. Editors
need to know what is wrong *and how to fix it*, so each error type gets its own sentence.
Errors raised by the models with ``_plain(...)`` are already plain English and pass through.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from build_tools.content.errors import Problem, error, field_name
from build_tools.content.yaml_lines import LineMap


def _shown(value: Any) -> str:
    """A short, quoted rendering of what the editor wrote."""
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through Optional, list and Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, set, dict):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (for "did you mean" suggestions)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        candidates = _unwrap(info.annotation)
        current = candidates[0] if candidates else None
    return current


def _allowed_values(ctx: dict[str, Any]) -> list[str]:
    expected = ctx.get("expected", "")
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _describe(err: dict[str, Any], model: type[BaseModel], noun: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    loc = err["loc"]
    name = str(loc[-1]) if loc and not isinstance(loc[-1], int) else "this item"

    if kind == "plain":
        return err["msg"]
    if kind == "missing":
        return f"this is required but missing; add {name}: to the {noun}."
    if kind == "extra_forbidden":
        holder = _model_at(model, tuple(loc[:-1]))
        known = list(holder.model_fields) if holder else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        return f'"{name}" is not a field here; {hint}check the spelling, or remove the line.'
    if kind in ("literal_error", "enum"):
        allowed = _allowed_values(ctx)
        if value is None:
            return f"this is empty; choose one of: {', '.join(allowed)}."
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        return f"{_shown(value)} is not allowed here{hint}; use one of: {', '.join(allowed)}."
    if kind in ("too_short", "too_long"):
        actual = ctx.get("actual_length", 0)
        if kind == "too_short":
            need = ctx.get("min_length", 1)
            return f"needs at least {need} item{'s' if need != 1 else ''}, but has {actual}; add more."
        most = ctx.get("max_length")
        return f"has {actual} items, but at most {most} are allowed; remove some."
    if kind == "string_too_long":
        return f"is too long ({len(str(value))} characters); keep it to {ctx.get('max_length')} characters or fewer."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{_shown(value)} is not a whole number; write digits only, for example 12."
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_shown(value)} is too small; it must be at least {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"{_shown(value)} is too large; it must be at most {ctx.get('le', ctx.get('lt'))}."
    if kind in ("bool_parsing", "bool_type"):
        return f"{_shown(value)} is not true or false; write true or false."
    if kind == "list_type":
        return (
            f"expected a list, but found {_shown(value)}; put each item on its own line, "
            "indented and starting with '- '."
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            f"expected a block of fields (name: value lines, indented under {name}:), "
            f"but found {_shown(value)}."
        )
    if kind in ("string_type",):
        return f"expected text, but found {_shown(value)}; put it in quotes if it is meant as text."
    if kind in ("float_parsing", "float_type"):
        return f"{_shown(value)} is not a number."
    # A fallback that still says where and what, for error types not listed above.
    return f"{_shown(value)} is not valid here: {err['msg']}."


# Errors that only say a draft is unfinished: a field not written yet, a list still short, a
# rule between fields (checked by the model itself, on a dict of its fields).
_UNFINISHED = frozenset({"missing", "too_short", "too_long", "string_too_long", "greater_than_equal",
                         "greater_than", "less_than_equal", "less_than"})


def makes_draft_unreadable(err: dict[str, Any]) -> bool:
    """Whether a pydantic error is a mistake even in a draft: a wrong type or an unknown value or field.

    A draft is work in progress, so empty values, missing fields and unfinished lists are
    allowed in it; what it holds must still be readable, so it can be finished later.
    """
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return True
    if err["type"] in _UNFINISHED or value in (None, "", [], {}):
        return False
    return not (err["type"] == "plain" and isinstance(value, dict))


def problems_from(
    exc: ValidationError, model: type[BaseModel], path: str, lines: LineMap, noun: str, prefix: tuple[Any, ...] = (),
    draft: bool = False,
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, each on the line of the offending value.

    For a draft, only the errors that make it unreadable (see :func:`makes_draft_unreadable`).
    """
    problems: list[Problem] = []
    seen: set[tuple[str, int, str]] = set()
    for err in exc.errors():
        if draft and not makes_draft_unreadable(err):
            continue
        loc = tuple(part for part in err["loc"])
        ctx = err.get("ctx") or {}
        if err["type"] == "plain" and ctx.get("at"):
            loc = (*loc, ctx["at"])
        full = (*prefix, *loc)
        if err["type"] == "missing":
            line = lines.line_of(full[:-1])
        elif err["type"] == "extra_forbidden":
            line = lines.key_line(full)
        else:
            line = lines.line_of(full)
        message = _describe(err, model, noun)
        typed = lines.as_typed(full)
        value = err.get("input")
        if typed is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            # Quote what the editor typed (01632960412, 14.00), not the number YAML read (1632960412, 14.0).
            message = re.sub(rf"(?<![\d.]){re.escape(str(value))}(?![\d.])", lambda _: typed, message)
        problem = error(path, line, field_name(full) if full else "file", message)
        key = (problem.field, problem.line, problem.message)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return problems
