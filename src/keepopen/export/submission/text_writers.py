"""`submission.md` (plain text for web forms) and `submission.json` (the fields and a record)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.export.submission.assemble import Document
from keepopen.export.submission.citestyle import flatten
from keepopen.forums.profile import ForumProfile, fields_json_schema

__all__ = ["flat_items", "render_markdown", "submission_record", "write_json", "write_markdown"]


def flat_items(doc: Document) -> tuple[list[str], list[str]]:
    """Each item's text for outputs without real footnotes, and the numbered citation notes.

    Links keep their address in brackets; citations in footnote style become `[n]`, and their
    notes are returned in order for a "Notes" list.
    """
    texts: list[str] = []
    notes: list[str] = []
    for item in doc.items:
        text, cited = flatten(item.text, item.notes, len(notes) + 1)
        texts.append(text)
        notes += cited
    return texts, notes


def render_markdown(doc: Document, numbered: bool = True) -> str:
    """The submission as Markdown that also reads well as plain text."""
    lines = [f"# {doc.title}", "", f"Submission to: {doc.forum_label}  ", f"Date: {doc.date}", ""]
    if doc.draft:
        lines[1:1] = ["", "**DRAFT: not for submission**"]
    for label, value in doc.fields:
        lines.append(f"- {label}: {value}")
    if doc.fields:
        lines.append("")
    texts, notes = flat_items(doc)
    for item, text in zip(doc.items, texts, strict=True):
        if item.kind == "heading":
            lines += [f"{'#' * min(item.level + 1, 6)} {text}", ""]
        elif item.kind == "quote":
            lines += [f"> {text}", ""]
        else:
            # Numbers are sequential, so Markdown renderers show the same "7." as the DOCX.
            prefix = f"{item.number}. " if numbered else ""
            lines += [f"{prefix}{text}", ""]
    if notes:
        lines += ["## Notes", ""]
        lines += [line for n, note in enumerate(notes, 1) for line in (f"[{n}] {note}", "")]
    elif doc.references:
        lines += ["## References", ""]
        for row in doc.references:
            flag = " [unverified]" if row.verification not in VERIFIED_LEVELS else ""
            lines += [f"{row.label} {row.entry.text}{flag}".strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(doc: Document, profile: ForumProfile, path: Path) -> Path:
    path.write_text(
        render_markdown(doc, profile.layout.numbered_paragraphs.value), encoding="utf-8"
    )
    return path


def submission_record(
    doc: Document,
    profile: ForumProfile,
    page_id: str | None,
    fields: dict[str, Any],
    draws_on: list[str],
    figures: dict[str, Any],
) -> dict[str, Any]:
    """The JSON record: forum, validated fields, what went in, what was left out and why."""
    return {
        "forum": profile.id,
        "forum_label": profile.label,
        "profile_status": profile.status,
        "id": page_id,
        "title": doc.title,
        "date": doc.date,
        "fields": fields,
        "draws_on": draws_on,
        "figures": figures,
        "claims": {
            "included": doc.included_claims,
            "included_unverified": doc.unverified_claims,
            "left_out": [
                {"page": x.page, "line": x.line, "excerpt": x.excerpt, "reason": x.reason}
                for x in doc.left_out
            ],
        },
        "paragraphs": [
            {"number": i.number, "text": text, "unverified": i.unverified}
            for i, text in zip(doc.items, flat_items(doc)[0], strict=True)
            if i.kind == "paragraph"
        ],
        "notes": flat_items(doc)[1],
        "references": [
            {
                "label": row.label,
                "key": row.entry.key,
                "verification": row.verification,
                "text": row.entry.text,
            }
            for row in doc.references
        ],
        "assumptions_to_confirm": profile.assumptions(),
    }


def write_json(
    record: dict[str, Any], profile: ForumProfile, path: Path, partial: bool = False
) -> Path:
    """Write the record after checking its fields against the profile's JSON Schema.

    With `partial` (ad-hoc briefs), required fields may be missing; limits still apply.
    """
    schema = fields_json_schema(profile)
    if partial:
        schema["required"] = []
    jsonschema.validate(record["fields"], schema)
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
