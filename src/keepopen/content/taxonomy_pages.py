"""The theme and model pages: for each id in `taxonomies/`, the arguments, testimony and events
that name it.

One page per vocabulary (`evidence/themes.md`, `evidence/models.md`), one section per id with a
stable anchor, so an entry's themes and models link straight to their section, the navigation
gains two items however many ids there are, and every engine builds them from the same Markdown.
Knows no site engine: links are relative `.md` paths; every value is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from keepopen.content.event_dates import date_label, event_order
from keepopen.content.hrefs import page_href
from keepopen.content.library import Library, LibraryPage
from keepopen.content.model import Event
from keepopen.content.plaintext import escape_markdown_inline as _text
from keepopen.content.usage import evidence_of
from keepopen.content.vocab import Vocabulary

__all__ = [
    "MODELS_PAGE",
    "THEMES_PAGE",
    "anchor",
    "taxonomy_links",
    "taxonomy_markdown",
]

THEMES_PAGE = "evidence/themes.md"
MODELS_PAGE = "evidence/models.md"
_SECTIONS = (("argument", "Arguments"), ("testimony", "Testimony"), ("event", "Events"))


def anchor(vocab_id: str) -> str:
    """The section anchor of an id: lower case, runs of other characters as one `-`."""
    return re.sub(r"[^a-z0-9]+", "-", vocab_id.lower()).strip("-") or "id"


def taxonomy_links(
    from_src: str, ids: list[str], vocab: Vocabulary, page: str, library: Library
) -> str:
    """`ids` linked to their sections of `page` (`THEMES_PAGE`...); `—` if none.

    A library without that page (a small test site) gets the labels without links.
    """
    # Asked once per page: the set of sources is made once per library, not searched each time.
    linked = page in library.derived("sources", lambda lib: frozenset(p.src for p in lib.pages))
    labels = [_text(vocab.labels.get(i, i)) for i in ids]
    if linked:
        labels = [
            f"[{lb}]({page_href(from_src, page, anchor(i))})"
            for lb, i in zip(labels, ids, strict=True)
        ]
    return ", ".join(labels) or "—"


def ids_of(page: LibraryPage, field: str) -> list[str]:
    """The ids a page's validated `themes` or `models` field names (none if it has none)."""
    values = getattr(page.model, field, None)
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def _entry(here: str, page: LibraryPage) -> str:
    title = _text(str(page.data.get("title") or page.id or page.src))
    when = f"{_text(date_label(page.model))}: " if isinstance(page.model, Event) else ""
    return f"- {when}[{title}]({page_href(here, page.src)})"


def _names(page: LibraryPage, field: str, vocab_id: str, library: Library) -> bool:
    """Whether `page` names `vocab_id`; an argument without the field (models) names what the
    events and testimony it rests on name."""
    if hasattr(page.model, field):
        return vocab_id in ids_of(page, field)
    return any(vocab_id in ids_of(p, field) for p in evidence_of(page, library))


def _sort_key(page: LibraryPage) -> tuple:
    if isinstance(page.model, Event):
        return (event_order(page.model), page.src)
    return (str(page.data.get("title") or page.src),)


_EXCLUDED = '<div class="keepopen-entries" data-search-exclude="" markdown>'


def taxonomy_markdown(
    here: str,
    library: Library,
    field: str,
    topics: Mapping[tuple[str, str], list[str]] | None = None,
) -> str:
    """The sections of the `themes` or `models` page (`field`), in the vocabulary's order.

    With `topics` (`(kind, id)` -> testimony listing pages), a section links its id's listing
    pages instead of naming each account.
    """
    vocab = library.themes if field == "themes" else library.models
    typed = [p for p in library.pages if p.model is not None and p.type in dict(_SECTIONS)]
    lines: list[str] = []
    for vocab_id in vocab.ids:
        named = [p for p in typed if _names(p, field, vocab_id, library)]
        label = _text(vocab.labels.get(vocab_id, vocab_id))
        lines += [f"## {label} {{ #{anchor(vocab_id)} }}", ""]
        if vocab.definitions.get(vocab_id):
            lines += [_text(vocab.definitions[vocab_id]), ""]
        counts = " · ".join(
            f"{name}: {sum(p.type == kind for p in named)}" for kind, name in _SECTIONS
        )
        lines += [f"*{counts}*", ""]
        for kind, name in _SECTIONS:
            pages = sorted((p for p in named if p.type == kind), key=_sort_key)
            if kind == "argument" and field == "models" and pages:
                name += " (through the events and testimony they rest on)"
            listed = (topics or {}).get((field[:-1], vocab_id)) if kind == "testimony" else None
            if pages and listed:
                numbered = enumerate(listed, start=1)
                links = " · ".join(f"[{n}]({page_href(here, src)})" for n, src in numbered)
                count = f"{len(pages)} account" + ("s" if len(pages) != 1 else "")
                where = (
                    f"listed on pages {links}"
                    if len(listed) > 1
                    else f"[listed on one page]({page_href(here, listed[0])})"
                )
                lines += [f"**{name}**: {count}, {where}", ""]
            elif pages:
                # Out of search: each entry is indexed on its own page (2,000 entries made
                # these lists a tenth of the index).
                lines += [_EXCLUDED, "", f"**{name}**", "", *(_entry(here, p) for p in pages)]
                lines += ["", "</div>", ""]
    return "\n".join(lines)
