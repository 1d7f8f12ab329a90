"""Check a submission's `fields:` against its forum profile.

Every problem names the field, the limit and the actual length; values are never truncated or
rewritten, because a silently shortened text is worse than a failed export.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from keepopen.diagnostics import Diagnostic
from keepopen.forums.profile import FieldSpec, ForumProfile

__all__ = ["validate_fields"]

LineOf = Callable[[str], int]


def _length(value: str) -> int:
    # Characters as a form counts them: the text as written, without surrounding blanks.
    return len(value.strip())


def validate_fields(
    profile: ForumProfile,
    fields: Mapping[str, object],
    path: str,
    line_of: LineOf = lambda _field: 0,
    how_to_add: Callable[[str], str] = lambda field_id: f"add `{field_id}:` under `fields:`",
) -> list[Diagnostic]:
    """Every problem with `fields` under `profile`, as diagnostics at `path`.

    Args:
        profile: The forum profile.
        fields: The submission page's `fields:` mapping.
        path: The submission page, for the diagnostics.
        line_of: Maps a field id to its line in the page (0 when unknown).
        how_to_add: The fix for a missing field, in the words of where fields are given.
    """
    out: list[Diagnostic] = []

    def add(field_id: str, code: str, message: str, fix: str) -> None:
        out.append(Diagnostic(path, line_of(field_id), 1, code, message, fix))

    for spec in profile.fields:
        value = fields.get(spec.id)
        if value is None or value == "" or value == []:
            if spec.required.value:
                add(
                    spec.id,
                    "SUB101",
                    f"field '{spec.id}' ({spec.label}) is missing; forum '{profile.id}' "
                    "requires it",
                    how_to_add(spec.id),
                )
            continue
        _check_value(profile, spec, value, add)
    for field_id in fields:
        if profile.field(field_id) is None:
            known = ", ".join(f.id for f in profile.fields)
            add(
                field_id,
                "SUB102",
                f"field '{field_id}' is not a field of forum '{profile.id}'",
                f"remove it or use one of: {known}",
            )
    return out


def _check_value(profile: ForumProfile, spec: FieldSpec, value: object, add) -> None:
    if spec.kind == "choices":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            add(
                spec.id,
                "SUB103",
                f"field '{spec.id}' must be a list of texts",
                f"write it as a YAML list, e.g. `{spec.id}: [first, second]`",
            )
            return
        items = value
        if spec.max_items and len(items) > spec.max_items.value:
            add(
                spec.id,
                "SUB104",
                f"field '{spec.id}' has {len(items)} items; its limit is "
                f"{spec.max_items.value} (over by {len(items) - spec.max_items.value})",
                "keep the most relevant items; nothing is dropped automatically",
            )
    else:
        if not isinstance(value, str):
            add(
                spec.id,
                "SUB103",
                f"field '{spec.id}' must be a single text",
                f"write it as `{spec.id}: some text`",
            )
            return
        items = [value]
    for item in items:
        length = _length(item)
        if spec.max_length and length > spec.max_length.value:
            limit = spec.max_length.value
            add(
                spec.id,
                "SUB105",
                f"field '{spec.id}' is {length} characters long; its limit is {limit} "
                f"(over by {length - limit})",
                f"shorten it by at least {length - limit} characters; nothing is cut automatically",
            )
        if spec.allowed and item.strip() not in spec.allowed.value:
            add(
                spec.id,
                "SUB106",
                f"field '{spec.id}' has value '{item}', which forum '{profile.id}' does not allow",
                f"use one of: {', '.join(spec.allowed.value)}",
            )
