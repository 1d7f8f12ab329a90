"""One `.bib` entry as written, and its formatted form: plain data (picklable, cacheable).

Kept apart from `model.py` so the style and the renderer can use them while the `Bibliography`
container, which formats entries on demand, uses the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Entry", "FormattedEntry"]


@dataclass(frozen=True)
class Entry:
    """One `.bib` entry as written, with where it came from.

    Attributes:
        key: The citation key, exactly as written (`un2024gdc`).
        type: The entry type in lower case (`misc`, `article`, ...).
        fields: Field name (lower case) to value, with braces/quotes removed, `@string` macros
            and `#` concatenation resolved, and LaTeX left as written.
        path: The `.bib` file, relative to the bibliography root.
        line: 1-based line of the `@type{key,` header.
        field_lines: Field name to the 1-based line of its `=`.
    """

    key: str
    type: str
    fields: dict[str, str]
    path: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def verification(self) -> str | None:
        """The `verification` field (`primary`, `secondary`, `unverified`), or None if absent."""
        value = self.fields.get("verification")
        return value.strip() if value is not None else None

    def line_of(self, name: str) -> int:
        """The line of field `name`, or the entry header's line when the field is absent."""
        return self.field_lines.get(name, self.line)


@dataclass(frozen=True)
class FormattedEntry:
    """An entry rendered by the project style (`keepopen.bibliography.style`).

    Attributes:
        key: The citation key.
        html: The full reference as an HTML fragment (no wrapping element); DOI, URL and
            arXiv identifiers are links.
        text: The same reference as plain Unicode text.
        author: The short in-text label: `OECD`, `Smith and Jones`, `Smith et al.`; the title
            when there is no author or editor.
        year: `2021` (from `date` or `year`), or `n.d.`.
        sort_key: Case-folded `(author, year, title)` for ordering reference lists.
    """

    key: str
    html: str
    text: str
    author: str
    year: str
    sort_key: tuple[str, str, str]
