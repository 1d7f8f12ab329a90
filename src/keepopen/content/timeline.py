"""The visual timeline: every event page, grouped by year, built from front matter at build time.

Replaces a hand-kept table: an event appears once its page exists. Each entry shows its date,
kind, verification (and how its date is verified, when that differs: `date_verification`), its
title linked to its page, the actor, the models and the sources as citations. Markup is plain
lists and headings (readable without JavaScript, in print and on a phone); `data-kind` and
`data-models` let `docs/assets/timeline.js` filter the list where scripts run. Knows no site
engine: links are relative `.md` paths, citations Pandoc `[@key]`; every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from keepopen.content.choices import EVENT_KINDS
from keepopen.content.event_dates import date_label, event_order
from keepopen.content.hrefs import page_href
from keepopen.content.library import Library, LibraryPage
from keepopen.content.model import Event
from keepopen.content.plaintext import escape_markdown_inline as _text
from keepopen.content.taxonomy_pages import MODELS_PAGE, taxonomy_links

__all__ = ["timeline_markdown"]


def _events(library: Library) -> list[tuple[LibraryPage, Event]]:
    found = [(p, p.model) for p in library.pages if isinstance(p.model, Event)]
    return sorted(found, key=lambda pair: (event_order(pair[1]), pair[0].src))


def _date_verification(page: LibraryPage, event: Event) -> tuple[str | None, str]:
    """`date_verification` and `date_note` when stated (the schema may not know them yet)."""
    level = getattr(event, "date_verification", None) or page.data.get("date_verification")
    note = getattr(event, "date_note", None) or page.data.get("date_note") or ""
    return (str(level) if level else None), str(note)


def _badge(css: str, text: str) -> str:
    return f'<span class="{css}">{_text(text)}</span>'


def _entry(here: str, page: LibraryPage, event: Event, library: Library) -> list[str]:
    href = page_href(here, page.src)
    when = _text(date_label(event))
    kind = _badge(f"keepopen-kind keepopen-kind--{event.kind}", event.kind)
    level = event.verification
    badges = [kind, _badge(f"keepopen-verification keepopen-verification--{level}", level)]
    date_level, note = _date_verification(page, event)
    if date_level and date_level != level:
        badges.append(
            _badge(
                f"keepopen-verification keepopen-verification--{date_level}", f"date: {date_level}"
            )
        )
    models = " ".join(_text(m) for m in event.models)
    title = _text(str(page.data.get("title") or page.id))
    details = [_text(event.actor)]
    if event.models:
        details.append(
            "Models: " + taxonomy_links(here, event.models, library.models, MODELS_PAGE, library)
        )
    sources = "[" + "; ".join(f"@{key}" for key in event.sources) + "]"
    lines = [
        f'<li class="keepopen-timeline__event keepopen-timeline__event--{event.kind}" '
        f'data-kind="{event.kind}" data-models="{models}" markdown="block">',
        "",
        f'<time datetime="{event.date.isoformat()}">{when}</time> {" ".join(badges)}',
        "",
        f"**[{title}]({href})**",
        "",
        " · ".join(details),
        "",
    ]
    if date_level and note:
        lines += [f"Date: {_text(note)}", ""]
    lines += [f"Sources: {sources}", "", "</li>"]
    return lines


def _filter_options(events: Iterable[tuple[LibraryPage, Event]], library: Library) -> list[str]:
    """What the script offers to filter by, as data; shown only once the script runs."""
    events = list(events)
    kinds = [k for k in EVENT_KINDS if any(e.kind == k for _, e in events)]
    used = {m for _, e in events for m in e.models}
    models = [m for m in library.models.ids if m in used]
    spans = [f'<span data-option="kind" data-value="{k}">{_text(k)}</span>' for k in kinds]
    spans += [
        f'<span data-option="model" data-value="{_text(m)}">'
        f"{_text(library.models.labels.get(m, m))}</span>"
        for m in models
    ]
    return ['<div class="keepopen-timeline-filter" hidden>', *spans, "</div>"]


def timeline_markdown(here: str, library: Library) -> str:
    """Every event of `library`, one section per year, for the page at `here` (`docs/`-relative)."""
    events = _events(library)
    lines = [*_filter_options(events, library), ""]
    years: dict[int, list[tuple[LibraryPage, Event]]] = {}
    for page, event in events:
        years.setdefault(event.date.year, []).append((page, event))
    for year, entries in years.items():
        lines += [
            '<div class="keepopen-timeline__year" markdown>',
            "",
            f"## {year} {{ #year-{year} }}",
            "",
            '<ol class="keepopen-timeline" markdown>',
            "",
        ]
        for page, event in entries:
            lines += [*_entry(here, page, event, library), ""]
        lines += ["</ol>", "", "</div>", ""]
    return "\n".join(lines)
