"""Assemble a submission document from library pages, obeying verification and consent.

The result (`Document`) is format-neutral: the DOCX, Markdown, HTML/PDF and JSON writers all
render the same paragraphs, so the numbered paragraph 7 is the same text in every file.

Testimony goes in only as its consent allows: `aggregate-only` accounts are counted (with their
models and themes) and never described one by one; `publish` accounts appear as their
paraphrased summary; `quote` accounts add their short quotes (block quotes of at most
`MAX_QUOTE_WORDS` words). No name or handle is ever exported.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from keepopen.bibliography import Bibliography
from keepopen.content.model import Argument, Event, Testimony
from keepopen.export.submission.citestyle import CitationRenderer, Listed, Note
from keepopen.export.submission.claims import Block, LeftOut, classify, excerpt, parse_body
from keepopen.export.submission.dates import long_date
from keepopen.export.submission.sources import LibraryPage

__all__ = ["Document", "Item", "MAX_QUOTE_WORDS", "assemble"]

MAX_QUOTE_WORDS = 40


@dataclass
class Item:
    """One output unit: a heading, a numbered paragraph or a quote under a paragraph."""

    kind: Literal["heading", "paragraph", "quote"]
    text: str
    level: int = 1
    number: int | None = None
    unverified: bool = False
    #: Footnotes anchored in `text` (citations in footnote style, web links).
    notes: list[Note] = field(default_factory=list)


@dataclass
class Document:
    """Everything a writer needs, already selected and rendered."""

    title: str
    forum_label: str
    fields: list[tuple[str, str]]
    items: list[Item] = field(default_factory=list)
    references: list[Listed] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    included_claims: int = 0
    unverified_claims: int = 0
    date: str = field(default_factory=lambda: long_date(dt.date.today()))

    @property
    def paragraphs(self) -> list[Item]:
        return [i for i in self.items if i.kind == "paragraph"]


class _Builder:
    def __init__(self, refs: Bibliography, style: str, include_unverified: bool):
        self.refs = refs
        self.cites = CitationRenderer(style, refs, include_unverified)
        self.include_unverified = include_unverified
        self.items: list[Item] = []
        self.left: list[LeftOut] = []
        self.number = 0
        self.included = 0
        self.unverified = 0
        self.labels: dict[str, str] = {}
        self.site_url = ""

    def label(self, vocab_id: str) -> str:
        """A model's or theme's label from the taxonomies (its id when unknown)."""
        return self.labels.get(vocab_id, vocab_id)

    def heading(self, text: str, level: int) -> None:
        self.items.append(Item("heading", text, level))

    def paragraph(self, text: str, unverified: bool = False) -> None:
        self.number += 1
        prefix = "[Unverified] " if unverified else ""
        rendered, notes = self.cites.render_item(text)
        notes = [n._replace(offset=n.offset + len(prefix)) for n in notes]
        self.items.append(
            Item(
                "paragraph",
                prefix + rendered,
                number=self.number,
                unverified=unverified,
                notes=notes,
            )
        )

    def quote(self, text: str) -> None:
        rendered, notes = self.cites.render_item(text)
        self.items.append(Item("quote", rendered, notes=notes))

    def claim(self, block: Block, page: str) -> None:
        """Add a block if its claim may go in; else record why not."""
        if block.kind == "heading":
            self.heading(block.text, min(block.level, 3))
            return
        claim = classify(block, self.refs)
        ok = claim.status in ("verified", "uncited") or (
            claim.status == "unverified" and self.include_unverified
        )
        if not ok:
            self.left.append(LeftOut(page, block.line, excerpt(block.text), claim.reason))
            return
        unverified = claim.status == "unverified"
        if claim.status == "verified" and claim.weak_keys and not self.include_unverified:
            dropped = ", ".join(f"@{k}" for k in claim.weak_keys)
            self.left.append(
                LeftOut(
                    page,
                    block.line,
                    excerpt(block.text),
                    f"unverified citation {dropped} dropped; the claim keeps its sound sources",
                )
            )
        if claim.keys:
            self.included += 1
            self.unverified += unverified
        if block.kind == "quote" and self.items and self.items[-1].kind != "heading":
            self.quote(block.text)
        else:
            self.paragraph(block.text, unverified)

    def body(self, page: LibraryPage, rel: str) -> None:
        blocks, left = parse_body(
            page.body, page.body_line, rel, src=page.src, site_url=self.site_url
        )
        self.left.extend(left)
        for block in blocks:
            self.claim(block, rel)


def _date(event: Event) -> str:
    fmt = {"day": "%d %B %Y", "month": "%B %Y", "year": "%Y"}[event.date_precision]
    return event.date.strftime(fmt).lstrip("0")


def _testimony(b: _Builder, page: LibraryPage, rel: str) -> None:
    t = cast(Testimony, page.model)
    b.heading(t.title, 2)
    models = ", ".join(b.label(m) for m in t.models)
    period = t.period.start + (f" to {t.period.end}" if t.period.end else " onwards")
    kind = {
        "submitted": "An account submitted to Keep Open",
        "public-post": "A public post",
        "interview": "An interview",
    }[t.source_type]
    b.paragraph(
        f"{kind}, collected {long_date(t.collected)}, about {models} ({period}), "
        f"in summary: {t.summary}"
    )
    b.included += 1
    blocks, _ = parse_body(page.body, page.body_line, rel)
    quotes = [q for q in blocks if q.kind == "quote"]
    if t.consent.scope == "quote":
        for q in quotes:
            if len(q.text.split()) > MAX_QUOTE_WORDS:
                b.left.append(
                    LeftOut(
                        rel, q.line, excerpt(q.text), f"quote longer than {MAX_QUOTE_WORDS} words"
                    )
                )
            else:
                b.quote(f"\u201c{q.text.strip(chr(0x201C) + chr(0x201D) + chr(34))}\u201d")
    elif quotes:
        b.left.append(
            LeftOut(
                rel,
                quotes[0].line,
                f"{len(quotes)} quote(s)",
                "consent scope 'publish' allows the summary, not quotes",
            )
        )


def _aggregate(b: _Builder, accounts: list[Testimony]) -> None:
    models = Counter(m for t in accounts for m in t.models)
    themes = Counter(th for t in accounts for th in t.themes)
    b.heading("Accounts shared for aggregate use only", 2)

    def listing(counter: Counter[str]) -> str:
        return ", ".join(
            f"{k} ({n})" for k, n in sorted(counter.items(), key=lambda p: (-p[1], p[0]))
        )

    b.paragraph(
        f"{len(accounts)} further account(s), whose consent allows only counts and "
        f"themes, concern these models: {listing(models)}; and these themes: "
        f"{listing(themes)}."
    )


def assemble(
    submission_title: str,
    forum_label: str,
    fields: list[tuple[str, str]],
    intro: LibraryPage | None,
    pages: list[LibraryPage],
    references: Bibliography,
    style: str,
    include_unverified: bool,
    root: Path,
    labels: dict[str, str] | None = None,
    site_url: str = "",
) -> Document:
    """Build the document: the intro body, then each page in order, then policy asks.

    `labels` maps model and theme ids to their labels (from `taxonomies/`).
    """
    b = _Builder(references, style, include_unverified)
    b.labels = labels or {}
    b.site_url = site_url  # links to library pages become addresses on the published site

    def rel(page: LibraryPage) -> str:
        try:
            return page.path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return page.path.as_posix()

    if intro is not None:
        b.body(intro, rel(intro))
    aggregate: list[Testimony] = []
    asks: list[str] = []
    for page in pages:
        meta: Any = page.model
        if isinstance(meta, Testimony):
            if meta.consent.scope == "aggregate-only":
                aggregate.append(meta)
                b.left.append(
                    LeftOut(
                        rel(page),
                        1,
                        meta.id,
                        "consent scope 'aggregate-only': counted with its models and themes only",
                    )
                )
            else:
                if not any(i.kind == "heading" and i.text == "Testimony" for i in b.items):
                    b.heading("Testimony", 1)
                _testimony(b, page, rel(page))
            continue
        b.heading(meta.title, 1)
        if isinstance(meta, Argument):
            b.paragraph(meta.claim)
            asks.extend(meta.policy_asks)
        if isinstance(meta, Event):
            src = "; ".join(f"@{k}" for k in meta.sources)
            happened = meta.happened.rstrip().rstrip(".")
            b.claim(
                Block("paragraph", f"{_date(meta)}: {happened} [{src}].", page.body_line), rel(page)
            )
        b.body(page, rel(page))
    if aggregate:
        _aggregate(b, aggregate)
    if asks:
        b.heading("Recommendations", 1)
        for ask in dict.fromkeys(asks):
            b.paragraph(ask)
    items = _drop_empty_headings(b.items)
    order = {p: n for n, p in enumerate(dict.fromkeys(x.page for x in b.left))}
    b.left.sort(key=lambda x: (order[x.page], x.line))
    return Document(
        submission_title,
        forum_label,
        fields,
        items,
        b.cites.reference_list(),
        b.left,
        b.included,
        b.unverified,
    )


def _drop_empty_headings(items: list[Item]) -> list[Item]:
    # A heading whose section lost all its paragraphs would stand alone; leave it out.
    out: list[Item] = []
    for i, item in enumerate(items):
        if item.kind == "heading":
            nxt = next(
                (x for x in items[i + 1 :] if x.kind != "heading" or x.level <= item.level), None
            )
            if nxt is None or nxt.kind == "heading":
                continue
        out.append(item)
    return out
