"""Locators in a citation suffix (`p. 33`, `chap. 2`, `§ 4`), read the way Pandoc's citeproc does.

Pandoc takes a locator from the start of the suffix (after an optional comma): a CSL label in its
long or short form, then a value made of numbers, ranges and lists; a suffix that starts with a
number is a page. Braces give an explicit value: `[@a, p. {iv, 33}]`.
"""

from __future__ import annotations

import re

from keepopen.citations.model import Locator

__all__ = ["LABELS", "parse_locator"]

#: Label as written (lower case) -> CSL locator term, after citeproc's English terms.
LABELS: dict[str, str] = {}
for _term, _forms in {
    "book": ("book", "books", "bk.", "bks."),
    "chapter": ("chapter", "chapters", "chap.", "chaps.", "ch."),
    "column": ("column", "columns", "col.", "cols."),
    "figure": ("figure", "figures", "fig.", "figs."),
    "folio": ("folio", "folios", "fol.", "fols."),
    "issue": ("issue", "issues", "no.", "nos.", "number", "numbers"),
    "line": ("line", "lines", "l.", "ll."),
    "note": ("note", "notes", "n.", "nn."),
    "opus": ("opus", "opera", "op.", "opp."),
    "page": ("page", "pages", "p.", "pp."),
    "paragraph": ("paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"),
    "part": ("part", "parts", "pt.", "pts."),
    "section": ("section", "sections", "sec.", "secs.", "§", "§§"),
    "sub verbo": ("sub verbo", "sub verbis", "s.v.", "s.vv."),
    "verse": ("verse", "verses", "v.", "vv."),
    "volume": ("volume", "volumes", "vol.", "vols."),
}.items():
    for _form in _forms:
        LABELS[_form] = _term

_LABEL = "|".join(re.escape(form) for form in sorted(LABELS, key=len, reverse=True))
# A value word holds a digit or is a roman numeral; words join with `-`, `–`, `,` or `&`.
_WORD = r"(?:[\w.:/]*\d[\w.:/]*|[ivxlcdm]+|[IVXLCDM]+)"
_RANGE = rf"{_WORD}(?:\s*(?:--|[-–—])\s*{_WORD})?"
_VALUE = rf"{_RANGE}(?:\s*[,&]\s*{_RANGE})*"
_LOCATOR = re.compile(
    rf"^\s*,?\s*(?:(?P<label>{_LABEL})\s*)?(?:\{{(?P<braced>[^{{}}]*)\}}|(?P<value>{_VALUE}))"
    rf"(?=$|[\s;,.)\]*_])",
    re.IGNORECASE,
)


def parse_locator(suffix: str) -> Locator | None:
    """The locator at the start of a citation suffix, or None.

    Examples:
        >>> parse_locator(", pp. 33-35 and *passim*")
        Locator(label='page', value='33-35', label_text='pp.', rest=' and *passim*')
        >>> parse_locator(", chap. 3").label
        'chapter'
        >>> parse_locator(" 12").value
        '12'
    """
    m = _LOCATOR.match(suffix)
    if not m:
        return None
    label_text = m.group("label") or ""
    value = m.group("braced") if m.group("braced") is not None else m.group("value")
    if not label_text and not re.match(r"\d", value or ""):
        return None  # a bare word that is no number is just suffix text
    label = LABELS.get(label_text.lower(), "page")
    rest = suffix[m.end() :]
    # A trailing comma or full stop belongs to the prose, not to the value.
    trimmed = value.rstrip(".,")
    rest = value[len(trimmed) :] + rest
    return Locator(label, trimmed, label_text, rest)
