"""Entries as BibLaTeX reads them before printing: `crossref` and `xdata` inherited, types
folded onto the style's templates.

BibLaTeX's default inheritance (biblatex manual, appendix B): a child takes every field it
lacks from its `crossref` parent, except the parent's own bookkeeping fields; the parent's
`title` becomes the child's `booktitle` (or `maintitle` when the parent is a multi-volume
`@mv...` work), its `subtitle`/`titleaddon` follow the same way, and a `@periodical` parent's
title becomes the child's `journaltitle`. `xdata` entries lend all their fields. The parent
itself stays an entry of its own (cited or listed like any other).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from keepopen.bibliography.entry import Entry

__all__ = ["resolve_entry"]

#: Fields a child never inherits (they describe the parent entry itself).
_NOT_INHERITED = {
    "ids",
    "crossref",
    "xref",
    "xdata",
    "entryset",
    "entrysubtype",
    "execute",
    "label",
    "options",
    "presort",
    "related",
    "relatedoptions",
    "relatedstring",
    "relatedtype",
    "shorthand",
    "shorthandintro",
    "sortkey",
    "sortname",
    "sorttitle",
    "sortyear",
    "shorttitle",
    "indextitle",
    "indexsorttitle",
    "verification",
    "note",
    "keywords",
    "annotation",
    "abstract",
}
_TITLES = ("title", "subtitle", "titleaddon")
_MULTI_VOLUME = {"mvbook", "mvcollection", "mvproceedings", "mvreference"}
_DEPTH = 8  # chains of crossrefs longer than this (or cycles) stop here


def _parent_fields(parent: Entry) -> dict[str, str]:
    """The fields a child takes from `parent`, renamed as BibLaTeX renames them."""
    if parent.type in _MULTI_VOLUME:
        prefix = "main"
    elif parent.type == "periodical":
        prefix = "journal"
    else:
        prefix = "book"
    out: dict[str, str] = {}
    for name, value in parent.fields.items():
        if name in _NOT_INHERITED:
            continue
        if name in _TITLES:
            out[prefix + name] = value  # `booktitle`, `mainsubtitle`, `journaltitle`, ...
        else:
            out[name] = value
    if parent.type in {"book", "mvbook"} and "author" in parent.fields:
        out.setdefault("bookauthor", parent.fields["author"])
    return out


def resolve_entry(entry: Entry, entries: Mapping[str, Entry], _depth: int = 0) -> Entry:
    """`entry` with what it inherits from its `xdata` and `crossref` entries filled in.

    Fields of the entry itself always win; unknown parent keys are ignored here (`keepopen
    check` reports them). Returns `entry` itself when it inherits nothing.
    """
    crossref = entry.fields.get("crossref", "").strip()
    xdata = [k.strip() for k in entry.fields.get("xdata", "").split(",") if k.strip()]
    if (not crossref and not xdata) or _depth > _DEPTH:
        return entry
    fields = dict(entry.fields)
    for key in xdata:
        lender = entries.get(key)
        if lender is not None and lender is not entry:
            lent = resolve_entry(lender, entries, _depth + 1).fields
            for name, value in lent.items():
                if name not in _NOT_INHERITED:
                    fields.setdefault(name, value)
    parent = entries.get(crossref) if crossref else None
    if parent is not None and parent is not entry:
        parent = resolve_entry(parent, entries, _depth + 1)
        for name, value in _parent_fields(parent).items():
            fields.setdefault(name, value)
    return replace(entry, fields=fields)
