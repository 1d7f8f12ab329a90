"""Validate front matter against the content model and turn pydantic errors into diagnostics."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from keepopen.content.frontmatter import FrontMatter
from keepopen.content.model import PAGE_TYPES
from keepopen.content.plaintext import is_multi_line, text_problems
from keepopen.content.vocab import closest
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["plain_text_problems", "validate_front_matter"]

_DATE_ERRORS = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_type",
    "date_future",
    "date_past",
}
_PARTIAL_DATE_MARK = r"^\d{4}(-"


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside `X`, `X | None`, `list[X]`, `dict[str, X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _nested_model(info.annotation)
    return current


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _diagnostic(model: type[BaseModel], err: Any, fm: FrontMatter, path: str) -> Diagnostic:
    loc = tuple(err["loc"])
    name = _dotted(loc)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        pos = fm.where(loc[:-1]) if len(loc) > 1 else fm.where(())
        return make(
            "FM003",
            path,
            pos.line,
            pos.col,
            f"missing required field `{name}`",
            f"add `{loc[-1]}:` with a value (see docs/contribute/content-model.md)",
        )
    if kind == "extra_forbidden":
        pos = fm.where(loc)
        parent = _model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        hint = closest(str(loc[-1]), known)
        fix = f"did you mean `{hint}`?" if hint else "remove it, or check the field list"
        return make("FM004", path, pos.line, pos.col, f"unknown field `{name}`", fix)
    pos = fm.where(loc, value=True)
    value = err.get("input")
    if kind in _DATE_ERRORS or (
        kind == "string_pattern_mismatch"
        and str(ctx.get("pattern", "")).startswith(_PARTIAL_DATE_MARK)
    ):
        form = "YYYY, YYYY-MM or YYYY-MM-DD" if kind == "string_pattern_mismatch" else "YYYY-MM-DD"
        return make(
            "FM006",
            path,
            pos.line,
            pos.col,
            f"`{name}` is not a valid date: {_shown(value)}",
            f"write a real date as {form}",
        )
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = closest(str(value), allowed)
        fix = f"use `{hint}`" if hint else "use one of " + ", ".join(f"`{a}`" for a in allowed)
        return make(
            "FM005",
            path,
            pos.line,
            pos.col,
            f"`{name}` must be one of {', '.join(allowed)}, not {_shown(value)}",
            fix,
        )
    if kind == "string_pattern_mismatch":
        return make(
            "FM005",
            path,
            pos.line,
            pos.col,
            f"`{name}` has an invalid form: {_shown(value)}",
            "use lower-case letters, digits and hyphens (e.g. `my-page-id`)",
        )
    message = str(err["msg"])
    message = message[0].lower() + message[1:]
    return make(
        "FM005",
        path,
        pos.line,
        pos.col,
        f"`{name}`: {message}, got {_shown(value)}",
        "correct the value's type (see docs/contribute/content-model.md)",
    )


def plain_text_problems(fm: FrontMatter, path: str) -> list[Diagnostic]:
    """FM009: markup in a text value; FM010: a control character or a forbidden line break.

    Every front-matter text reaches readers as plain text (a title in the navigation, a claim
    in the facts table), so HTML in it would either run or show as code.
    """
    return text_problems(fm.data, lambda where: fm.where(where, value=True), path, is_multi_line)


def validate_front_matter(fm: FrontMatter, path: str) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate against the model named by `type`. Returns the model (None if invalid).

    Plain-text problems (FM009, FM010) are reported too; they leave the model valid, as the
    page renders such values escaped.
    """
    model, problems = _validate_model(fm, path)
    return model, problems + plain_text_problems(fm, path)


def _validate_model(fm: FrontMatter, path: str) -> tuple[BaseModel | None, list[Diagnostic]]:
    page_type = fm.data.get("type")
    if page_type is None:
        return None, [
            make(
                "FM003",
                path,
                1,
                1,
                "missing required field `type`",
                "add `type:` (one of " + ", ".join(PAGE_TYPES) + ")",
            )
        ]
    model = PAGE_TYPES.get(str(page_type))
    if model is None:
        pos = fm.where(("type",), value=True)
        hint = closest(str(page_type), PAGE_TYPES)
        fix = f"did you mean `{hint}`?" if hint else "use one of " + ", ".join(PAGE_TYPES)
        return None, [
            make("FM007", path, pos.line, pos.col, f"unknown page type {_shown(page_type)}", fix)
        ]
    try:
        return model.model_validate(fm.data), []
    except ValidationError as exc:
        return None, [_diagnostic(model, e, fm, path) for e in exc.errors(include_url=False)]
