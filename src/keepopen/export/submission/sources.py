"""What the export reads: library pages, references and citations.

Pages are the content model's own (`keepopen.content.library.LibraryPage`), references the
bibliography's entries and formatted forms (`keepopen.bibliography`), citations the citation
scanner's (`keepopen.citations`): the export keeps no page or reference classes of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.bibliography import Bibliography
from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.content.library import LibraryPage, load_page
from keepopen.diagnostics import Diagnostic, Severity

__all__ = [
    "Cite",
    "LibraryPage",
    "SourceError",
    "find_citations",
    "find_page",
    "is_sound",
    "key_lines",
    "read_page",
    "verification",
]


class SourceError(Exception):
    """Input that cannot be read; carries diagnostics naming file, line and fix."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Cite:
    """One citation in a text: its span and its keys with their locators."""

    start: int
    end: int
    keys: list[str]
    locators: list[str]
    bracketed: bool
    #: Per key: `normal`, `suppress-author` (`[-@key]`) or `author-in-text` (`@key`).
    modes: list[str] = field(default_factory=list)


def read_page(path: Path, root: Path) -> LibraryPage:
    """Read one page through the library's content model (`keepopen.content.library`)."""
    docs = root / "docs"
    try:
        path.resolve().relative_to(docs.resolve())
    except ValueError:  # A page given by path outside `docs/` is read on its own.
        docs = path.parent
    page, problems = load_page(path.resolve(), root.resolve(), docs.resolve())
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if page is None or page.model is None or errors:
        raise SourceError(
            errors
            or [
                Diagnostic(
                    str(path),
                    1,
                    1,
                    "SUB204",
                    "front matter does not match the content model",
                    "run `keepopen check` on the page",
                )
            ]
        )
    return page


def key_lines(page: LibraryPage) -> dict[str, int]:
    """Where each front-matter key (and `fields.NAME`) sits, for messages."""
    lines: dict[str, int] = {}
    for key_path, pos in page.front.keys.items() if page.front else []:
        if len(key_path) == 1:
            lines[str(key_path[0])] = pos.line
        elif len(key_path) == 2 and key_path[0] == "fields":
            lines[f"fields.{key_path[1]}"] = pos.line
    return lines


def find_page(root: Path, page_id: str) -> Path | None:
    """The file under `root/docs` whose id is `page_id` (file stem, or a section's index)."""
    docs = root / "docs"
    for path in sorted(docs.rglob(f"{page_id}.md")):
        return path
    section = docs / page_id / "index.md"
    if section.is_file():
        return section
    return None


# --- references ------------------------------------------------------------------------


def verification(bib: Bibliography, key: str) -> str:
    """A reference's `verification` field in lower case (`unverified` when absent)."""
    entry = bib.get(key)
    return ((entry.verification if entry else None) or "unverified").lower()


def is_sound(bib: Bibliography, key: str) -> bool:
    """A reference the library verified (`primary` or `secondary`)."""
    return verification(bib, key) in VERIFIED_LEVELS


# --- citations ---------------------------------------------------------------------------


def find_citations(text: str) -> list[Cite]:
    """Pandoc citations in `text` (via `keepopen.citations`), outermost groups only."""
    from keepopen.citations.syntax import scan

    cites: list[Cite] = []
    for group in scan(text):
        if cites and group.start < cites[-1].end:
            continue  # A citation nested in another's prefix or suffix renders with it.
        locators = [re.sub(r"^\s*,?\s*", "", c.suffix).strip() for c in group.citations]
        bracketed = not group.textual
        cites.append(
            Cite(
                group.start,
                group.end,
                [c.key for c in group.citations],
                locators,
                bracketed,
                [c.mode for c in group.citations],
            )
        )
    return cites
