"""A page's citation as BibTeX, RIS, CSL-JSON and suggested text.

All four read the same `CitationRecord`. Each page is a report issued by the library (so Zotero
and reference managers import a report, not a journal article), dated by its last change. The
reader's access date is left for the reader: we cannot know it at build time.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from keepopen import dates
from keepopen.citepage.record import CitationRecord
from keepopen.content.plaintext import one_line

__all__ = [
    "ACCESSED_PLACEHOLDER",
    "to_bibtex",
    "to_csl_json",
    "to_csl_item",
    "to_ris",
    "suggested_citation",
    "suggested_citation_html",
]

#: Where the reader writes the date they read the page.
ACCESSED_PLACEHOLDER = "[date you accessed it]"

# Characters that mean something to LaTeX, written so titles survive BibTeX processing.
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{c: "\\" + c for c in "&%$#_{}"},
}
_LATEX_ANY = re.compile("[" + re.escape("".join(_LATEX_SPECIAL)) + "]")
# BibTeX counts every brace, `\{` too, to find where a field ends: a brace without its partner
# becomes a command whose own braces balance.
_LONE_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
# A key is one token: BibTeX ends it at `,`, white space or a brace.
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.\-]")


def _unmatched_braces(text: str) -> set[int]:
    unmatched: set[int] = set()
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "{":
            opened.append(i)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                unmatched.add(i)
    return unmatched | set(opened)


def _bibtex_value(text: str) -> str:
    """Field text: on one line (a line break could start a forged `@entry`), LaTeX escaped,
    braces balanced (pairs as `\\{...\\}`)."""
    text = one_line(text)
    if not _LATEX_ANY.search(text):
        return text  # nothing LaTeX reads specially, no brace to balance
    lone = _unmatched_braces(text)
    return "".join(
        _LONE_BRACE[c] if i in lone else _LATEX_SPECIAL.get(c, c) for i, c in enumerate(text)
    )


def _bibtex_verbatim(text: str) -> str:
    """A URL or date: one line, and no brace or white space to end the field early."""
    return quote(one_line(text), safe="-._~:/?#[]@!$&'()*+,;=%")


def long_date(record: CitationRecord) -> str:
    """`25 November 2026`: the day the page last changed."""
    return dates.long_date(record.changed)


def suggested_citation(record: CitationRecord, accessed: str = ACCESSED_PLACEHOLDER) -> str:
    """Author-year text, in the form `docs/about/how-to-cite.md` documents.

    `Keep Open editors (2026). Title. Keep Open. URL (last changed 3 February 2026; accessed
    [date you accessed it]).`
    """
    return (
        f"{record.author_names} ({record.year}). {record.title}. {record.site.name}. "
        f"{record.url} (last changed {long_date(record)}; accessed {accessed})."
    )


def suggested_citation_html(record: CitationRecord, accessed: str = ACCESSED_PLACEHOLDER) -> str:
    """The same text as HTML, title in italics; its text content equals `suggested_citation`."""
    e = html.escape
    return (
        f"{e(record.author_names)} ({record.year}). <em>{e(record.title)}</em>. "
        f"{e(record.site.name)}. {e(record.url)} (last changed {long_date(record)}; "
        f'accessed <span class="ko-cite__accessed">{e(accessed)}</span>).'
    )


def to_bibtex(record: CitationRecord) -> str:
    """One `@techreport` entry with `institution`, as BibTeX and biblatex both read it."""
    authors = " and ".join(
        "{" + _bibtex_value(c.literal) + "}" if c.is_organisation else _bibtex_value(c.inverted)
        for c in record.creators
    )
    fields = [
        ("author", authors),
        # Double braces keep the title's capitals as written.
        ("title", "{" + _bibtex_value(record.title) + "}"),
        ("institution", _bibtex_value(record.site.name)),
        ("type", _bibtex_value(record.genre)),
        ("year", str(record.year)),
        ("date", record.changed.isoformat()),
        ("url", _bibtex_verbatim(record.url)),
        ("language", _bibtex_value(record.site.language)),
    ]
    if record.keywords:
        fields.append(("keywords", _bibtex_value(", ".join(record.keywords))))
    fields.append(("note", _bibtex_value(record.status_note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{_KEY_UNSAFE.sub('-', record.key)},\n{body}\n}}\n"


def to_ris(record: CitationRecord) -> str:
    """A RIS record of type `RPRT` (report). Lines end in CR LF, as the RIS format specifies."""
    lines = [("TY", "RPRT"), ("ID", record.key), ("TI", record.title)]
    lines += [("AU", c.inverted) for c in record.creators]
    lines += [
        ("PY", str(record.year)),
        ("DA", record.changed.strftime("%Y/%m/%d")),
        ("PB", record.site.name),
        ("M3", record.genre),
        ("UR", record.url),
        ("LA", record.site.language),
    ]
    lines += [("KW", kw) for kw in record.keywords]
    if record.description:
        lines.append(("AB", record.description))
    lines.append(("N1", record.status_note))
    lines.append(("ER", ""))
    # A line break in a value would start a forged `TY  - ` record: every value is one line.
    return "".join(f"{tag}  - {one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


def to_csl_item(record: CitationRecord) -> dict[str, object]:
    """One CSL-JSON item (type `report`)."""
    authors: list[dict[str, str]] = []
    for c in record.creators:
        if c.is_organisation:
            authors.append({"literal": c.literal})
        else:
            authors.append({k: v for k, v in (("family", c.family), ("given", c.given)) if v})
    item: dict[str, object] = {
        "id": record.key,
        "type": "report",
        "title": record.title,
        "author": authors,
        "publisher": record.site.name,
        "genre": record.genre,
        "issued": {"date-parts": [[record.year, record.changed.month, record.changed.day]]},
        "URL": record.url,
        "language": record.site.language,
    }
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    if record.description:
        item["abstract"] = record.description
    item["note"] = record.status_note
    return item


def to_csl_json(record: CitationRecord) -> str:
    """A CSL-JSON file: an array holding the page's one item."""
    return json.dumps([to_csl_item(record)], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
