"""Listings built from the whole library: timeline, theme and model pages, "Cited by", the
Evidence overview. Run on a copy of the small check library, with events added per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keepopen.content.evidence_map import evidence_overview_markdown, thin_spots
from keepopen.content.generated import with_generated
from keepopen.content.library import scan
from keepopen.content.record import page_record
from keepopen.content.taxonomy_pages import anchor, taxonomy_markdown
from keepopen.content.timeline import timeline_markdown
from keepopen.content.usage import arguments_using

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"

_EVENT = """---
type: event
id: {id}
title: {title}
date: {date}
date_precision: {precision}
actor: OpenAI
models: [gpt-4.1]
kind: {kind}
happened: Something happened.
sources: [openai2024hello]
verification: primary
{extra}---

# {title}

Text [@openai2024hello].
"""


def _event(
    root: Path,
    page_id: str,
    date: str,
    *,
    precision: str = "day",
    kind: str = "policy",
    title: str = "An event",
    extra: str = "",
) -> None:
    text = _EVENT.format(
        id=page_id, title=title, date=date, precision=precision, kind=kind, extra=extra
    )
    (root / "docs/evidence/events" / f"{page_id}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(LIBRARY, tmp_path / "lib")
    for name in ("themes", "models"):  # the pages entries link their themes and models to
        page = f"---\ntype: page\nid: {name}\ntitle: {name}\n---\n\n# {name}\n"
        (tmp_path / f"lib/docs/evidence/{name}.md").write_text(page, encoding="utf-8")
    return tmp_path / "lib"


def _order(markdown: str, *ids: str) -> list[int]:
    return [markdown.index(f"events/{i}.md") for i in ids]


def test_timeline_groups_by_year_and_puts_a_month_only_event_after_the_dated_ones(root) -> None:
    _event(root, "2025-08-gpt-4o-restored", "2025-08-01", precision="month")
    _event(root, "2025-08-07-gpt-5-launch", "2025-08-07", kind="release")
    _event(root, "2025-09-02-later", "2025-09-02")
    listing = timeline_markdown("evidence/timeline.md", scan(root))
    assert listing.index("## 2024 { #year-2024 }") < listing.index("## 2025 { #year-2025 }")
    launch, restored, later = _order(
        listing, "2025-08-07-gpt-5-launch", "2025-08-gpt-4o-restored", "2025-09-02-later"
    )
    assert launch < restored < later
    assert "Aug 2025</time>" in listing and "7 Aug 2025</time>" in listing
    assert 'data-kind="release" data-models="gpt-4.1"' in listing
    assert "Sources: [@openai2024hello]" in listing
    assert "<table" not in listing


def test_timeline_marks_a_date_verified_less_well_than_the_event(root) -> None:
    _event(root, "2025-01-02-weak-date", "2025-01-02")
    library = scan(root)
    # Read from the front matter as written (i16a's schema adds the two fields).
    library.get("2025-01-02-weak-date").data.update(
        date_verification="secondary", date_note="Day from a press report."
    )
    listing = timeline_markdown("evidence/timeline.md", library)
    entry = listing[listing.index("2025-01-02") :]
    assert 'keepopen-verification--primary">primary<' in entry
    assert 'keepopen-verification--secondary">date: secondary<' in entry
    assert "Date: Day from a press report." in entry


def test_timeline_escapes_titles_and_offers_only_the_kinds_and_models_in_use(root) -> None:
    _event(root, "2025-01-02-odd", "2025-01-02", title='"A <b>bold</b> | title"')
    listing = timeline_markdown("evidence/timeline.md", scan(root))
    assert "<b>" not in listing and "&lt;b&gt;bold&lt;/b&gt; &#124; title" in listing
    options = listing[: listing.index("</div>")]
    assert 'data-value="policy"' in options and 'data-value="release"' in options
    assert 'data-value="retirement"' not in options
    assert 'data-option="model" data-value="gpt-4.1">GPT-4.1<' in options


def test_theme_and_model_pages_list_arguments_testimony_and_events(root) -> None:
    library = scan(root)
    themes = taxonomy_markdown("evidence/themes.md", library, "themes")
    openness = themes[themes.index("## Openness") : themes.index("## Continuity")]
    assert "*Arguments: 1 · Testimony: 0 · Events: 0*" in openness
    assert "[Keep it open](../arguments/keep-it-open.md)" in openness
    continuity = themes[themes.index("## Continuity") :]
    assert "(../testimony/quiet-loss.md)" in continuity
    assert "13 May 2024: [GPT-4o is released](events/2024-05-13-gpt-4o-release.md)" in continuity
    models = taxonomy_markdown("evidence/models.md", library, "models")
    assert "## GPT-4.1 { #gpt-4-1 }" in models
    gpt4o = models[models.index("## GPT-4o") : models.index("## GPT-4.1")]
    # Arguments name no model: they are listed through the evidence they rest on.
    assert "**Arguments (through the events and testimony they rest on)**" in gpt4o
    assert "(../arguments/keep-it-open.md)" in gpt4o
    assert anchor("gpt-4.1") == "gpt-4-1" and anchor("o3") == "o3"


def test_entries_link_their_themes_and_models_to_those_pages(root) -> None:
    library = scan(root)
    event = page_record(library.get("2024-05-13-gpt-4o-release"), library).facts
    assert "| Models | [GPT-4o](../models.md#gpt-4o) |" in event
    assert "| Themes | [Continuity](../themes.md#continuity) |" in event
    argument = page_record(library.get("keep-it-open"), library).facts
    assert "| Themes | [Openness](../evidence/themes.md#openness) |" in argument


def test_without_a_themes_or_models_page_the_labels_stay_plain(root) -> None:
    (root / "docs/evidence/themes.md").unlink()
    library = scan(root)
    event = page_record(library.get("2024-05-13-gpt-4o-release"), library).facts
    assert "| Themes | Continuity |" in event
    assert "| Models | [GPT-4o](../models.md#gpt-4o) |" in event


def test_events_and_testimony_say_which_arguments_cite_them(root) -> None:
    _event(root, "2025-01-02-unused", "2025-01-02")
    library = scan(root)
    using = arguments_using(library)
    assert [p.id for p in using["evidence/events/2024-05-13-gpt-4o-release.md"]] == ["keep-it-open"]
    cited = page_record(library.get("quiet-loss"), library).evidence
    assert cited.startswith("## Cited by")
    assert "- [Keep it open](../arguments/keep-it-open.md)" in cited
    unused = page_record(library.get("2025-01-02-unused"), library).evidence
    assert "No argument in the library rests on this event yet." in unused


def test_an_argument_linking_to_a_page_in_its_text_cites_it(root) -> None:
    _event(root, "2025-01-02-linked", "2025-01-02")
    path = root / "docs/arguments/keep-it-open.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nAlso [this](../evidence/events/2025-01-02-linked.md#x).\n", "utf-8")
    using = arguments_using(scan(root))
    assert [p.id for p in using["evidence/events/2025-01-02-linked.md"]] == ["keep-it-open"]


def test_evidence_overview_counts_and_names_thin_evidence(root) -> None:
    library = scan(root)
    overview = evidence_overview_markdown(
        "evidence/index.md", library, references=3, level_of={"openai2024hello": "secondary"}.get
    )
    assert "- **1** arguments" in overview and "- **1** testimony entries" in overview
    assert "- **3** references in the [bibliography](../reference/bibliography.md)" in overview
    row = next(line for line in overview.splitlines() if "keep-it-open" in line)
    assert row.split(" | ")[1:] == [
        "one event only, one testimony only, no primary source",
        *["1", "1", "1", "none", "1", "none |"],
    ]
    assert thin_spots(3, 2, 2, 4) == []
    assert thin_spots(0, 5, 1, 4) == ["no event", "mostly secondary sources"]


def test_markers_are_filled_and_other_pages_left_alone(root) -> None:
    library = scan(root)
    page = "# T\n\n<!-- keepopen:timeline -->\n\n<!-- keepopen:models -->\n"
    filled = with_generated(page, "evidence/timeline.md", library)
    assert "<!-- keepopen:" not in filled and "## 2024" in filled and "## GPT-4o" in filled
    plain = "# T\n\nNo markers.\n"
    assert with_generated(plain, "x.md", library) is plain


def test_cited_by_is_worked_out_once_per_library_not_once_per_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every event and testimony record asks who cites it; asking the whole library each time
    made a 2,000-testimony build quadratic (minutes instead of seconds)."""
    import keepopen.content.usage as usage

    calls = []
    real = usage._arguments_using

    def counting(library):  # type: ignore[no-untyped-def]
        calls.append(library)
        return real(library)

    monkeypatch.setattr(usage, "_arguments_using", counting)
    library = scan(LIBRARY)
    records = [
        page_record(page, library) for page in library if page.type in ("event", "testimony")
    ]
    assert len(records) >= 2 and all("## Cited by" in r.evidence for r in records)
    assert len(calls) == 1
