"""`.bib` entries as CSL-JSON items, for the open-data package.

Reads the fields `keepopen.bibliography` loads (macros resolved, LaTeX still in them), decodes
LaTeX with the project's own converter, and maps BibTeX types and fields to CSL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from keepopen.bibliography.latex import latex_to_plain
from keepopen.bibliography.values import MONTHS

__all__ = ["entry_to_csl", "split_names"]

_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "report": "report",
    "techreport": "report",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "software": "software",
}
_MONTHS = {short: number for number, short in enumerate(MONTHS, start=1)}
_TEXT_FIELDS = {
    "title": "title",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "volume": "volume",
    "number": "issue",
    "pages": "page",
    "edition": "edition",
    "address": "publisher-place",
    "location": "publisher-place",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "abstract": "abstract",
    "language": "language",
}


def _text(value: str) -> str:
    """LaTeX -> plain Unicode text on one line (`--` -> en dash, `{\\"o}` -> ö)."""
    return " ".join(latex_to_plain(value).split())


def split_names(value: str) -> list[str]:
    """Split a BibTeX name list on ` and ` outside braces."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\sand\s", value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _name(raw: str) -> dict[str, str]:
    if raw.startswith("{") and raw.endswith("}"):
        return {"literal": _text(raw[1:-1])}  # {United Nations}: an organisation
    if "," in raw:
        family, given = raw.split(",", 1)
        return {k: v for k, v in (("family", _text(family)), ("given", _text(given))) if v}
    parts = _text(raw).rsplit(" ", 1)
    if len(parts) == 1:
        return {"family": parts[0]}
    return {"family": parts[1], "given": parts[0]}


def _date(fields: Mapping[str, str], date_key: str) -> dict[str, object] | None:
    """`date`/`urldate` (ISO) or `year`+`month` -> CSL date-parts."""
    iso = fields.get(date_key, "").strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", iso):
        return {"date-parts": [[int(p) for p in iso.split("-")]]}
    if date_key != "date":
        return None
    year = fields.get("year", "").strip()
    if not year.isdigit():
        return None
    parts = [int(year)]
    month = fields.get("month", "").strip().lower()[:3]
    if month.isdigit():
        parts.append(int(month))
    elif month in _MONTHS:
        parts.append(_MONTHS[month])
    return {"date-parts": [parts]}


def entry_to_csl(key: str, entry_type: str, fields: Mapping[str, str]) -> dict[str, object]:
    """One CSL-JSON item from a `.bib` entry's key, type and raw field values."""
    fields = {k.lower(): v for k, v in fields.items()}
    item: dict[str, object] = {"id": key, "type": _TYPES.get(entry_type.lower(), "document")}
    for bib_name, csl_name in _TEXT_FIELDS.items():
        if fields.get(bib_name) and csl_name not in item:
            value = fields[bib_name]
            item[csl_name] = value.strip() if csl_name in {"URL", "DOI"} else _text(value)
    for role in ("author", "editor"):
        if fields.get(role):
            item[role] = [_name(n) for n in split_names(fields[role])]
    publisher = fields.get("publisher") or fields.get("organization") or fields.get("institution")
    if publisher:
        item["publisher"] = _text(publisher)
    issued = _date(fields, "date")
    if issued:
        item["issued"] = issued
    accessed = _date(fields, "urldate")
    if accessed:
        item["accessed"] = accessed
    notes = []
    if fields.get("verification"):
        notes.append(f"Verification: {_text(fields['verification'])}.")
    if fields.get("note"):
        notes.append(_text(fields["note"]))
    if notes:
        item["note"] = " ".join(notes)
    return item
