"""The project's reference style, written in pybtex's template language (author-date).

pybtex's bundled styles raise on biblatex types (`online`, `report`, `thesis`) and ignore biblatex
fields (`date`, `journaltitle`, `urldate`, `eprint`). This style reads both vocabularies, has one
`format_<type>` per entry type, and falls back to `format_generic` for any other type, so an
unusual entry prints readably instead of failing the build. Layout, close to Chicago author-date:

    Author. Year. "Title." Container details. Publisher. Accessed 23 November 2026. DOI/URL

Titles are printed as written (no case change), so braces only protect and acronyms keep their
case. The `note` field is editorial (where a source was checked) and is not printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date as _date

from pybtex.richtext import BaseText, HRef, String, Tag, Text
from pybtex.style.formatting import toplevel
from pybtex.style.template import (
    FieldIsMissing,
    join,
    node,
    optional,
    sentence,
    tag,
    words,
)

from keepopen.bibliography.entry import Entry
from keepopen.bibliography.latex import latex_to_plain, latex_to_text, safe_link
from keepopen.bibliography.names import join_names, parse_names
from keepopen.dates import MONTH_NAMES

__all__ = ["Style", "entry_year", "month_day", "year_label"]

_YEAR = re.compile(r"(\d{4})(?:-\d\d(?:-\d\d)?)?(?:\s*[/–-]\s*(\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T/ ])")
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_ARXIV_TYPES = {"arxiv"}
#: biblatex's other `eprinttype`s and the address each identifier stands for.
_EPRINT_URLS = {
    "googlebooks": "https://books.google.com?id=",
    "jstor": "https://www.jstor.org/stable/",
    "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/",
    "hdl": "https://hdl.handle.net/",
}


def entry_year(entry: Entry) -> str:
    """`2021` from biblatex `date` (`2021-05-03`) or `year`, `1984–1986` from a range
    (`1984/1986`); `n.d.` when neither. Sort-only macros (`{\\noopsort{1973b}}1981`) are
    dropped before the year is read."""
    for name in ("date", "year"):
        match = _YEAR.search(latex_to_plain(entry.fields.get(name, "")))
        if match:
            start, end = _era(match.group(1)), match.group(2) and _era(match.group(2))
            return f"{start}–{end}" if end and end != start else start
    year = entry.fields.get("year", "").strip()
    return latex_to_plain(year) if year else "n.d."


def _era(year: str) -> str:
    """`0004` as `4 AD` (as citeproc prints years before 1000)."""
    return f"{int(year)} AD" if year.startswith("0") and int(year) else year


def month_day(entry: Entry) -> str:
    """`October 15` (or `October`) from `date` (`2024-10-15`) or `month`/`day`; "" if none."""
    match = _ISO.match(entry.fields.get("date", "").strip())
    if match:
        month, day = int(match.group(2)), match.group(3)
    else:
        raw = latex_to_plain(entry.fields.get("month", "")).strip()
        names = [m.casefold() for m in MONTH_NAMES]
        if raw.isdigit():
            month = int(raw)
        elif raw[:3].casefold() in [n[:3] for n in names]:
            month = [n[:3] for n in names].index(raw[:3].casefold()) + 1
        else:
            return ""
        day = latex_to_plain(entry.fields.get("day", "")).strip() or None
    if not 1 <= month <= 12:
        return ""
    return (
        f"{MONTH_NAMES[month - 1]} {int(day)}" if day and day.isdigit() else MONTH_NAMES[month - 1]
    )


def _human_date(value: str) -> str:
    """`2026-11-23` as `23 November 2026`; anything else as written."""
    try:
        return f"{_date.fromisoformat(value.strip()):%-d %B %Y}"
    except ValueError:
        return str(latex_to_text(value))


# -- template nodes: they read our `Entry` (raw LaTeX fields) instead of a pybtex entry ---------


@node
def field(children, context, name: str, apply_func: Callable | None = None):
    """A field as rich text (LaTeX converted); missing or empty fields make `optional` drop out."""
    entry: Entry = context["entry"]
    value = entry.fields.get(name, "")
    if not value.strip() or context.get("creator_field") == name:
        raise FieldIsMissing(name, entry)  # (a field printed as the creator is not repeated)
    text = latex_to_text(value)
    return apply_func(text) if apply_func else text


@node
def first_of(children, context):
    """The first child that is present and non-empty; FieldIsMissing when none is.

    Unlike pybtex's `first_of`, a missing field in one child only moves on to the next.
    """
    for child in children:
        try:
            text = child.format_data(context) if hasattr(child, "format_data") else Text(child)
        except FieldIsMissing:
            continue
        if text:
            return text
    raise FieldIsMissing("|".join(map(repr, children))[:40], context["entry"])


@node
def persons(children, context, role: str, as_creator: bool = True):
    """`Smith, John, and Jane Doe`; raises FieldIsMissing when the role is empty.

    As the creator of a work (at the head of a reference) the first name is inverted and editors
    get `ed.`/`eds.`; otherwise (`edited by Jane Doe`) names are in reading order.
    """
    entry: Entry = context["entry"]
    names = parse_names(entry.fields.get(role, ""))
    if not names:
        raise FieldIsMissing(role, entry)
    text = join_names(names, invert_first=as_creator)
    if role == "editor" and as_creator:
        kind = entry.fields.get("editortype", "").strip().lower()
        single, plural = _EDITOR_TYPES.get(kind, ("ed.", "eds."))
        text += f", {plural}" if len(names) > 1 else f", {single}"
    if role == "translator" and as_creator:
        text += ", trans."
    return Text(text)


#: biblatex `editortype`s and their abbreviations (singular, plural).
_EDITOR_TYPES = {
    "director": ("dir.", "dirs."),
    "compiler": ("comp.", "comps."),
    "organizer": ("org.", "orgs."),
    "producer": ("prod.", "prods."),
}


@node
def contributors(children, context):
    """`Edited by Jane Doe. Translated by Ann Lee.` (or `Edited and translated by ...`) for
    the editors and translators who are not the reference's creator."""
    entry: Entry = context["entry"]
    f = entry.fields
    creator = context.get("creator_role")
    editor = f.get("editor", "").strip() if creator != "editor" else ""
    translator = f.get("translator", "").strip() if creator != "translator" else ""
    parts = []
    if editor and editor == translator:
        return Text(
            "Edited and translated by ", join_names(parse_names(editor), invert_first=False)
        )
    if editor:
        parts.append(Text("Edited by ", join_names(parse_names(editor), invert_first=False)))
    if translator:
        names = join_names(parse_names(translator), invert_first=False)
        parts.append(Text("Translated by ", names))
    if not parts:
        raise FieldIsMissing("editor", entry)
    return Text(". ").join(parts)


@node
def date_in_year(children, context):
    """`October 15` for works dated to the day or month (web pages, reports, posts)."""
    text = month_day(context["entry"])
    if not text:
        raise FieldIsMissing("date", context["entry"])
    return Text(text)


@node
def date_in_year_with_volume(children, context):
    """The month in an article's issue place (`655 (November)`), when it has a volume."""
    entry: Entry = context["entry"]
    if not entry.fields.get("volume", "").strip():
        raise FieldIsMissing("volume", entry)
    return date_in_year.format_data(context)


@node
def volume_of(children, context, lead: str = "Vol. "):
    """`Vol. 2 of Collected Works`, `Vol. 61`, `3 vols.` (multi-volume works)."""
    entry: Entry = context["entry"]
    f = entry.fields
    volume = latex_to_plain(f.get("volume", "")).strip()
    part = latex_to_plain(f.get("part", "")).strip()
    main = f.get("maintitle", "").strip()
    parts = []
    if volume:
        number = f"{volume}.{part}" if part else volume
        if main:
            main_text = Text(latex_to_text(main))
            if f.get("mainsubtitle", "").strip():
                main_text = Text(main_text, ": ", latex_to_text(f["mainsubtitle"]))
            parts.append(Text(lead, number, " of ", Tag("em", main_text)))
        else:
            parts.append(Text(lead, number))
    elif main:
        parts.append(Text("In ", Tag("em", latex_to_text(main))))
    volumes = latex_to_plain(f.get("volumes", "")).strip()
    if volumes:
        parts.append(Text(volumes, " vols"))
    if not parts:
        raise FieldIsMissing("volume", entry)
    return Text(". ").join(parts)


@node
def series_number(children, context):
    """`Bollingen Series 75`: the series and the work's number in it."""
    entry: Entry = context["entry"]
    series = entry.fields.get("series", "").strip()
    if not series:
        raise FieldIsMissing("series", entry)
    number = entry.fields.get("number", "").strip()
    return (
        words[field("series"), optional[field("number")]].format_data(context)
        if number
        else (latex_to_text(series))
    )


#: biblatex's localisation keys for thesis, report and patent types, as printed.
_TYPE_KEYS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master’s thesis",
    "candthesis": "Thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "Patent",
    "patentde": "German patent",
    "patenteu": "European patent",
    "patentfr": "French patent",
    "patentuk": "British patent",
    "patentus": "U.S. patent",
    "patreq": "Patent request",
    "patreqde": "German patent request",
    "patreqeu": "European patent request",
    "patreqfr": "French patent request",
    "patrequk": "British patent request",
    "patrequs": "U.S. patent request",
}


def _printed(keys: dict[str, str]) -> Callable[[BaseText], BaseText]:
    """A field filter that prints a biblatex key (`phdthesis`, `inpress`) as its words."""

    def printed(text: BaseText) -> BaseText:
        return Text(keys.get(str(text).strip().lower(), text))

    return printed


_type_name = _printed(_TYPE_KEYS)


_thesis_type = _type_name


def _edition(text: BaseText) -> BaseText:
    """`2` as `2nd ed.`; a worded edition (`Revised`) as `Revised ed.`."""
    plain = str(text)
    if plain.isdigit():
        n = int(plain)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return Text(f"{n}{suffix} ed")
    return Text(text, " ed") if not plain.lower().endswith(("ed", "ed.", "edition")) else text


@node
def year(children, context):
    """The year label (never missing: `n.d.` stands in), with its suffix (`2020a`) and the
    original year of a reprint first: `(1959) 1997`."""
    entry: Entry = context["entry"]
    return Text(year_label(entry) + context.get("year_suffix", ""))


def year_label(entry: Entry) -> str:
    """The year as the label prints it: `2021`, `1984–1986`, `n.d.`; a reprint's original
    year first: `(1959) 1997` (Chicago; citeproc prints it in text and list alike)."""
    label = entry_year(entry)
    original = _YEAR.search(
        latex_to_plain(entry.fields.get("origdate", "") or entry.fields.get("origyear", ""))
    )
    return f"({original.group(1)}) {label}" if original else label


@node
def accessed(children, context):
    """`Accessed 23 November 2026` from `urldate`."""
    entry: Entry = context["entry"]
    value = entry.fields.get("urldate", "")
    if not value.strip():
        raise FieldIsMissing("urldate", entry)
    return Text("Accessed ", _human_date(value))


@node
def quoted(children, context):
    """Children with a period added, inside typographic quotes: `“Title.”`."""
    text = join[children].format_data(context)
    return Text("“", text.add_period(), "”") if text else Text()


@node
def link(children, context, kind: str):
    """A DOI, arXiv or URL link; raises FieldIsMissing when the entry has none."""
    entry: Entry = context["entry"]
    f = entry.fields
    if kind == "doi" and f.get("doi", "").strip():
        doi = _unescape(f["doi"])
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi.strip(), flags=re.I)
        url = f"https://doi.org/{doi}"
        return Text(safe_link(url, String(url)))
    if kind == "eprint" and f.get("eprint", "").strip():
        kind_name = (f.get("eprinttype") or f.get("archiveprefix") or "").strip().lower()
        if kind_name in _ARXIV_TYPES or (
            not kind_name and re.match(r"\d{4}\.\d{4,5}", f["eprint"])
        ):
            eprint = f["eprint"].strip()
            return Text(HRef(f"https://arxiv.org/abs/{eprint}", String(f"arXiv:{eprint}")))
        if kind_name in _EPRINT_URLS:
            url = _EPRINT_URLS[kind_name] + f["eprint"].strip()
            return Text(safe_link(url, String(url)))
        label = f"{kind_name}:{f['eprint'].strip()}" if kind_name else f["eprint"].strip()
        return Text(label)
    if kind == "url" and f.get("url", "").strip():
        url = _unescape(f["url"]).strip()
        doi = f.get("doi", "").strip().lower()
        eprint = f.get("eprint", "").strip().lower()
        if (doi and doi in url.lower()) or (eprint and eprint in url.lower()):
            raise FieldIsMissing("url", entry)  # the DOI or arXiv link already leads there
        return Text(safe_link(url, String(url)))
    raise FieldIsMissing(kind, entry)


def _unescape(value: str) -> str:
    """`10.1007/978-3-030-29007-8\\_8` as `..._8`: exports escape `_`, `%`, `&`, `#` in DOIs."""
    return re.sub(r"\\([_%&#$~])", r"\1", value)


def _dashify(text: BaseText) -> BaseText:
    return Text("–").join(text.split(_DASHES))


title = join(sep=". ")[
    join(sep=": ")[field("title"), optional[field("subtitle")]], optional[field("titleaddon")]
]
booktitle = join(sep=". ")[
    join(sep=": ")[field("booktitle"), optional[field("booksubtitle")]],
    optional[field("booktitleaddon")],
]
pages = field("pages", apply_func=_dashify)
issue = first_of[
    join(sep=", ")[field("number"), field("issue")],
    field("number"),
    field("issue"),
    date_in_year_with_volume,  # Chicago: `655 (November): A31` when a journal numbers no issues
]
volume_issue_pages = join[
    optional[field("volume")],
    optional[" (", issue, ")"],
    optional[": ", pages],
]
publisher = join(sep=": ")[
    optional[first_of[field("location"), field("address")]],
    optional[first_of[field("publisher"), field("organization"), field("institution")]],
]
version = words["Version", field("version")]
edition = field("edition", apply_func=_edition)
#: Where a web page, post or report appeared, then its month and day: `Medium, February 1`.
venue_and_date = join(sep=", ")[
    optional[
        join(sep="; ")[
            optional[first_of[field("organization"), field("publisher"), field("institution")]],
            optional[field("howpublished")],
        ]
    ],
    optional[date_in_year],
]
#: biblatex's `pubstate` keys, as printed.
_PUBSTATES = {
    "inpress": "In press",
    "forthcoming": "Forthcoming",
    "prepublished": "Pre-published",
    "submitted": "Submitted",
    "inpreparation": "In preparation",
}

_pubstate = _printed(_PUBSTATES)


#: What kind of document it is, and its number: `Working paper 30659`, `Letter 114 Z`.
kind = words[field("type", apply_func=_type_name), optional[field("number")]]
#: A talk or poster: `Paper presented at International Conference on ...`.
event = words["Presented at", first_of[field("eventtitle"), field("venue")]]
original = first_of[
    words["Originally published as", tag("em")[field("origtitle")]],
    words[
        "Originally published by",
        join(sep=": ")[optional[field("origlocation")], field("origpublisher")],
    ],
]
web = [
    sentence[field("pubstate", apply_func=_pubstate)],
    sentence[original],
    sentence[accessed],
    sentence(add_period=False)[link("doi")],
    sentence(add_period=False)[link("eprint")],
    sentence(add_period=False)[link("url")],
]


def _series_ordinal(text: BaseText) -> BaseText:
    """A journal's numbered series: `3` as `3rd series`."""
    plain = str(text)
    return Text(_edition(text).__str__().replace(" ed", ""), " series") if plain.isdigit() else text


class Style:
    """Author-date formatting; `format(entry)` returns pybtex rich text for any entry type."""

    def format(self, entry: Entry, year_suffix: str = "") -> Text:
        """The full reference. Unknown types use `format_generic`; this never raises."""
        context = {"entry": entry, "year_suffix": year_suffix}
        try:
            return self._template(entry.type).format_data(context)
        except Exception:  # noqa: BLE001 - a reference must print even if a field is odd
            try:
                return self.format_generic().format_data(context)
            except Exception:  # noqa: BLE001
                return Text(entry.fields.get("title", entry.key))

    def _template(self, type_: str):
        """The template for a type, built once (templates are immutable node trees)."""
        cache = self.__dict__.setdefault("_templates", {})
        if type_ not in cache:
            cache[type_] = getattr(self, f"format_{type_}", self.format_generic)()
        return cache[type_]

    def _with_title(self, title_part, *rest) -> object:
        """Creators + year + title (unless the title stood in for the creators) + rest + links."""
        return _TitledEntry(title_part, list(rest) + web)

    def format_article(self):
        return self._with_title(
            quoted[title],
            sentence[contributors],
            sentence(sep=" ")[
                join(sep=", ")[
                    optional[tag("em")[first_of[field("journaltitle"), field("journal")]]],
                    optional[field("series", apply_func=_series_ordinal)],
                    optional[date_in_year_without_volume],
                ],
                optional[volume_issue_pages],
            ],
        )

    def format_book(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[edition],
            sentence[contributors],
            sentence[volume_of],
            sentence[series_number],
            sentence[publisher],
        )

    def format_inbook(self):
        return self._with_title(
            quoted[title],
            sentence[
                words["In", tag("em")[booktitle]],
                optional[words["by", persons("bookauthor", as_creator=False)]],
                optional[words["edited by", persons("editor", as_creator=False)]],
                optional[words["translated by", persons("translator", as_creator=False)]],
                optional[volume_of(lead="vol. ")],
                optional[pages],
            ],
            sentence[edition],
            sentence[series_number],
            sentence[publisher],
        )

    format_incollection = format_inbook

    def format_inproceedings(self):
        return self._with_title(
            quoted[title],
            sentence[
                words["In", tag("em")[first_of[booktitle, field("eventtitle")]]],
                optional[words["edited by", persons("editor", as_creator=False)]],
                optional[volume_of(lead="vol. ")],
                optional[date_in_year],
                optional[pages],
            ],
            sentence[series_number],
            sentence[publisher],
        )

    format_conference = format_inproceedings
    format_bookinbook = format_inbook
    format_suppbook = format_inbook
    format_suppcollection = format_inbook
    format_inreference = format_inbook

    def format_report(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[contributors],
            sentence[
                first_of[
                    words[field("type", apply_func=_type_name), optional[field("number")]],
                    words["Report", field("number")],
                ]
            ],
            sentence[edition],
            sentence[version],
            sentence[venue_and_date],
        )

    def format_techreport(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[contributors],
            sentence[
                words[
                    first_of[field("type", apply_func=_type_name), "Technical report"],
                    optional[field("number")],
                ]
            ],
            sentence[venue_and_date],
        )

    def format_online(self):
        return self._with_title(
            quoted[title],
            sentence[contributors],
            sentence[kind],
            sentence[version],
            sentence[event],
            sentence[venue_and_date],
        )

    format_misc = format_online
    format_booklet = format_online
    format_letter = format_online

    def format_patent(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[
                join(sep=", ")[
                    words[
                        first_of[field("type", apply_func=_type_name), "Patent"], field("number")
                    ],
                    optional[words["issued", issued_date]],
                ]
            ],
        )

    def format_thesis(self, kind: str = "Thesis"):
        return self._with_title(
            quoted[title],
            sentence[
                first_of[field("type", apply_func=_type_name), kind],
                optional[first_of[field("institution"), field("school")]],
            ],
        )

    def format_phdthesis(self):
        return self.format_thesis("PhD thesis")

    def format_mastersthesis(self):
        return self.format_thesis("Master’s thesis")

    def format_unpublished(self):
        return self._with_title(
            quoted[title],
            sentence[contributors],
            sentence[kind],
            sentence[event],
            sentence[
                join(sep=", ")[
                    first_of[
                        field("howpublished"),
                        field("eventtitle"),
                        field("type"),
                        "Unpublished manuscript",
                    ],
                    optional[date_in_year],
                ]
            ],
        )

    def format_software(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[version],
            sentence[venue_and_date],
        )

    format_dataset = format_software
    format_collection = format_book
    format_proceedings = format_book
    format_reference = format_book
    format_mvbook = format_book
    format_mvcollection = format_book
    format_mvproceedings = format_book
    format_mvreference = format_book
    format_manual = format_report
    format_suppperiodical = format_article
    format_review = format_article

    def format_generic(self):
        return self._with_title(
            quoted[title],
            sentence[contributors],
            sentence[
                optional[
                    first_of[
                        field("journaltitle"),
                        field("journal"),
                        field("booktitle"),
                        field("howpublished"),
                        field("publisher"),
                        field("organization"),
                        field("institution"),
                    ]
                ]
            ],
            sentence[date_in_year],
        )


@node
def creator_body(children, context, name: str):
    """An organisation standing as the creator (`OECD.`)."""
    return latex_to_text(context["entry"].fields[name])


@node
def date_in_year_without_volume(children, context):
    """An article's month and day, printed only when it has no volume (a magazine, a paper)."""
    entry: Entry = context["entry"]
    if entry.fields.get("volume", "").strip():
        raise FieldIsMissing("volume", entry)
    return date_in_year.format_data(context)


@node
def issued_date(children, context):
    """`September 16, 1997`: a patent's full issue date."""
    entry: Entry = context["entry"]
    day = month_day(entry)
    return Text(day, ", ", entry_year(entry)) if day else Text(entry_year(entry))


#: Who a reference is by, in order of preference: the field, and how its names are printed.
_CREATOR_ROLES = ("author", "editor", "translator")
_CREATOR_BODIES = ("organization", "institution")


class _TitledEntry:
    """Creators, year, title (moved to the front when there is no creator), then the rest."""

    def __init__(self, title_part, rest: list) -> None:
        self.title_part, self.rest = title_part, rest

    def format_data(self, context: dict) -> Text:
        entry: Entry = context["entry"]
        f = entry.fields
        role = next((r for r in _CREATOR_ROLES if parse_names(f.get(r, ""))), None)
        body = next((b for b in _CREATOR_BODIES if f.get(b, "").strip()), None)
        context = {**context, "creator_role": role, "creator_field": None if role else body}
        if role:
            head = [sentence[persons(role)], sentence[year], self.title_part]
        elif body:  # printed at the head, so `field(body)` skips it further on
            head = [sentence[creator_body(body)], sentence[year], self.title_part]
        else:
            head = [sentence(add_period=False)[self.title_part], sentence[year]]
        # Every part is optional: a missing field drops its part (`keepopen check` reports it).
        parts = [optional[part] for part in head + self.rest]
        return toplevel[parts].format_data(context)
