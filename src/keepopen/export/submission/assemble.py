"""Assemble a submission document from library pages, obeying verification and consent.

The result (`Document`) is format-neutral: the DOCX, Markdown, HTML/PDF and JSON writers all
render the same paragraphs, so the numbered paragraph 7 is the same text in every file.

Testimony goes in only as its consent allows: `aggregate-only` accounts are counted (with their
models and themes) and never described one by one; `publish` accounts appear as their
paraphrased summary; `quote` accounts add their short quotes (block quotes of at most
`MAX_QUOTE_WORDS` words). No name or handle is ever exported.

Arguments go in condensed by default (`BriefPlan(condensed=True)`): the claim, its
`key_evidence` sentences, its strongest objection with the answer (the FIRST entry of
`counter_arguments`: editors list the strongest objection first), and its policy asks, which
are gathered once at the end under the forum's addressee. Parts are added in rounds (every
argument's first evidence sentence, then every objection, then the remaining evidence) until the
forum's word budget is reached; what does not fit is listed in `left_out`, never cut silently.
`condensed=False` (`--full`) keeps whole pages instead, still with the asks only once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from keepopen.bibliography import Bibliography
from keepopen.content.event_dates import date_label
from keepopen.content.model import Argument, Event, Testimony
from keepopen.dates import long_date
from keepopen.export.submission.citestyle import CitationRenderer, Listed, Note
from keepopen.export.submission.claims import Block, LeftOut, classify, excerpt, parse_body
from keepopen.export.submission.sources import LibraryPage, key_lines

__all__ = ["ASKS_HEADINGS", "BriefPlan", "Document", "Item", "MAX_QUOTE_WORDS", "assemble"]

MAX_QUOTE_WORDS = 40
#: Body sections that repeat the front matter's `policy_asks`: a full export leaves them out,
#: because the asks are printed once, at the end, under the forum's addressee.
ASKS_HEADINGS = ("What it asks of policy",)
#: Heading of the closing section that gathers every argument's policy asks.
ASKS_TITLE = "Recommendations"


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
    #: The export runs with `--draft`: writers mark every page "DRAFT".
    draft: bool = False
    #: `condensed` (the default brief), `full` (whole pages).
    mode: str = "full"
    #: Words the condensed text may use, and the words it used (None when not condensed).
    budget_words: int | None = None
    used_words: int | None = None
    #: Words of what a condensed brief cannot leave out (titles, claims, asks).
    core_words: int = 0
    #: Words by which the parts that cannot be left out (titles, claims, asks) exceed the budget.
    over_budget: int = 0

    @property
    def paragraphs(self) -> list[Item]:
        return [i for i in self.items if i.kind == "paragraph"]


@dataclass
class BriefPlan:
    """How to build argument pages into the document.

    Attributes:
        condensed: Build each argument from its structured parts (claim, key evidence,
            strongest objection, asks) instead of its whole page.
        budget_words: Words the condensed text may use (None: no budget).
        addressee: The sentence that opens the asks, already filled in (None: a plain heading).
        follow_up: Earlier recommendations to follow up, printed before the new asks.
        draft: Mark the output DRAFT (see `Document.draft`).
    """

    condensed: bool = True
    budget_words: int | None = None
    addressee: str | None = None
    follow_up: list[str] = field(default_factory=list)
    draft: bool = False


def _words(text: str) -> int:
    return len(text.split())


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

    def body(self, page: LibraryPage, rel: str, skip: tuple[str, ...] = ()) -> None:
        blocks, left = parse_body(
            page.body, page.body_line, rel, src=page.src, site_url=self.site_url
        )
        self.left.extend(left)
        skipping: int | None = None
        for block in blocks:
            if block.kind == "heading":
                if skipping is not None and block.level <= skipping:
                    skipping = None
                if block.text in skip:
                    skipping = block.level
            if skipping is None:
                self.claim(block, rel)

    def admissible(self, text: str, line: int, rel: str) -> bool:
        """Whether a cited sentence may go in; if not, record why."""
        claim = classify(Block("paragraph", text, line), self.refs)
        ok = claim.status in ("verified", "uncited") or (
            claim.status == "unverified" and self.include_unverified
        )
        if not ok:
            self.left.append(LeftOut(rel, line, excerpt(text), claim.reason))
        return ok


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


@dataclass(frozen=True)
class _Part:
    """One optional piece of a condensed argument, competing for the word budget."""

    round: int
    page: str
    line: int
    text: str
    what: str


def _parts(b: _Builder, page: LibraryPage, rel: str) -> list[_Part]:
    """The argument's evidence sentences and strongest objection, in document order."""
    meta = page.model
    assert isinstance(meta, Argument)
    line = key_lines(page).get("key_evidence", 1)
    parts = [
        _Part(0 if n == 0 else 2, rel, line, text, f"key evidence sentence {n + 1}")
        for n, text in enumerate(meta.key_evidence)
    ]
    if meta.counter_arguments:
        strongest = meta.counter_arguments[0]
        parts.append(
            _Part(
                1,
                rel,
                key_lines(page).get("counter_arguments", 1),
                f"Objection: {strongest.objection} Response: {strongest.answer}",
                "strongest objection",
            )
        )
    return parts


def _condensed(b: _Builder, page: LibraryPage, rel: str, chosen: set[_Part] | None) -> list[_Part]:
    """Add the claim and the chosen parts; return every admissible part (for choosing)."""
    meta = page.model
    assert isinstance(meta, Argument)
    b.paragraph(meta.claim)
    admissible = []
    for part in _parts(b, page, rel):
        if chosen is None:
            # First pass: only measure; a sentence the verification rules drop never competes.
            claim = classify(Block("paragraph", part.text, part.line), b.refs)
            if claim.status in ("verified", "uncited") or (
                claim.status == "unverified" and b.include_unverified
            ):
                admissible.append(part)
        elif part in chosen:
            if part.what == "strongest objection":
                b.paragraph(part.text)
            else:
                b.claim(Block("paragraph", part.text, part.line), rel)
        elif b.admissible(part.text, part.line, rel):
            b.left.append(
                LeftOut(rel, part.line, excerpt(part.text), f"{part.what}: {_OVER_BUDGET}")
            )
    if chosen is not None:
        if not meta.key_evidence:
            b.left.append(
                LeftOut(
                    rel,
                    key_lines(page).get("claim", 1),
                    meta.id,
                    "the argument has no `key_evidence` in its front matter (add 2 or 3 cited "
                    "sentences)",
                )
            )
        b.left.append(
            LeftOut(
                rel,
                page.body_line,
                meta.id,
                "condensed brief: the page's reasoning, other evidence and other objections are "
                "not included (export with --full for whole pages)",
            )
        )
    return admissible


_OVER_BUDGET = "left out to stay within the forum's word budget"


def _choose(parts: list[_Part], used: int, budget: int | None) -> tuple[set[_Part], int]:
    """Parts round by round (each argument's first evidence, objections, the rest) that fit."""
    chosen: set[_Part] = set()
    for part in sorted(parts, key=lambda p: p.round):  # stable: document order within a round
        cost = _words(part.text) + 2  # its paragraph number and citation labels
        if budget is None or used + cost <= budget:
            chosen.add(part)
            used += cost
    return chosen, used


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
    plan: BriefPlan | None = None,
    site_url: str = "",
) -> Document:
    """Build the document: the intro body, then each page in order, then policy asks.

    `labels` maps model and theme ids to their labels (from `taxonomies/`); `plan` says how
    arguments go in (default: whole pages, as a submission page draws on them).
    """
    plan = plan or BriefPlan(condensed=False)
    build = functools.partial(
        _build, submission_title, forum_label, fields, intro, pages, references, style,
        include_unverified, root, labels or {}, plan, site_url=site_url,
    )  # fmt: skip
    # A condensed brief is built twice: first to weigh every part, then with the parts chosen.
    first = build(chosen=None)
    if not plan.condensed:
        return first.document
    chosen, used = _choose(first.parts, first.words, plan.budget_words)
    second = build(chosen=chosen)
    second.document.used_words = used
    second.document.core_words = first.words
    if plan.budget_words is not None and first.words > plan.budget_words:
        second.document.over_budget = first.words - plan.budget_words
    return second.document


@dataclass
class _Built:
    document: Document
    parts: list[_Part]
    words: int


def _build(
    submission_title: str,
    forum_label: str,
    fields: list[tuple[str, str]],
    intro: LibraryPage | None,
    pages: list[LibraryPage],
    references: Bibliography,
    style: str,
    include_unverified: bool,
    root: Path,
    labels: dict[str, str],
    plan: BriefPlan,
    chosen: set[_Part] | None,
    site_url: str,
) -> _Built:
    b = _Builder(references, style, include_unverified)
    b.labels = labels
    b.site_url = site_url  # links to library pages become addresses on the published site
    parts: list[_Part] = []

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
            asks.extend(meta.policy_asks)
            if plan.condensed:
                parts += _condensed(b, page, rel(page), chosen)
            else:
                b.paragraph(meta.claim)
                b.body(page, rel(page), skip=ASKS_HEADINGS)
            continue
        if isinstance(meta, Event):
            src = "; ".join(f"@{k}" for k in meta.sources)
            happened = meta.happened.rstrip().rstrip(".")
            b.claim(
                Block(
                    "paragraph",
                    f"{date_label(meta, short=False)}: {happened} [{src}].",
                    page.body_line,
                ),
                rel(page),
            )
        b.body(page, rel(page))
    if aggregate:
        _aggregate(b, aggregate)
    if plan.follow_up:
        b.heading("Follow-up of earlier recommendations", 1)
        for earlier in plan.follow_up:
            b.paragraph(earlier)
    if asks:
        b.heading(ASKS_TITLE, 1)
        if plan.addressee:
            b.paragraph(plan.addressee)
        for ask in dict.fromkeys(asks):
            b.paragraph(ask)
    items = _drop_empty_headings(b.items)
    _renumber(items)
    order = {p: n for n, p in enumerate(dict.fromkeys(x.page for x in b.left))}
    b.left.sort(key=lambda x: (order[x.page], x.line))
    document = Document(
        submission_title,
        forum_label,
        fields,
        items,
        b.cites.reference_list(),
        b.left,
        b.included,
        b.unverified,
        draft=plan.draft,
        mode="condensed" if plan.condensed else "full",
        budget_words=plan.budget_words if plan.condensed else None,
    )
    words = sum(_words(i.text) for i in items)
    return _Built(document, parts, words)


def _renumber(items: list[Item]) -> None:
    # Parts of a condensed brief are inserted after the fact: number paragraphs in final order.
    number = 0
    for item in items:
        if item.kind == "paragraph":
            number += 1
            item.number = number


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
