"""`fields.md`: each field of a web form as text ready to paste, with its character count.

Forms such as the UN Digital Cooperation Portal's take one text per field, each with its own
limit. This file gives, per field, the form's label, the count against the limit and the text
in a block of its own, so it can be copied as it is. Values are never shortened: a field over
its limit already stopped the export (SUB105).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from keepopen.forums.profile import ForumProfile

__all__ = ["render_paste_fields", "write_paste_fields"]


def _count(text: str) -> int:
    # As `validate_fields` counts: the text as written, without surrounding blanks.
    return len(text.strip())


def render_paste_fields(profile: ForumProfile, fields: Mapping[str, object]) -> str:
    """One section per field of the profile that has a value, in the form's order."""
    lines = [f"# Fields for {profile.label}", ""]
    lines += [
        "Copy each text below into the form field of the same label. Counts are characters, "
        "as the form counts them.",
        "",
    ]
    for spec in profile.fields:
        value = fields.get(spec.id)
        if value in (None, "", []):
            continue
        items = value if isinstance(value, list) else [value]
        limit = spec.max_length.value if spec.max_length else None
        lines.append(f"## {spec.label}")
        lines.append("")
        for item in items:
            text = str(item).strip()
            count = f"{_count(text):,} characters" + (f" of {limit:,}" if limit else "")
            lines += [f"({count})", "", "```text", text, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_paste_fields(profile: ForumProfile, fields: Mapping[str, object], path: Path) -> Path:
    path.write_text(render_paste_fields(profile, fields), encoding="utf-8")
    return path
