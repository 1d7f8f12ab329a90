"""A page's record: what its front matter says, shown to readers as Markdown.

Front matter is where contributors state an event's date and sources, a testimony's consent or
an argument's evidence; readers should see those facts without opening the source file. This
module turns a validated page into two Markdown blocks: a facts table under the title and, for
arguments, an evidence record at the end. It knows no site engine: links are relative `.md`
paths, citations are Pandoc `[@key]`, so MkDocs validates the links and the citation engine
formats the references.

Every value from data (front matter, vocabulary labels, other pages' titles) goes through
`keepopen.content.plaintext.escape_markdown_inline`: it shows as its text and can make no tag,
table cell, link or line of its own, whether or not `keepopen check` ran first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from keepopen.citations.scan import find_citations
from keepopen.content.event_dates import date_label
from keepopen.content.hrefs import page_href
from keepopen.content.library import Library, LibraryPage
from keepopen.content.model import Argument, Event, Testimony
from keepopen.content.plaintext import escape_markdown_inline as _text
from keepopen.content.status import status_markdown, verification_counts
from keepopen.content.taxonomy_pages import MODELS_PAGE, THEMES_PAGE, taxonomy_links
from keepopen.content.usage import arguments_using

__all__ = ["PageRecord", "page_record"]


@dataclass(frozen=True)
class PageRecord:
    """Markdown to insert under the page title (`facts`) and at the end (`evidence`: an
    argument's evidence record, an event's or testimony's "Cited by")."""

    facts: str = ""
    evidence: str = ""


def _link(page: LibraryPage, target: LibraryPage) -> str:
    title = _text(str(target.data.get("title") or target.id))
    return f"[{title}]({page_href(page.src, target.src)})"


def _themes(page: LibraryPage, ids: list[str], library: Library) -> str:
    """Each theme linked to its section of the themes page."""
    return taxonomy_links(page.src, ids, library.themes, THEMES_PAGE, library)


def _models(page: LibraryPage, ids: list[str], library: Library) -> str:
    """Each model linked to its section of the models page."""
    return taxonomy_links(page.src, ids, library.models, MODELS_PAGE, library)


def _cited_by(page: LibraryPage, library: Library) -> str:
    """`## Cited by`: the arguments that use this event or testimony (`keepopen.content.usage`)."""
    arguments = arguments_using(library).get(page.src, [])
    what = "event" if isinstance(page.model, Event) else "testimony"
    # Out of search: it repeats argument titles that are indexed on their own pages.
    lines = ["## Cited by { data-search-exclude }", ""]
    if arguments:
        lines += [f"Arguments that rest on this {what}:", ""]
        lines += [f"- {_link(page, argument)}" for argument in arguments]
    else:
        lines += [f"No argument in the library rests on this {what} yet."]
    return "\n".join(lines)


def _cite_all(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]" if keys else "—"


def _table(rows: list[tuple[str, str]], css: str) -> str:
    """A two-column table; every value is already Markdown from `_text` or built here."""
    lines = ['<div class="keepopen-record ' + css + '" markdown>', "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join([*lines, "", "</div>"])


def _event_facts(page: LibraryPage, model: Event, library: Library) -> str:
    when = date_label(model, short=False)
    rows = [
        ("Date", when + ("" if model.date_precision == "day" else f" ({model.date_precision})")),
        ("Actor", _text(model.actor)),
        ("Kind", model.kind),
        ("Models", _models(page, model.models, library)),
        ("Verification", f"[{model.verification}]({_about(page, 'verification.md')})"),
        ("Sources", _cite_all(model.sources)),
    ]
    if model.themes:
        rows.insert(4, ("Themes", _themes(page, model.themes, library)))
    date_evidence = _date_evidence(page, model)
    if date_evidence:
        rows.insert(1, ("Date checked", date_evidence))
    return _table(rows, "keepopen-record--event")


def _date_evidence(page: LibraryPage, model: Event) -> str:
    """How the date was checked, when the event says so apart from its sources' level."""
    parts = []
    if model.date_verification:
        level = f"[{model.date_verification}]({_about(page, 'verification.md')})"
        parts.append(f"{level}: {_DATE_LEVEL_MEANING[model.date_verification]}")
    if model.date_note:
        parts.append(_text(model.date_note, citations=True))
    return ". ".join(parts)


#: What each `date_verification` level says about the date, in readers' words.
_DATE_LEVEL_MEANING = {
    "primary": "the date was read in the original document",
    "secondary": "the date comes from a report, not the original document",
    "unverified": "no source for the date could be seen",
}


def _testimony_facts(page: LibraryPage, model: Testimony, library: Library) -> str:
    period = model.period.start + (f" to {model.period.end}" if model.period.end else " onwards")
    consent = f"{model.consent.scope}, {model.consent.attribution} ({_text(model.consent.method)})"
    policy = _about(page, "consent-and-takedown.md")
    rows = [
        ("Summary", _text(model.summary, citations=True)),
        ("Period described", period),
        ("Models", _models(page, model.models, library)),
        ("Themes", _themes(page, model.themes, library)),
        ("Source", model.source_type.replace("-", " ")),  # one of three fixed words
        ("Collected", model.collected.isoformat()),
        ("Consent", f"{consent}; see [consent and takedown]({policy})"),
    ]
    return _table(rows, "keepopen-record--testimony")


def _argument_facts(page: LibraryPage, model: Argument, library: Library) -> str:
    rows = [
        ("Claim", _text(model.claim, citations=True)),
        ("Themes", _themes(page, model.themes, library)),
        ("Made by", _cite_all(model.made_by)),
    ]
    return _table(rows, "keepopen-record--argument")


def _argument_evidence(page: LibraryPage, model: Argument, library: Library) -> str:
    evidence = model.evidence
    pages = library.by_id()
    lines = ["## Evidence record", ""]
    events = sorted(
        (pages[i] for i in evidence.events if i in pages), key=lambda p: str(p.data.get("date"))
    )
    if events:
        lines += ["**Timeline events**", ""]
        lines += [f"- {_text(str(p.data.get('date')))}: {_link(page, p)}" for p in events]
        lines += [""]
    testimony = [pages[i] for i in evidence.testimony if i in pages]
    if testimony:
        lines += ["**Testimony**", ""] + [f"- {_link(page, p)}" for p in testimony] + [""]
    if evidence.references:
        lines += ["**Sources**", "", _cite_all(evidence.references), ""]
    return "\n".join(lines) if len(lines) > 2 else ""


def _about(page: LibraryPage, name: str) -> str:
    return page_href(page.src, f"about/{name}")


def _cited_keys(page: LibraryPage) -> list[str]:
    """Every reference the page cites: in its text and in its front matter's source lists."""
    keys = [occurrence.key for occurrence in find_citations(page.body)]
    model = page.model
    if isinstance(model, Event):
        keys += model.sources
    if isinstance(model, Argument):
        keys += [*model.made_by, *model.evidence.references]
    return keys


def _status(
    page: LibraryPage, changed: dt.date | None, level_of: Callable[[str], str | None]
) -> str:
    """The status line of a typed page or one whose front matter states a review state."""
    # An event, testimony or argument without `review` is a draft (the model's default).
    typed = isinstance(page.model, Event | Testimony | Argument)
    review = page.data.get("review") or (getattr(page.model, "review", None) if typed else None)
    if not review:
        return ""
    counts = verification_counts(_cited_keys(page), level_of)
    return status_markdown(review, changed, counts, _about(page, "verification.md"))


def page_record(
    page: LibraryPage,
    library: Library,
    *,
    changed: dt.date | None = None,
    level_of: Callable[[str], str | None] = lambda key: None,
) -> PageRecord:
    """The record of a validated page: its status line, then the facts of its type.

    Args:
        changed: When the page last changed (git), None if not committed.
        level_of: A reference key's verification level (`primary`...), None if not stated.
    """
    status = _status(page, changed, level_of)
    model = page.model
    facts, evidence = "", ""
    if isinstance(model, Event):
        facts = _event_facts(page, model, library)
        evidence = _cited_by(page, library)
    elif isinstance(model, Testimony):
        facts = _testimony_facts(page, model, library)
        evidence = _cited_by(page, library)
    elif isinstance(model, Argument):
        facts = _argument_facts(page, model, library)
        evidence = _argument_evidence(page, model, library)
    return PageRecord(facts="\n\n".join(p for p in (status, facts) if p), evidence=evidence)
