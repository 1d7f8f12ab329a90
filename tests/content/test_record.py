"""A page's record shows its front matter to readers, with links MkDocs can validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from keepopen.content.library import scan
from keepopen.content.record import page_record

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"


@pytest.fixture(scope="module")
def library():
    return scan(LIBRARY)


def test_event_facts_give_date_actor_verification_and_cited_sources(library) -> None:
    record = page_record(library.get("2024-05-13-gpt-4o-release"), library)
    assert "| Date | 13 May 2024 |" in record.facts
    assert "| Actor | OpenAI |" in record.facts
    assert "| Verification | [primary](../../about/verification.md) |" in record.facts
    assert "| Sources | [@openai2024hello] |" in record.facts
    assert record.evidence.startswith("## Cited by")  # the arguments resting on it


def test_argument_evidence_links_events_and_testimony_relative_to_the_page(library) -> None:
    record = page_record(library.get("keep-it-open"), library)
    assert "| Claim | Models people depend on should stay available. |" in record.facts
    assert "| Made by | [@un2024gdc] |" in record.facts
    assert record.evidence.startswith("## Evidence record")
    event = "../evidence/events/2024-05-13-gpt-4o-release.md"
    assert f"- 2024-05-13: [GPT-4o is released]({event})" in record.evidence
    assert "(../testimony/quiet-loss.md)" in record.evidence
    assert "[@openai2024hello]" in record.evidence


def test_testimony_facts_state_consent_as_recorded(library) -> None:
    page = library.get("quiet-loss")
    record = page_record(page, library)
    assert f"{page.model.consent.scope}, {page.model.consent.attribution}" in record.facts


def test_plain_pages_have_no_record(library) -> None:
    assert page_record(library.get("home"), library).facts == ""


def test_status_line_says_draft_when_and_how_sources_are_verified(library) -> None:
    import datetime as dt

    page = library.get("2024-05-13-gpt-4o-release")
    levels = {"openai2024hello": "primary"}
    record = page_record(page, library, changed=dt.date(2026, 2, 3), level_of=levels.get)
    status = record.facts.split("\n\n")[0]
    assert "keepopen-status--draft" in status  # the default
    assert "last changed 3 February 2026" in status
    assert "cites 1 reference ([1 primary](../../about/verification.md))" in status


def test_status_line_counts_unknown_levels_and_uncommitted_pages(library) -> None:
    page = library.get("keep-it-open")
    status = page_record(page, library).facts.split("\n\n")[0]
    assert "not yet committed" in status
    assert "not graded](" in status
