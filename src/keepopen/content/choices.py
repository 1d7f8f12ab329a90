"""The content model's fixed choices and patterns, defined once.

The page models (`content/model.py`), the `.bib` rules, the exports and `keepopen new` all take
their lists from here. This module imports only the standard library, so the bibliography and
the exports can use it without loading pydantic (the content model loads it lazily, for speed).
Each `Literal` type is the definition; the tuple beside it is its values, in order.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ATTRIBUTIONS",
    "CITATION_KEY_PATTERN",
    "CONSENT_SCOPES",
    "DATE_PRECISIONS",
    "EVENT_KINDS",
    "HOUSE_KEY_PATTERN",
    "ID_PATTERN",
    "MODEL_ID_PATTERN",
    "REVIEW_STATES",
    "SOURCE_TYPES",
    "VERIFICATION_LEVELS",
    "VERIFICATION_MEANING",
    "VERIFIED_LEVELS",
    "Attribution",
    "ConsentScope",
    "DatePrecision",
    "EventKind",
    "Review",
    "SourceType",
    "Verification",
]

#: Ids are lower-case slugs; each must equal its file name without `.md`.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: Model ids may contain dots, as providers spell them (`gpt-4.1`).
MODEL_ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
#: Any citation key a page may cite (`[@key]`, `sources:`): what citation syntax accepts.
CITATION_KEY_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_:.\-]*$"
#: The house style for keys in `references/*.bib`: lower-case letters, digits and `_`. Keys
#: outside it still work (they match `CITATION_KEY_PATTERN`); `keepopen check` warns (BIB015).
HOUSE_KEY_PATTERN = r"^[a-z0-9_]+$"

#: How far editors verified a reference (docs/about/verification.md).
Verification = Literal["primary", "secondary", "unverified"]
VERIFICATION_LEVELS: tuple[str, ...] = get_args(Verification)
#: The levels at which an editor read the source or a report on it.
VERIFIED_LEVELS: tuple[str, ...] = ("primary", "secondary")
#: What each level means, in words readers see (on hover over a reference's level).
VERIFICATION_MEANING: dict[str, str] = {
    "primary": "an editor read the original document",
    "secondary": "an editor read a report about it, not the original",
    "unverified": "no editor could see the source",
}

Review = Literal["draft", "reviewed", "published"]
REVIEW_STATES: tuple[str, ...] = get_args(Review)

SourceType = Literal["submitted", "public-post", "interview"]
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)

ConsentScope = Literal["publish", "quote", "aggregate-only"]
CONSENT_SCOPES: tuple[str, ...] = get_args(ConsentScope)

Attribution = Literal["named", "pseudonym", "anonymous"]
ATTRIBUTIONS: tuple[str, ...] = get_args(Attribution)

DatePrecision = Literal["day", "month", "year"]
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)

EventKind = Literal["retirement", "deprecation", "policy", "statement", "report", "release"]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
