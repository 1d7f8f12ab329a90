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

from pybtex.richtext import BaseText, HRef, String, Text
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
from keepopen.bibliography.latex import latex_to_text, safe_link
from keepopen.bibliography.names import join_names, parse_names

__all__ = ["Style", "entry_year"]

_YEAR = re.compile(r"\d{4}")
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_ARXIV_TYPES = {"arxiv"}


def entry_year(entry: Entry) -> str:
    """`2021` from biblatex `date` (`2021-05-03`, `2021/2022`) or `year`; `n.d.` when neither."""
    for name in ("date", "year"):
        match = _YEAR.search(entry.fields.get(name, ""))
        if match:
            return match.group(0)
    year = entry.fields.get("year", "").strip()
    return str(latex_to_text(year)) if year else "n.d."


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
    if not value.strip():
        raise FieldIsMissing(name, entry)
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
        text += ", eds." if len(names) > 1 else ", ed."
    return Text(text)


#: biblatex's localisation keys for thesis types, as printed.
_THESIS_TYPES = {"phdthesis": "PhD thesis", "mathesis": "Master’s thesis", "candthesis": "Thesis"}


def _thesis_type(text: BaseText) -> BaseText:
    return Text(_THESIS_TYPES.get(str(text).strip().lower(), text))


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
    """The year label (never missing: `n.d.` stands in)."""
    return Text(entry_year(context["entry"]))


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
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", f["doi"].strip(), flags=re.I)
        url = f"https://doi.org/{doi}"
        return Text(safe_link(url, String(url)))
    if kind == "eprint" and f.get("eprint", "").strip():
        kind_name = (f.get("eprinttype") or f.get("archiveprefix") or "").strip().lower()
        if kind_name in _ARXIV_TYPES or (
            not kind_name and re.match(r"\d{4}\.\d{4,5}", f["eprint"])
        ):
            eprint = f["eprint"].strip()
            return Text(HRef(f"https://arxiv.org/abs/{eprint}", String(f"arXiv:{eprint}")))
        label = f"{kind_name}:{f['eprint'].strip()}" if kind_name else f["eprint"].strip()
        return Text(label)
    if kind == "url" and f.get("url", "").strip():
        url = f["url"].strip()
        doi = f.get("doi", "").strip().lower()
        eprint = f.get("eprint", "").strip().lower()
        if (doi and doi in url.lower()) or (eprint and eprint in url.lower()):
            raise FieldIsMissing("url", entry)  # the DOI or arXiv link already leads there
        return Text(safe_link(url, String(url)))
    raise FieldIsMissing(kind, entry)


def _dashify(text: BaseText) -> BaseText:
    return Text("–").join(text.split(_DASHES))


title = join(sep=": ")[field("title"), optional[field("subtitle")]]
pages = field("pages", apply_func=_dashify)
volume_issue_pages = join[
    optional[field("volume")],
    optional[" (", first_of[field("number"), field("issue")], ")"],
    optional[": ", pages],
]
publisher = join(sep=": ")[
    optional[first_of[field("location"), field("address")]],
    first_of[field("publisher"), field("organization"), field("institution")],
]
web = [
    sentence[accessed],
    sentence(add_period=False)[link("doi")],
    sentence(add_period=False)[link("eprint")],
    sentence(add_period=False)[link("url")],
]


class Style:
    """Author-date formatting; `format(entry)` returns pybtex rich text for any entry type."""

    def format(self, entry: Entry) -> Text:
        """The full reference. Unknown types use `format_generic`; this never raises."""
        try:
            return self._template(entry.type).format_data({"entry": entry})
        except Exception:  # noqa: BLE001 - a reference must print even if a field is odd
            try:
                return self.format_generic().format_data({"entry": entry})
            except Exception:  # noqa: BLE001
                return Text(entry.fields.get("title", entry.key))

    def _template(self, type_: str):
        """The template for a type, built once (templates are immutable node trees)."""
        cache = self.__dict__.setdefault("_templates", {})
        if type_ not in cache:
            cache[type_] = getattr(self, f"format_{type_}", self.format_generic)()
        return cache[type_]

    # Shared head: creators, year, and the title when there are no creators.
    def _head(self, title_part) -> list:
        creators = first_of[persons("author"), persons("editor")]
        return [
            first_of[
                sentence[creators],
                sentence[first_of[field("organization"), field("institution")]],
                sentence(add_period=False)[title_part],
            ],
            sentence[year],
        ]

    def _with_title(self, title_part, *rest) -> object:
        """Head + title (unless the title already stood in for the author) + rest + links."""
        return _TitledEntry(self._head(title_part), title_part, list(rest) + web)

    def format_article(self):
        return self._with_title(
            quoted[title],
            sentence(sep=" ")[
                tag("em")[first_of[field("journaltitle"), field("journal")]],
                optional[volume_issue_pages],
            ],
        )

    def format_book(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[optional[field("edition", apply_func=_edition)]],
            sentence[optional[publisher]],
        )

    def format_inbook(self):
        return self._with_title(
            quoted[title],
            sentence[
                words["In", tag("em")[field("booktitle")]],
                optional[words["edited by", persons("editor", as_creator=False)]],
                optional[pages],
            ],
            sentence[optional[publisher]],
        )

    format_incollection = format_inbook

    def format_inproceedings(self):
        return self._with_title(
            quoted[title],
            sentence[words["In", tag("em")[field("booktitle")]], optional[pages]],
            sentence[optional[publisher]],
        )

    format_conference = format_inproceedings

    def format_report(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[
                optional[
                    first_of[
                        words[field("type"), optional[field("number")]],
                        words["Report", field("number")],
                    ]
                ]
            ],
            sentence[optional[first_of[field("institution"), field("organization")]]],
        )

    def format_techreport(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[words[first_of[field("type"), "Technical report"], optional[field("number")]]],
            sentence[optional[first_of[field("institution"), field("organization")]]],
        )

    def format_online(self):
        return self._with_title(
            quoted[title],
            sentence[optional[first_of[field("organization"), field("publisher")]]],
        )

    def format_misc(self):
        return self._with_title(
            quoted[title],
            sentence[
                optional[first_of[field("howpublished"), field("organization"), field("publisher")]]
            ],
        )

    def format_thesis(self, kind: str = "Thesis"):
        return self._with_title(
            quoted[title],
            sentence[
                first_of[field("type", apply_func=_thesis_type), kind],
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
            sentence[first_of[field("howpublished"), "Unpublished manuscript"]],
        )

    def format_software(self):
        return self._with_title(
            sentence[tag("em")[title]],
            sentence[
                optional[words["Version", field("version")]],
                optional[
                    first_of[field("publisher"), field("organization"), field("howpublished")]
                ],
            ],
        )

    format_dataset = format_software
    format_collection = format_book
    format_proceedings = format_book
    format_booklet = format_misc
    format_manual = format_report

    def format_generic(self):
        return self._with_title(
            quoted[title],
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
        )


class _TitledEntry:
    """A template whose title moves to the front when the entry has no author or editor."""

    def __init__(self, head: list, title_part, rest: list) -> None:
        self.head, self.title_part, self.rest = head, title_part, rest

    def format_data(self, context: dict) -> Text:
        entry: Entry = context["entry"]
        creators = ("author", "editor", "organization", "institution")
        has_creator = any(entry.fields.get(name, "").strip() for name in creators)
        middle = [self.title_part] if has_creator else []
        # Every part is optional: a missing field drops its part (`keepopen check` reports it).
        parts = [optional[part] for part in self.head + middle + self.rest]
        return toplevel[parts].format_data(context)
