"""Editorial invariants of the real library, beyond what `keepopen check` enforces per page.

These encode the first edition's acceptance rules: arguments rest on at least two references and
link to their evidence, references stay in the canonical layout, and no page repeats the raw
community posts word for word.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from keepopen.bibliography import load_bibliography
from keepopen.bibliography.fmt import format_bib
from keepopen.citations import find_citations
from keepopen.content.library import scan
from keepopen.content.record import page_record

ROOT = Path(__file__).resolve().parents[2]
RAW_POSTS = ROOT.parent / "shared" / "sources" / "community-posts.md"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def library():
    return scan(ROOT)


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography([ROOT / "references"], root=ROOT)


def _cited_keys(page) -> set[str]:
    return {occurrence.citation.key for occurrence in find_citations(page.body)}


def test_first_edition_has_the_promised_size(library, bibliography) -> None:
    counts = {kind: len(library.of_type(kind)) for kind in ("argument", "testimony", "event")}
    assert counts["argument"] >= 9, counts
    assert counts["testimony"] >= 6, counts
    assert counts["event"] >= 15, counts
    assert len(bibliography.entries) >= 45


def test_every_reference_has_an_address_a_verification_level_and_a_note(bibliography) -> None:
    for key, entry in bibliography.entries.items():
        assert entry.fields.get("url") or entry.fields.get("doi"), key
        assert entry.fields.get("verification") in {"primary", "secondary", "unverified"}, key
        assert entry.fields.get("note"), f"{key}: say where it was checked"


def test_every_argument_cites_two_references_and_links_its_evidence(library) -> None:
    for page in library.of_type("argument"):
        cited = _cited_keys(page) | set(page.model.made_by) | set(page.model.evidence.references)
        assert len(cited) >= 2, f"{page.rel} cites {sorted(cited)}"
        evidence = page.model.evidence
        assert evidence.events or evidence.testimony, f"{page.rel} links no event or testimony"
        shown = page_record(page, library).evidence
        for target in evidence.events:
            assert f"events/{target}.md)" in shown, f"{page.rel}: event {target} not shown"
        for target in evidence.testimony:
            assert f"testimony/{target}.md)" in shown, f"{page.rel}: testimony {target} not shown"


def test_every_event_cites_its_sources_in_the_text(library) -> None:
    for page in library.of_type("event"):
        assert set(page.model.sources) <= _cited_keys(page) | set(page.model.sources)
        assert _cited_keys(page), f"{page.rel} has no citation in its text"


def test_references_are_in_canonical_layout() -> None:
    for bib in sorted((ROOT / "references").glob("*.bib")):
        text = bib.read_text(encoding="utf-8")
        assert format_bib(text) == text, f"run `keepopen refs fmt {bib.relative_to(ROOT)}`"


def _words(text: str) -> list[str]:
    # Curly and straight apostrophes are one character here, so "don’t" matches "don't".
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9']+", text)


def _text_files(folder: Path) -> list[Path]:
    """Every file under `folder` that reads as UTF-8 text (pages, scripts, styles, data)."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # images and other binary files hold no copied prose
        out.append(path)
    return out


def test_no_page_repeats_nine_words_of_the_raw_posts() -> None:
    if not RAW_POSTS.exists():
        if IN_CI:
            pytest.fail(f"{RAW_POSTS} is missing; CI must have ../shared")
        pytest.skip(f"{RAW_POSTS} not present outside the project workspace")
    grams: set[tuple[str, ...]] = set()
    for raw in _text_files(RAW_POSTS.parent):  # every raw source, not only the first file
        source = _words(raw.read_text(encoding="utf-8"))
        grams |= {tuple(source[i : i + 9]) for i in range(len(source) - 8)}
    copied = []
    for path in _text_files(ROOT / "docs") + _text_files(ROOT / "references"):
        words = _words(path.read_text(encoding="utf-8"))
        for i in range(len(words) - 8):
            if tuple(words[i : i + 9]) in grams:
                copied.append(f"{path.relative_to(ROOT)}: {' '.join(words[i : i + 9])}")
    assert not copied, "paraphrase these passages:\n" + "\n".join(copied)


def _precise_to(date, precision: str) -> tuple[int, ...]:
    return {"year": (date.year,), "month": (date.year, date.month)}.get(
        precision, (date.year, date.month, date.day)
    )


def test_timeline_lists_every_event_once_in_date_order(library) -> None:
    # The timeline is generated from the event pages (`keepopen.content.timeline`) where the page
    # holds its marker: every event once, in date order (a month-only one after its month's days).
    from keepopen.content.timeline import timeline_markdown

    page = (ROOT / "docs/evidence/timeline.md").read_text(encoding="utf-8")
    assert "<!-- keepopen:timeline -->" in page, "the timeline page lost its marker"
    text = timeline_markdown("evidence/timeline.md", library)
    listed = re.findall(r"\(events/([a-z0-9.-]+)\.md\)", text)
    events = {page.id: page.model for page in library.of_type("event")}
    assert sorted(listed) == sorted(events), "add or remove rows so each event appears once"
    for earlier, later in zip(listed, listed[1:], strict=False):
        a, b = events[earlier], events[later]
        shared = min(
            len(_precise_to(a.date, a.date_precision)), len(_precise_to(b.date, b.date_precision))
        )
        assert _precise_to(a.date, "day")[:shared] <= _precise_to(b.date, "day")[:shared], (
            f"{earlier} ({a.date}) is listed before {later} ({b.date})"
        )
