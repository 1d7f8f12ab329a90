"""The citation data model: what one `[@key]`, `[-@key]` or `@key` says, and where it stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Citation", "CitationOccurrence", "Locator", "Mode"]

#: Pandoc's three citation modes: `[@key]`, `[-@key]` and `@key` in running text.
Mode = Literal["normal", "suppress-author", "author-in-text"]


@dataclass(frozen=True)
class Locator:
    """A pinpoint such as `pp. 33-35`: the CSL term (`page`), its value, and the text around it.

    `label_text` is the label as written (`pp.`, `chap.`, empty when a bare number stands for a
    page); `rest` is whatever follows the locator in the suffix (`" and *passim*"`).
    """

    label: str
    value: str
    label_text: str = ""
    rest: str = ""


@dataclass(frozen=True)
class Citation:
    """One cited key. `prefix` and `suffix` are raw Markdown, whitespace runs collapsed.

    As in Pandoc's AST, `prefix` is trimmed and `suffix` keeps one leading space when the source
    had one (`[@a p. 3]` has suffix `" p. 3"`, `[@a, p. 3]` has `", p. 3"`).
    """

    key: str
    mode: Mode = "normal"
    prefix: str = ""
    suffix: str = ""
    locator: Locator | None = None


@dataclass(frozen=True)
class CitationOccurrence:
    """A citation found in a Markdown file: 1-based `line` and `col` of its `@` (or `-@`).

    `group` numbers the bracketed group (or author-in-text citation) the key belongs to, so
    `[@a; @b]` gives two occurrences with the same group.
    """

    citation: Citation
    line: int
    col: int
    group: int

    @property
    def key(self) -> str:
        return self.citation.key
