"""The content model: the one definition of every page type's front matter.

Everything else is generated from these classes: validation in `keepopen check`, the JSON
Schemas under `schemas/` that editors use for autocompletion, and the docs page that explains
each field. Field descriptions are written for contributors, not programmers.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from keepopen.content.choices import (
    CITATION_KEY_PATTERN,
    ID_PATTERN,
    MODEL_ID_PATTERN,
    VERIFICATION_LEVELS,
    Attribution,
    ConsentScope,
    DatePrecision,
    EventKind,
    Review,
    SourceType,
    Verification,
)

__all__ = [
    "ID_PATTERN",
    "CITATION_KEY_PATTERN",
    "MODEL_ID_PATTERN",
    "Argument",
    "Consent",
    "CounterArgument",
    "Evidence",
    "Event",
    "Page",
    "Period",
    "Provenance",
    "Submission",
    "Testimony",
    "PAGE_TYPES",
    "VERIFICATION_LEVELS",
]

Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
ModelId = Annotated[str, StringConstraints(pattern=MODEL_ID_PATTERN)]
RefKey = Annotated[str, StringConstraints(pattern=CITATION_KEY_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
#: A date that may be partial: `2026`, `2026-02` or `2026-02-13`.


def _partial_date_text(value: object) -> object:
    # YAML reads `2024` as a number and an unquoted full date as a date: both mean the text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    # Runs first (before validators wrap what precedes them), so the pattern sees text.
    BeforeValidator(_partial_date_text),
]


class _Strict(BaseModel):
    # Unknown keys are usually typos: reject them so `keepopen check` can say so.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SearchOptions(_Strict):
    """How the site search treats a page (Material's `search` front matter)."""

    exclude: bool = Field(
        False, description="Leave the page out of the reader's search (e.g. the API reference)."
    )
    boost: float | None = Field(
        None, gt=0, description="Rank the page higher (above 1) or lower (below 1) in search."
    )


class _PageBase(_Strict):
    id: Slug = Field(
        description="Stable identifier; must equal the file name without `.md`. "
        "Never change it once published: links and citations depend on it."
    )
    title: Text = Field(description="The page title as readers see it.")
    review: Review = Field(
        "draft",
        description="Editorial state: `draft`, `reviewed` "
        "(checked by a second editor) or `published`.",
    )
    authors: list[Text] = Field(
        default_factory=list,
        description="People to credit in the page's citation. Leave empty to credit "
        "'Keep Open editors' as an organisation.",
    )
    tags: list[Text] = Field(
        default_factory=list,
        description="Free tags shown by the tags "
        "plugin. Prefer `themes` for anything the vocabulary covers.",
    )
    description: Text | None = Field(
        None, description="One-sentence summary for search engines and link previews."
    )
    search: SearchOptions | None = Field(
        None, description="Search options: `exclude: true` keeps developer pages out of it."
    )
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(
        default_factory=list,
        description="Parts of the page layout to hide (a Material "
        "theme option), e.g. `[navigation]` on the home page.",
    )


class Period(_Strict):
    """The time a testimony describes."""

    start: PartialDate = Field(
        description="When the described experience began (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)."
    )
    end: PartialDate | None = Field(None, description="When it ended; leave out if ongoing.")


class Provenance(_Strict):
    """Where, when and by whom a testimony was collected."""

    where: Text = Field(description="Where the testimony was collected (forum, form, interview).")
    collected_on: dt.date = Field(description="Date it was collected (`YYYY-MM-DD`).")
    collected_by: Text = Field(description="Who collected it (a role, e.g. 'Keep Open editors').")
    archived_url: str | None = Field(None, description="An archived copy, where one exists.")


class Consent(_Strict):
    """What the person agreed to, how it was recorded, and how to withdraw."""

    scope: ConsentScope = Field(
        description="`publish`: the summary may be published; `quote`: short quotes may be "
        "published too; `aggregate-only`: only counts and themes may be published."
    )
    attribution: Attribution = Field(
        description="How the person may be credited. `named` needs a consent record."
    )
    recorded_on: dt.date | None = Field(None, description="When consent was recorded.")
    method: Text = Field(
        description="How consent was recorded, honestly: e.g. 'consent form', "
        "or 'public post; no consent form was signed'."
    )
    record: Text | None = Field(
        None, description="Where the consent record is kept (required for `named` attribution)."
    )
    withdraw: Text = Field(description="How the person can withdraw the testimony.")


class Testimony(_PageBase):
    """First-hand experience of a model change, summarised in the editors' own words."""

    type: Literal["testimony"] = Field(description="Always `testimony`.")
    summary: Text = Field(
        description="What the testimony says, paraphrased in one or two "
        "sentences. Never copy the original wording."
    )
    collected: dt.date = Field(description="Date collected (`YYYY-MM-DD`).")
    period: Period = Field(description="The time the experience describes.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = Field(
        description="Language of the original, as a BCP 47 code such as `en` or `pt-BR`."
    )
    models: list[ModelId] = Field(
        min_length=1, description="Models it concerns (ids from `taxonomies/models.yml`)."
    )
    themes: list[Slug] = Field(
        min_length=1, description="Themes (ids from `taxonomies/themes.yml`)."
    )
    source_type: SourceType = Field(
        description="`submitted` through the form, a `public-post`, or an `interview`."
    )
    provenance: Provenance
    consent: Consent


class CounterArgument(_Strict):
    """One objection to an argument, and the answer to it."""

    objection: Text = Field(description="The strongest objection, stated fairly.")
    answer: Text = Field(
        description="The answer to it, citing what it rests on as `[@key]` in the answer itself "
        "(`keepopen check` reports an uncited answer as CIT002)."
    )


class Evidence(_Strict):
    """What an argument rests on: references, timeline events and testimony."""

    references: list[RefKey] = Field(
        default_factory=list, description="Reference keys from `references/`."
    )
    events: list[Slug] = Field(default_factory=list, description="Timeline event ids.")
    testimony: list[Slug] = Field(default_factory=list, description="Testimony ids.")


class Argument(_PageBase):
    """A governance argument: one claim, who made it, what it rests on, and its objections."""

    type: Literal["argument"] = Field(description="Always `argument`.")
    claim: Text = Field(description="The claim in one sentence.")
    themes: list[Slug] = Field(
        min_length=1, description="Themes (ids from `taxonomies/themes.yml`)."
    )
    made_by: list[RefKey] = Field(
        default_factory=list,
        description="Reference keys of who "
        "made the argument and where (a talk, a paper, a statement).",
    )
    evidence: Evidence = Field(description="What the argument rests on.")
    key_evidence: list[Text] = Field(
        default_factory=list,
        max_length=3,
        description="Two or three sentences, each citing its source as `[@key]`, that carry "
        "the argument in a condensed brief (`keepopen export brief`). Use only citations the "
        "page already makes.",
    )
    counter_arguments: list[CounterArgument] = Field(
        default_factory=list, description="Objections and the answer to each."
    )
    policy_asks: list[Text] = Field(
        default_factory=list, description="What the argument asks of policy makers."
    )


class Event(_PageBase):
    """One dated entry of the timeline."""

    type: Literal["event"] = Field(description="Always `event`.")
    date: dt.date = Field(
        description="The date (`YYYY-MM-DD`). For a month or a year, use the "
        "first day and set `date_precision`."
    )
    date_precision: DatePrecision = Field(
        "day", description="How precise `date` is: `day`, `month` or `year`."
    )
    actor: Text = Field(description="Who acted (a company, a UN body, a community).")
    models: list[ModelId] = Field(
        default_factory=list,
        description="Models concerned, if any (ids from `taxonomies/models.yml`).",
    )
    kind: EventKind = Field(description="What kind of event it is.")
    happened: Text = Field(description="What happened, in one or two sentences.")
    sources: list[RefKey] = Field(min_length=1, description="Reference keys that document it.")
    verification: Verification = Field(
        description="The best verification level among its "
        "sources: `primary`, `secondary` or `unverified`."
    )
    date_verification: Verification | None = Field(
        None,
        description="How the date itself was checked, when that differs from `verification`: "
        "`primary` (the date was read in the original document), `secondary` (it comes from a "
        "report about it) or `unverified`. Leave it out when the sources' level holds for the "
        "date too. Shown on the event page and read by the timeline.",
    )
    date_note: Text | None = Field(
        None,
        description="Where the date comes from, or how sources differ on it, in a sentence or "
        "two of plain text (citations as `[@key]` allowed).",
    )
    themes: list[Slug] = Field(default_factory=list, description="Themes, if any.")


class Submission(_PageBase):
    """A submission to a forum, assembled from library pages."""

    type: Literal["submission"] = Field(description="Always `submission`.")
    forum: Slug = Field(description="A forum profile id: a file name in `forums/`.")
    fields: dict[str, str | list[str]] = Field(
        default_factory=dict, description="The forum's fields and their values, by field id."
    )
    draws_on: list[Slug] = Field(
        min_length=1, description="Ids of the pages it draws on, in the order they should appear."
    )


class Page(_PageBase):
    """Any other page that is cited as a whole: about pages, section overviews."""

    type: Literal["page"] = Field(description="Always `page`.")


#: Front-matter `type` value -> model. The one registry every tool reads.
PAGE_TYPES: dict[str, type[_PageBase]] = {
    "testimony": Testimony,
    "argument": Argument,
    "event": Event,
    "submission": Submission,
    "page": Page,
}
