"""Testimony listed by period on pages of a fixed size, instead of one navigation item per entry.

A library of thousands of testimonies cannot show every entry in the sidebar: each page would
carry the whole list (Material renders the navigation into every page, so a build grows with the
square of the page count) and no reader scans a list that long. The sidebar keeps the Testimony
page; its overview (`LISTING_MARKER`) links every listing page, grouped by the year the accounts
begin, and each listing page links its entries: every entry is two clicks from the Testimony page.

Everything here is pure: the MkDocs plugin adds the listing pages as generated files and fills
the marker with `overview_markdown`; an engine that cannot add pages (Zensical) fills it with
`inline_markdown`, every entry on the Testimony page itself.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from keepopen.content.hrefs import page_href, url_href
from keepopen.content.library import Library, LibraryPage
from keepopen.content.plaintext import escape_markdown_inline, one_line

__all__ = [
    "LISTING_DIR",
    "LISTING_MARKER",
    "PER_PAGE",
    "ListingPage",
    "inline_markdown",
    "listing_markdown",
    "listing_pages",
    "overview_markdown",
    "overview_page",
    "testimony_entries",
    "topic_listing_pages",
]

#: Where `docs/testimony/index.md` shows the overview of every listing page.
LISTING_MARKER = "<!-- keepopen:testimony-listing -->"
#: Folder (under `docs/`) of the generated listing pages.
LISTING_DIR = "testimony/period"
#: Entries on one listing page: a page a phone loads at once and a reader can scan.
PER_PAGE = 50
#: Period label of entries whose `period.start` cannot be read.
UNDATED = "undated"


@dataclass(frozen=True)
class ListingPage:
    """One generated page: entries `number` of `of` pages of one group.

    `kind` says what groups the entries: the `period` they begin in (`group` is the year), or
    a `theme` or `model` they name (`group` is its id, `label` its name).
    """

    src: str
    group: str
    number: int
    of: int
    entries: tuple[LibraryPage, ...]
    kind: str = "period"
    label: str = ""

    def siblings(self, pages: Iterable[ListingPage]) -> list[ListingPage]:
        """The pages of `pages` that list the same group as this one (itself included)."""
        return [p for p in pages if (p.kind, p.group) == (self.kind, self.group)]

    @property
    def title(self) -> str:
        pages = f", page {self.number} of {self.of}" if self.of > 1 else ""
        if self.kind == "theme":
            return f"Testimony on the theme “{self.label}”{pages}"
        if self.kind == "model":
            return f"Testimony about {self.label}{pages}"
        when = "undated accounts" if self.group == UNDATED else f"accounts from {self.group}"
        return f"Testimony: {when}{pages}"


def testimony_entries(library: Library | Iterable[LibraryPage]) -> list[LibraryPage]:
    """Testimony pages (not folder index pages), in the library's order."""
    return [
        page
        for page in library
        if page.type == "testimony" and posixpath.basename(page.src) != "index.md"
    ]


def _start(page: LibraryPage) -> str:
    period = page.data.get("period")
    start = period.get("start") if isinstance(period, dict) else None
    return str(start) if start is not None else ""


def _year(page: LibraryPage) -> str:
    start = _start(page)
    return start[:4] if len(start) >= 4 and start[:4].isdigit() else UNDATED


def _title(page: LibraryPage) -> str:
    title = page.data.get("title")
    return title if isinstance(title, str) and title.strip() else page.src


def _by_period(entries: Iterable[LibraryPage]) -> list[tuple[str, list[LibraryPage]]]:
    """Entries grouped by the year their period starts, newest year first, undated last."""
    groups: dict[str, list[LibraryPage]] = {}
    for page in entries:
        groups.setdefault(_year(page), []).append(page)
    for pages in groups.values():  # newest account first, then by title, then by file
        pages.sort(key=lambda p: (_title(p).casefold(), p.src))
        pages.sort(key=_start, reverse=True)
    years = sorted((y for y in groups if y != UNDATED), reverse=True)
    return [(y, groups[y]) for y in [*years, *([UNDATED] if UNDATED in groups else [])]]


def _paginate(
    entries: list[LibraryPage], folder: str, name: str, per_page: int, **group: str
) -> list[ListingPage]:
    chunks = [entries[i : i + per_page] for i in range(0, len(entries), per_page)]
    return [
        ListingPage(
            f"{folder}/{name if n == 1 else f'{name}-{n}'}.md",
            number=n,
            of=len(chunks),
            entries=tuple(chunk),
            **group,  # type: ignore[arg-type]  # group, kind, label
        )
        for n, chunk in enumerate(chunks, start=1)
    ]


def listing_pages(
    library: Library | Iterable[LibraryPage], per_page: int = PER_PAGE
) -> list[ListingPage]:
    """Every listing page: each period's entries in pages of at most `per_page`."""
    out: list[ListingPage] = []
    for period, entries in _by_period(testimony_entries(library)):
        out += _paginate(entries, LISTING_DIR, period, per_page, group=period)
    return out


def topic_listing_pages(library: Library, per_page: int = PER_PAGE) -> list[ListingPage]:
    """Listing pages of the testimony naming each theme, then each model (newest first), so a
    theme or model page links pages of fifty instead of thousands of entries."""
    from keepopen.content.taxonomy_pages import anchor, ids_of

    entries = [page for _, group in _by_period(testimony_entries(library)) for page in group]
    out: list[ListingPage] = []
    for kind, vocab in (("theme", library.themes), ("model", library.models)):
        for vocab_id in vocab.ids:
            named = [page for page in entries if vocab_id in ids_of(page, f"{kind}s")]
            label = vocab.labels.get(vocab_id, vocab_id)
            folder = f"testimony/{kind}"
            kinds = {"group": vocab_id, "kind": kind, "label": label}
            out += _paginate(named, folder, anchor(vocab_id), per_page, **kinds)
    return out


def _models(page: LibraryPage, labels: dict[str, str]) -> str:
    models = page.data.get("models")
    names = (
        [labels.get(m, m) for m in models if isinstance(m, str)] if isinstance(models, list) else []
    )
    return ", ".join(names)


def _rows(entries: Iterable[LibraryPage], here: str, labels: dict[str, str]) -> list[str]:
    """The entries as one HTML table, every value escaped. Raw HTML, not a Markdown table:
    Markdown parsed the cells of thousands of rows again at each build for the same output."""
    rows = ["<table>", "<thead><tr><th>Entry</th><th>Period</th><th>Models</th></tr></thead>"]
    rows.append("<tbody>")
    for page in entries:
        period = page.data.get("period")
        end = period.get("end") if isinstance(period, dict) else None
        when = _start(page) + (f" to {end}" if end else "")
        link = f'<a href="{url_href(here, page.src)}">{_html(_title(page))}</a>'
        rows.append(
            f"<tr><td>{link}</td><td>{_html(when)}</td><td>{_html(_models(page, labels))}</td></tr>"
        )
    return [*rows, "</tbody>", "</table>"]


def _html(text: str) -> str:
    """Text for an HTML cell: escaped, on one line."""
    return html.escape(one_line(text))


def _labels(library: Library | Iterable[LibraryPage]) -> dict[str, str]:
    models = getattr(library, "models", None)
    return dict(getattr(models, "labels", {}) or {})


def overview_page(library: Library | Iterable[LibraryPage]) -> str | None:
    """`docs/`-relative path of the page holding `LISTING_MARKER`; None: no listing is built
    (and entries stay in the sidebar), since no page would link it."""
    return next((page.src for page in library if LISTING_MARKER in page.text), None)


def listing_markdown(
    page: ListingPage,
    pages: list[ListingPage],
    library: Library | Iterable[LibraryPage],
    overview: str = "testimony/index.md",
) -> str:
    """The Markdown of one listing page (kept out of search: its entries are indexed already)."""
    siblings = page.siblings(pages)
    pager = " · ".join(
        f"**{p.number}**" if p is page else f"[{p.number}]({page_href(page.src, p.src)})"
        for p in siblings
    )
    lines = [
        "---",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {page.title}",
        "",
        _back(page, overview) + (f" · Pages: {pager}" if len(siblings) > 1 else ""),
        "",
        *_rows(page.entries, page.src, _labels(library)),
        "",
    ]
    return "\n".join(lines)


def _back(page: ListingPage, overview: str) -> str:
    """The link from a listing page to what lists it."""
    if page.kind == "period":
        return f"[All testimony by period]({page_href(page.src, overview)})"
    from keepopen.content.taxonomy_pages import MODELS_PAGE, THEMES_PAGE, anchor

    where = THEMES_PAGE if page.kind == "theme" else MODELS_PAGE
    name = escape_markdown_inline(page.label)
    return f"[{name} on the {page.kind}s page]({page_href(page.src, where, anchor(page.group))})"


def overview_markdown(pages: list[ListingPage], here: str = "testimony/index.md") -> str:
    """A table for the Testimony page: each period, its number of entries, its listing pages."""
    rows = ["| Accounts beginning in | Entries | Listing pages |", "|---|---|---|"]
    periods: dict[str, list[ListingPage]] = {}
    for page in pages:
        periods.setdefault(page.group, []).append(page)
    for period, group in periods.items():
        count = sum(len(p.entries) for p in group)
        links = " · ".join(f"[{p.number}]({page_href(here, p.src)})" for p in group)
        label = "No date" if period == UNDATED else period
        rows.append(f"| [{label}]({page_href(here, group[0].src)}) | {count} | {links} |")
    if not periods:
        return "No testimony has been published yet."
    return "\n".join(rows)


def inline_markdown(
    library: Library | Iterable[LibraryPage], here: str = "testimony/index.md"
) -> str:
    """Every entry on the page itself, under a heading per period (engines without pages)."""
    labels = _labels(library)
    blocks = []
    for period, entries in _by_period(testimony_entries(library)):
        label = "No date" if period == UNDATED else f"Accounts beginning in {period}"
        blocks += [f"### {label}", "", *_rows(entries, here, labels), ""]
    return "\n".join(blocks).rstrip("\n") if blocks else "No testimony has been published yet."
