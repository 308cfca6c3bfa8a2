"""Pydantic's validation errors, said the way a content editor needs them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from content.model import DURATION_PATTERN, ID_PATTERN


def field_path(location: Iterable[str | int]) -> str:
    """``("questions", 3, "correct")`` as ``questions[3].correct``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def known_fields(models: Iterable[type[BaseModel]]) -> set[str]:
    """Every field name of ``models`` and of the models inside them."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            for inner in _models_in(info.annotation):
                visit(inner)

    for model in models:
        visit(model)
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(argument))
    return found


def describe(error: ErrorDetails, field_names: set[str]) -> str:
    """One validation error as a plain sentence saying what was expected."""
    kind = error["type"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "missing":
        return "this field is required but missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, field_names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field '{name}'{hint}"
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return (
            f"text too long for a card: at most {context.get('max_length')} characters, "
            f"this one has {len(value.strip())}"
        )
    if kind in ("string_too_short", "too_short") and isinstance(value, str):
        return "this text is empty"
    if kind == "string_pattern_mismatch":
        pattern = context.get("pattern")
        if pattern == ID_PATTERN:
            return (
                "expected an id of lower-case words joined by hyphens "
                f"(like 'stroom-72-uur'), got {value!r}"
            )
        if pattern == DURATION_PATTERN:
            return f"expected a duration such as 30m, 4h, 3d or 2w, got {value!r}"
    if kind == "too_short":
        least = context.get("min_length")
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    if kind == "too_long":
        return f"has too many entries: at most {context.get('max_length')}"
    if kind.startswith("url_"):
        return f"expected a web address starting with https://, got {value!r}"
    if kind in ("model_type", "dict_type"):
        return f"expected fields (key: value), got {_shown(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list (lines starting with '- '), got {_shown(value)}"
    return str(error["msg"]).removeprefix("Value error, ")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return "nothing" if value is None else type(value).__name__
