"""Render entries with the project style into `FormattedEntry` (HTML, plain text, labels)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from html import escape
from types import MappingProxyType

from pybtex.backends.html import Backend as _HtmlBackend
from pybtex.backends.plaintext import Backend as _TextBackend

from keepopen.bibliography.entry import Entry, FormattedEntry
from keepopen.bibliography.latex import latex_to_plain
from keepopen.bibliography.names import author_label, full_name, parse_names
from keepopen.bibliography.style import Style, entry_year, year_label

__all__ = ["format_entry", "label_for"]

_SYMBOLS = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": "\u00a0"})


class HtmlBackend(_HtmlBackend):
    """pybtex's HTML backend without `bibtex-protected` spans, with escaped link targets."""

    symbols = _SYMBOLS

    def format_protected(self, text: str) -> str:
        return text

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        return f'<a href="{escape(url, quote=True)}">{text}</a>' if text else ""


class TextBackend(_TextBackend):
    """Plain Unicode text."""

    symbols = _SYMBOLS

    def format_protected(self, text: str) -> str:
        return text


_STYLE = Style()
_HTML = HtmlBackend()
_TEXT = TextBackend()


def label_for(entry: Entry) -> str:
    """The in-text author label: `shortauthor`, else authors, editors, organisation, title."""
    f = entry.fields
    if f.get("shortauthor", "").strip():
        return latex_to_plain(f["shortauthor"])
    for role in ("author", "editor", "translator"):
        label = author_label(parse_names(f.get(role, "")))
        if label:
            return label
    for name in ("organization", "institution", "shorttitle", "title"):
        if f.get(name, "").strip():
            return latex_to_plain(f[name])
    return entry.key


def _fold(text: str) -> str:
    """Case- and accent-insensitive sort text (`Ö` sorts with `O`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _creators_sort(entry: Entry) -> str:
    """Every creator, inverted (`smith john; doe jane`), for sorting by the full author list."""
    f = entry.fields
    for role in ("author", "editor", "translator"):
        persons = parse_names(f.get(role, ""))
        if persons:
            return "; ".join(full_name(p, inverted=True) for p in persons)
    return label_for(entry)


def _periodical_as_article(entry: Entry) -> Entry:
    """A `@periodical` (one issue of a journal) reads as an article: the issue's title first,
    the journal as the container (as citeproc prints it)."""
    f = dict(entry.fields)
    if not f.get("issuetitle", "").strip():
        return entry
    f["journaltitle"] = f.pop("title", "")
    f["title"] = f.pop("issuetitle")
    if "issuesubtitle" in f:
        f["subtitle"] = f.pop("issuesubtitle")
    else:
        f.pop("subtitle", None)
    return replace(entry, type="article", fields=f)


def _title_sort(title: str) -> str:
    """Titles sort by their words: `§ 305 BGB` before `vor § 305 BGB` (as citeproc sorts)."""
    return " ".join(re.sub(r"[^\w\s]", " ", _fold(title)).split())


def _sortable_day(entry: Entry) -> str:
    """`-03-16` from a full `date`, so works of one year sort by date (as citeproc sorts)."""
    date = entry.fields.get("date", "").strip()
    return date[4:10] if len(date) >= 7 and date[:4].isdigit() and date[4] == "-" else ""


def _field_text(entry: Entry, *names: str) -> str:
    fields = entry.fields
    return " ".join(latex_to_plain(fields[n]) for n in names if fields.get(n, "").strip())


def _same_work_order(entry: Entry) -> str:
    """What citeproc's Chicago style orders works of the same creators, year and title by
    (a paper and its preprint): first the description it prints after the title, then the
    source; an empty part sorts first. The description is "Paper presented <event>" for a
    conference paper outside any proceedings (no editor, pages, volume or issue), "Unpublished
    manuscript" for an unpublished work nobody can look up, the `type` and the version (not
    for articles); the source is the journal or book, the publisher and the pages."""
    f = entry.fields
    description = ""
    if entry.type in ("inproceedings", "conference"):
        outside_proceedings = not _field_text(entry, "editor", "pages", "volume", "issue", "number")
        if outside_proceedings and _field_text(entry, "eventtitle", "venue", "eventdate"):
            description = "paper presented " + _field_text(entry, "eventtitle", "venue")
    elif entry.type == "unpublished" and not any(
        f.get(n, "").strip() for n in ("url", "doi", "eprint", "publisher", "number")
    ):
        description = "unpublished manuscript"
    if entry.type not in ("article", "periodical"):
        version = _field_text(entry, "version")
        parts = [_field_text(entry, "type"), description, version and "version " + version]
        description = " ".join(filter(None, parts))
    source = _field_text(entry, "journaltitle", "journal", "booktitle", "publisher", "pages")
    return _title_sort(description) + "\0" + _title_sort(source)


def format_entry(entry: Entry, year_suffix: str = "") -> FormattedEntry:
    """Format one entry (already resolved: see `resolve.resolve_entry`). Never raises: odd
    entries degrade to a generic reference. `year_suffix` (`a`, `-b`) makes its label unique
    (see `labels.py`)."""
    if entry.type == "periodical":
        entry = _periodical_as_article(entry)
    rich = _STYLE.format(entry, year_suffix)
    author = label_for(entry)
    year = entry_year(entry)
    title = latex_to_plain(entry.fields.get("title", ""))
    return FormattedEntry(
        key=entry.key,
        html=rich.render(_HTML),
        text=rich.render(_TEXT),
        author=author,
        year=year_label(entry) + year_suffix,
        # Same creators, year and title: citeproc's description and source, then the earlier
        # date first (citeproc's order; the key breaks what is still tied, as its suffixes do).
        sort_key=(
            _fold(_creators_sort(entry)),
            year,
            "\0".join((_title_sort(title), _same_work_order(entry), _sortable_day(entry))),
        ),
    )
