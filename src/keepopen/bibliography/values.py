"""BibTeX field values: braces, quotes, numbers, `@string` macros and `#` concatenation.

bibtexparser's splitter hands us each value exactly as written (`{Title}`, `"Title"`, `2021`,
`jan`, `"Part " # foo`). We evaluate them ourselves so that undefined macros are reported
instead of silently kept as text, and so that `refs fmt` can keep the raw form untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MONTHS", "Evaluated", "evaluate", "split_pieces"]

#: BibTeX's predefined month macros (they expand to the English month names).
MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}


@dataclass
class Evaluated:
    """The text of a value, and any macro names it used that are defined nowhere."""

    text: str
    undefined: list[str] = field(default_factory=list)


def split_pieces(raw: str) -> list[str]:
    """Split a raw value at top-level `#` into its pieces (`{..}`, `".."`, numbers, macros).

    Braces inside quotes still nest (BibTeX requires them balanced), so `"a {"} b"` is one piece.
    """
    pieces: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            i += 2  # an escaped character never opens, closes or splits anything
            continue
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            pieces.append(raw[start:i].strip())
            start = i + 1
        i += 1
    pieces.append(raw[start:].strip())
    return pieces


def _piece_text(piece: str, macros: dict[str, str], undefined: list[str]) -> str:
    if len(piece) >= 2 and (
        (piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')
    ):
        return piece[1:-1]
    if piece.isdigit() or not piece:
        return piece
    name = piece.lower()
    if name in macros:
        return macros[name]
    if name in MONTHS:
        return MONTHS[name]
    undefined.append(piece)
    return piece


def evaluate(raw: str, macros: dict[str, str] | None = None) -> Evaluated:
    """The text a raw BibTeX value stands for, given the `@string` macros defined so far.

    Macro names are case-insensitive (as in BibTeX); `macros` must have lower-case keys.
    An undefined macro keeps its name as text and is listed in `Evaluated.undefined`.
    """
    undefined: list[str] = []
    text = "".join(_piece_text(p, macros or {}, undefined) for p in split_pieces(raw.strip()))
    return Evaluated(text, undefined)
