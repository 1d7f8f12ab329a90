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


def test_event_facts_say_when_the_date_rests_on_a_report(tmp_path) -> None:
    # A primary event whose date only a news report gives: the facts table says so apart.
    import shutil

    shutil.copytree(LIBRARY, tmp_path, dirs_exist_ok=True)
    event = tmp_path / "docs" / "evidence" / "events" / "2024-05-13-gpt-4o-release.md"
    text = event.read_text(encoding="utf-8").replace(
        "verification: primary\n",
        "verification: primary\ndate_verification: secondary\n"
        "date_note: The day comes from a report <b>of</b> the post [@openai2024hello].\n",
    )
    event.write_text(text, encoding="utf-8")
    library = scan(tmp_path)
    facts = page_record(library.get("2024-05-13-gpt-4o-release"), library).facts
    row = next(line for line in facts.splitlines() if line.startswith("| Date checked |"))
    assert "[secondary](../../about/verification.md): the date comes from a report" in row
    assert "[@openai2024hello]" in row  # citations stay citations
    assert "&lt;b&gt;" in row and "<b>" not in row  # the note is plain text
    assert facts.index("| Date |") < facts.index("| Date checked |") < facts.index("| Actor |")


def test_event_facts_have_no_date_row_without_date_fields(library) -> None:
    facts = page_record(library.get("2024-05-13-gpt-4o-release"), library).facts
    assert "Date checked" not in facts
