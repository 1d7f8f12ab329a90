"""Rules on pages' identity and vocabularies: ids (ID...), themes and models (VOC...)."""

from __future__ import annotations

from collections import defaultdict

from keepopen.content.library import Library, LibraryPage
from keepopen.content.vocab import Vocabulary, closest
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["PLACEHOLDER_ID", "check_ids", "check_vocabularies"]

#: The value templates put in id lists the contributor has not filled in (TPL001 reports it).
PLACEHOLDER_ID = "todo"


def check_ids(library: Library) -> list[Diagnostic]:
    """ID001: id differs from the file name; ID002: two pages share an id."""
    out: list[Diagnostic] = []
    seen: dict[str, list[LibraryPage]] = defaultdict(list)
    for page in library:
        if page.id is None or page.front is None:
            continue
        seen[page.id].append(page)
        if page.id != page.expected_id:
            pos = page.front.where(("id",), value=True)
            out.append(
                make(
                    "ID001",
                    page.rel,
                    pos.line,
                    pos.col,
                    f"id `{page.id}` does not match the file name `{page.expected_id}`",
                    f"set `id: {page.expected_id}` or rename the file to `{page.id}.md`",
                )
            )
    for page_id, pages in seen.items():
        for page in pages[1:]:
            pos = page.front.where(("id",), value=True)  # type: ignore[union-attr]
            out.append(
                make(
                    "ID002",
                    page.rel,
                    pos.line,
                    pos.col,
                    f"id `{page_id}` is already used by {pages[0].rel}",
                    "give this page its own id (and file name)",
                )
            )
    return out


def _check_list(page: LibraryPage, field: str, vocab: Vocabulary, code: str) -> list[Diagnostic]:
    values = page.data.get(field)
    if not isinstance(values, list) or page.front is None:
        return []
    out = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or value in vocab or value == PLACEHOLDER_ID:
            continue
        pos = page.front.where((field, index), value=True)
        hint = closest(value, vocab.ids)
        fix = (
            f"did you mean `{hint}`?"
            if hint
            else f"use an id from taxonomies/{vocab.name}.yml, or add `{value}` there first"
        )
        singular = vocab.name.rstrip("s")
        out.append(make(code, page.rel, pos.line, pos.col, f"unknown {singular} `{value}`", fix))
    return out


def check_vocabularies(library: Library) -> list[Diagnostic]:
    """VOC001: unknown theme; VOC002: unknown model (each with the closest known id)."""
    out: list[Diagnostic] = []
    for page in library:
        out += _check_list(page, "themes", library.themes, "VOC001")
        out += _check_list(page, "models", library.models, "VOC002")
    return out
