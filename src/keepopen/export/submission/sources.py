"""What the export reads: library pages, references and citations.

These are thin adapters over the project's own modules (`keepopen.content`,
`keepopen.citations`); the references come from the library's one loaded bibliography
(`keepopen.context`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keepopen.bibliography import Bibliography
from keepopen.diagnostics import Diagnostic, Severity

__all__ = [
    "Cite",
    "LibraryPage",
    "Reference",
    "SourceError",
    "find_citations",
    "load_references",
    "read_page",
]


class SourceError(Exception):
    """Input that cannot be read; carries diagnostics naming file, line and fix."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class LibraryPage:
    """One page: its validated front matter, its body and where each front-matter key sits."""

    path: Path
    meta: Any
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Reference:
    """One `.bib` entry as the export needs it."""

    key: str
    verification: str
    text: str
    fields: dict[str, str]
    #: Short in-text label (`OECD`, `Smith and Jones`, `Smith et al.`) and year (or `n.d.`).
    author: str = ""
    year: str = "n.d."


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


def read_page(path: Path) -> LibraryPage:
    """Read one page with the content helper's front-matter reader and the content model."""
    from keepopen.content.frontmatter import FrontMatterError, parse
    from keepopen.content.validate import validate_front_matter

    text = path.read_text(encoding="utf-8")
    try:
        front, body = parse(text)
    except FrontMatterError as exc:
        raise SourceError(
            [Diagnostic(str(path), exc.line, exc.col, exc.code, exc.message, exc.fix)]
        ) from exc
    if front is None:
        raise SourceError(
            [
                Diagnostic(
                    str(path),
                    1,
                    1,
                    "SUB201",
                    "page has no YAML front matter",
                    "start the page with `---`, the front matter, `---`",
                )
            ]
        )
    model, problems = validate_front_matter(front, str(path))
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if model is None or errors:
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
    key_lines: dict[str, int] = {}
    for key_path, pos in front.keys.items():
        if len(key_path) == 1:
            key_lines[str(key_path[0])] = pos.line
        elif len(key_path) == 2 and key_path[0] == "fields":
            key_lines[f"fields.{key_path[1]}"] = pos.line
    return LibraryPage(path, model, body, front.body_line, key_lines)


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


def load_references(bibliography: Bibliography) -> dict[str, Reference]:
    """Every entry of the library's bibliography, with its verification and formatted text."""
    out = {}
    for key, entry in bibliography.entries.items():
        fields = {k: str(v) for k, v in dict(entry.fields).items()}
        formatted = bibliography.formatted(key)
        out[key] = Reference(
            key,
            (entry.verification or "unverified").lower(),
            formatted.text,
            fields,
            formatted.author,
            formatted.year,
        )
    return out


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
