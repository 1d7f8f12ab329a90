"""Rules on cross-references (REF...): citation keys, event, testimony and page ids, forums.

Citation keys come from the library's one loaded bibliography (`keepopen.context`), whose
files are those of `LibrarySettings.bib_files()`; body citations from the citations helper
(`keepopen.citations.find_citations`); while it is missing, the rules that need it are skipped
rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keepopen.bibliography import Bibliography, check_bibliography
from keepopen.checks.pages import PLACEHOLDER_ID
from keepopen.content.library import Library, LibraryPage
from keepopen.content.vocab import closest
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["References", "check_references", "references_from"]

#: Front-matter fields that hold reference keys, as paths.
KEY_FIELDS: tuple[tuple[str, ...], ...] = (("made_by",), ("evidence", "references"), ("sources",))
#: Front-matter text fields that may carry `[@key]` citations.
TEXT_FIELDS = ("summary", "claim", "happened", "description", "date_note")
#: Front-matter lists of texts whose every item may carry `[@key]` citations.
TEXT_LIST_FIELDS = ("key_evidence",)


@dataclass
class References:
    """The loaded bibliography (None when the bibliography helper is unavailable)."""

    bibliography: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def keys(self) -> set[str] | None:
        return set(self.bibliography.entries) if self.bibliography is not None else None


def references_from(bibliography: Bibliography) -> References:
    """The loaded bibliography with its BibTeX rules applied (the load diagnostics included)."""
    return References(bibliography, check_bibliography(bibliography))


def _find_citations():
    try:
        from keepopen.citations import find_citations
    except ImportError:
        return None
    return find_citations


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


def _unknown_key(refs: References, page: LibraryPage, key: str, line: int, col: int):
    hints = refs.bibliography.suggest(key) if refs.bibliography is not None else []
    fix = (
        f"did you mean `{hints[0]}`?"
        if hints
        else "add the reference to a `.bib` file in references/"
    )
    return make("REF001", page.rel, line, col, f"citation key `{key}` is not in references/", fix)


def _page_citations(page: LibraryPage, find) -> list[tuple[str, int, int]]:
    """`(key, line, col)` of every citation in the page, front matter and body."""
    out: list[tuple[str, int, int]] = []
    front = page.front
    assert front is not None
    for path in KEY_FIELDS:
        values = _get(front.data, path)
        for index, key in enumerate(values if isinstance(values, list) else []):
            if isinstance(key, str) and key != PLACEHOLDER_ID:
                pos = front.where((*path, index), value=True)
                out.append((key, pos.line, pos.col))
    if find is None:
        return out
    for name in TEXT_FIELDS:
        value = front.data.get(name)
        if isinstance(value, str) and "@" in value:
            pos = front.where((name,), value=True)
            out += [(o.citation.key, pos.line, pos.col) for o in find(value)]
    # Counter-argument objections and answers may cite too (CIT002 asks answers to).
    items = front.data.get("counter_arguments")
    for index, item in enumerate(items if isinstance(items, list) else []):
        for name in ("objection", "answer"):
            value = item.get(name) if isinstance(item, dict) else None
            if isinstance(value, str) and "@" in value:
                pos = front.where(("counter_arguments", index, name), value=True)
                out += [(o.citation.key, pos.line, pos.col) for o in find(value)]
    for name in TEXT_LIST_FIELDS:
        values = front.data.get(name)
        for index, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and "@" in value:
                pos = front.where((name, index), value=True)
                out += [(o.citation.key, pos.line, pos.col) for o in find(value)]
    if "@" in page.body:
        out += [(o.citation.key, o.line + page.body_line - 1, o.col) for o in find(page.body)]
    return out


def _uncited_key_evidence(page: LibraryPage, find) -> list[Diagnostic]:
    """CIT003: a `key_evidence` sentence must cite its source, since it stands alone in a brief."""
    values = page.data.get("key_evidence")
    out = []
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, str) and not find(value):
            pos = page.front.where(("key_evidence", index), value=True)  # type: ignore[union-attr]
            out.append(
                make(
                    "CIT003",
                    page.rel,
                    pos.line,
                    pos.col,
                    f"key evidence sentence {index + 1} cites no reference",
                    "end the sentence with the citation the page body gives for it, e.g. `[@key]`",
                )
            )
    return out


class _Ids:
    """Page ids of a library, computed once per check."""

    def __init__(self, library: Library) -> None:
        self.ids = library.by_id()
        # A page whose front matter does not parse is known by its file name (FM001 reports
        # it), so references to it are not reported a second time.
        self.broken = {p.expected_id for p in library if p.front is None}

    def pool(self, wanted: str | None) -> list[str]:
        return [i for i, p in self.ids.items() if wanted is None or p.type == wanted]


def _id_rule(
    known: _Ids, page: LibraryPage, path: tuple[str, ...], wanted: str | None, code: str
) -> list[Diagnostic]:
    ids, broken = known.ids, known.broken
    values = _get(page.data, path)
    out = []
    for index, value in enumerate(values if isinstance(values, list) else []):
        if not isinstance(value, str) or value == PLACEHOLDER_ID or value in broken:
            continue
        target = ids.get(value)
        if target is not None and (wanted is None or target.type == wanted):
            continue
        pos = page.front.where((*path, index), value=True)  # type: ignore[union-attr]
        kind = f"{wanted} page" if wanted else "page"
        hint = closest(value, known.pool(wanted))
        fix = f"did you mean `{hint}`?" if hint else f"use the id of an existing {kind}"
        what = "is not a " + kind if target is not None else "resolves to no " + kind
        out.append(make(code, page.rel, pos.line, pos.col, f"`{value}` {what}", fix))
    return out


def check_references(
    library: Library, refs: References, forums_dir: Path | None = None
) -> list[Diagnostic]:
    """REF001-006: unknown keys and ids, references never cited (warning), unknown forums.

    Forum profiles are looked for in `forums_dir` (default: `forums/` of the library).
    """
    out: list[Diagnostic] = []
    forums = forums_dir if forums_dir is not None else library.root / "forums"
    keys = refs.keys
    find = _find_citations()
    known = _Ids(library)
    cited: set[str] = set()
    for page in library:
        if page.front is None:
            continue
        for key, line, col in _page_citations(page, find):
            cited.add(key)
            if keys is not None and key not in keys:
                out.append(_unknown_key(refs, page, key, line, col))
        if page.type == "argument":
            if find is not None:
                out += _uncited_key_evidence(page, find)
            out += _id_rule(known, page, ("evidence", "events"), "event", "REF002")
            out += _id_rule(known, page, ("evidence", "testimony"), "testimony", "REF003")
        if page.type == "submission":
            out += _id_rule(known, page, ("draws_on",), None, "REF004")
            forum = page.data.get("forum")
            if isinstance(forum, str) and not any(
                (forums / f"{forum}{ext}").is_file() for ext in (".yml", ".yaml")
            ):
                pos = page.front.where(("forum",), value=True)
                names = [p.stem for p in forums.glob("*.y*ml")] if forums.is_dir() else []
                hint = closest(forum, names)
                fix = f"did you mean `{hint}`?" if hint else "use a file name from forums/"
                out.append(
                    make(
                        "REF006",
                        page.rel,
                        pos.line,
                        pos.col,
                        f"forum `{forum}` has no profile in forums/",
                        fix,
                    )
                )
    if refs.bibliography is not None and find is not None:
        for entry in refs.bibliography:
            if entry.key not in cited:
                out.append(
                    make(
                        "REF005",
                        entry.path,
                        entry.line,
                        1,
                        f"reference `{entry.key}` is never cited",
                        "cite it from a page (`[@key]`) or remove it",
                    )
                )
    return out
