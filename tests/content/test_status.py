"""A page's status in words: a draft says so, with its date and its sources' verification."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from keepopen.content.status import review_phrase, status_markdown, verification_counts


def test_review_states_in_words() -> None:
    assert review_phrase("draft").startswith("Draft")
    assert review_phrase("reviewed") == "Reviewed by a second editor"
    assert review_phrase("odd") == "Odd"


def test_verification_counts_each_reference_once() -> None:
    levels = {"a": "primary", "b": "secondary"}
    counts = verification_counts(["a", "b", "a", "c"], levels.get)
    assert counts == Counter({"primary": 1, "secondary": 1, "not graded": 1})


def test_status_markdown_of_a_draft_without_references() -> None:
    line = status_markdown("draft", dt.date(2026, 1, 9), Counter(), "v.md")
    assert line.startswith(
        '<p class="keepopen-status keepopen-status--draft" data-search-exclude="" markdown>'
    )
    assert "**Draft: not yet reviewed by a second editor**" in line
    assert "last changed 9 January 2026 · cites no references." in line


def test_an_unknown_review_state_cannot_make_markup() -> None:
    line = status_markdown("<b>x</b>", None, Counter(), "v.md")
    assert "<b>" not in line and "keepopen-status--other" in line
