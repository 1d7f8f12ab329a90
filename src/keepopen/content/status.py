"""A page's status: its review state, when it last changed and how its sources are verified.

A draft must not look final. Readers see the status under the title (`status_markdown`, inserted
with the page's record), citers see the review state in the cite box and downloads
(`review_phrase`, used by `keepopen.citepage`). Knows no site engine: the caller passes the
last-change date and how to look up a reference's verification level.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable

from keepopen.content.plaintext import escape_markdown_inline as _text

__all__ = ["VERIFICATION_LEVELS", "review_phrase", "status_markdown", "verification_counts"]

VERIFICATION_LEVELS = ("primary", "secondary", "unverified")
_REVIEW = {
    "draft": "Draft: not yet reviewed by a second editor",
    "reviewed": "Reviewed by a second editor",
    "published": "Published",
}


def review_phrase(review: object) -> str:
    """The review state in words; an unknown state is shown as given."""
    text = str(review or "").strip()
    return _REVIEW.get(text, text.capitalize())


def verification_counts(keys: Iterable[str], level_of: Callable[[str], str | None]) -> Counter[str]:
    """How many distinct references have each verification level (`not graded` if none)."""
    return Counter(level_of(key) or "not graded" for key in dict.fromkeys(keys))


def _summary(counts: Counter[str], href: str) -> str:
    """`cites 3 references ([2 primary, 1 secondary](href))`: the levels link to their meaning."""
    order = [*VERIFICATION_LEVELS, *sorted(set(counts) - set(VERIFICATION_LEVELS))]
    parts = [f"{counts[level]} {_text(level)}" for level in order if counts[level]]
    if not parts:
        return "cites no references"
    total = sum(counts.values())
    return f"cites {total} reference{'s' * (total != 1)} ([{', '.join(parts)}]({href}))"


def status_markdown(
    review: object, changed: dt.date | None, counts: Counter[str], verification_href: str
) -> str:
    """One line under the title: review state, last change and the sources' verification."""
    changed_text = f"last changed {changed.day} {changed:%B %Y}" if changed else "not yet committed"
    sources = _summary(counts, verification_href)
    css = "keepopen-status keepopen-status--" + _css_word(review)
    # The same words on every page: kept out of the search index (Material skips the block).
    return (
        f'<p class="{css}" data-search-exclude="" markdown>**{_text(review_phrase(review))}**'
        f" · {changed_text} · {sources}.</p>"
    )


def _css_word(review: object) -> str:
    word = str(review or "")
    return word if word in _REVIEW else "other"
