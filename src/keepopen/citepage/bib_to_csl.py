"""`.bib` entries as CSL-JSON items, for the open-data package.

Reads the fields `keepopen.bibliography` loads (macros resolved, LaTeX still in them), decodes
LaTeX with the project's own converter, and maps BibTeX types and fields to CSL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pybtex.database import Person

from keepopen.bibliography.latex import latex_to_plain
from keepopen.bibliography.names import is_others, parse_names
from keepopen.bibliography.values import MONTHS

__all__ = ["csl_name", "csl_names", "entry_to_csl", "split_names"]

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
    """The names of a BibTeX name list, split as BibTeX does (on `and`/`AND` with any
    whitespace around it, never inside braces); `and others` stays the entry `others`."""
    return [str(person) for person in parse_names(value)]


def csl_name(person: Person) -> dict[str, str]:
    """One person as a CSL name, read by pybtex's `Person` (the same reader as the site's
    references): particles (`van`) apart from the family name, `Jr.` as the suffix, a name in
    braces (`{United Nations}`) as a literal."""
    given = " ".join(_text(p) for p in person.first_names + person.middle_names if p)
    particle = " ".join(_text(p) for p in person.prelast_names if p)
    family = " ".join(_text(p) for p in person.last_names if p)
    suffix = " ".join(_text(p) for p in person.lineage_names if p)
    if not given and not particle and not suffix and len(person.last_names) == 1:
        raw = person.last_names[0].strip()
        if raw.startswith("{") and raw.endswith("}"):
            return {"literal": _text(raw[1:-1])}  # {United Nations}: an organisation
    name = {
        "family": family,
        "given": given,
        "non-dropping-particle": particle,
        "suffix": suffix,
    }
    return {k: v for k, v in name.items() if v}


def csl_names(value: str) -> list[dict[str, str]]:
    """The CSL names of a BibTeX name list; `and others` is left out (CSL has no person for it)."""
    return [csl_name(p) for p in parse_names(value) if not is_others(p)]


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


def entry_to_csl(
    key: str, entry_type: str, fields: Mapping[str, str], label: str = ""
) -> dict[str, object]:
    """One CSL-JSON item from a `.bib` entry's key, type and raw field values; `label` is the
    library's unique author-year label (`citation-label`: `Smith 2020a`)."""
    fields = {k.lower(): v for k, v in fields.items()}
    item: dict[str, object] = {"id": key, "type": _TYPES.get(entry_type.lower(), "document")}
    if label:
        item["citation-label"] = label
    for bib_name, csl_name in _TEXT_FIELDS.items():
        if fields.get(bib_name) and csl_name not in item:
            value = fields[bib_name]
            item[csl_name] = value.strip() if csl_name in {"URL", "DOI"} else _text(value)
    for role in ("author", "editor", "translator"):
        if fields.get(role):
            item[role] = csl_names(fields[role])
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
