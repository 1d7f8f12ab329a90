"""Issue 17.5-6 on the built site: the generated timeline keeps every event the hand-written
table listed, theme and model pages exist and are linked, events and testimony say which
arguments cite them, and the Evidence landing page is an overview."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from keepopen.content.library import scan
from keepopen.content.taxonomy_pages import anchor

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
#: The timeline table as editors last wrote it by hand, before it was generated.
TABLE = ROOT / "tests/fixtures/timeline/table-before-generation.md"
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_ENTRY = re.compile(r'<li class="keepopen-timeline__event[^"]*"(.*?)</li>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _article(built_site: Path, url: str) -> str:
    page = (built_site / url / "index.html").read_text(encoding="utf-8")
    found = _ARTICLE.search(page)
    assert found, f"/{url}: no article"
    return found.group(1)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _table_rows() -> list[dict[str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        date, event, actor, kind, sources, verification = cells
        title, target = re.fullmatch(r"\[(.*)\]\(events/(.*)\.md\)", event).groups()
        keys = re.findall(r"@([\w:.-]+)", sources)
        row = dict(date=date, title=title, slug=target, actor=actor, kind=kind)
        rows.append({**row, "verification": verification, "keys": " ".join(keys)})
    return rows


def test_every_row_of_the_old_table_is_in_the_generated_timeline(built_site: Path) -> None:
    article = _article(built_site, "evidence/timeline/")
    assert "<table" not in article.split("keepopen-timeline", 1)[1].split("fact check")[0]
    entries = {}
    for entry in _ENTRY.findall(article):
        slug = re.search(r'href="\.\./events/([^"/]+)/"', entry).group(1)
        entries[slug] = entry
    rows = _table_rows()
    assert len(rows) == 28
    for row in rows:
        entry = entries.get(row["slug"])
        assert entry is not None, f"{row['title']} ({row['slug']}) is missing from the timeline"
        text = _text(entry.split(">", 1)[1])
        assert text.startswith(row["date"] + " "), f"{row['slug']}: date is not {row['date']}"
        for field in ("title", "actor", "kind", "verification"):
            assert row[field] in text, f"{row['slug']}: {field} {row[field]!r} not shown"
        cited = re.search(r'data-cites="([^"]*)"', entry).group(1).split()
        # An event may have gained sources since the table was frozen, never lost one.
        lost = set(row["keys"].split()) - set(cited)
        assert not lost, f"{row['slug']}: sources {sorted(lost)} no longer shown"
        assert f'data-kind="{row["kind"]}"' in entry


def test_timeline_is_grouped_by_year_and_loads_only_its_own_script(built_site: Path) -> None:
    page = (built_site / "evidence/timeline/index.html").read_text(encoding="utf-8")
    years = re.findall(r'<h2 id="year-(\d{4})"', page)
    assert years == sorted(years) and {"2020", "2024", "2025", "2026"} <= set(years)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert any('src="../../assets/timeline.js"' in s for s in scripts)
    data = ("application/ld+json", "application/json")  # data blocks, never run
    assert all(" src=" in s or any(d in s for d in data) for s in scripts), "inline script"
    assert (built_site / "assets/timeline.js").is_file()
    # Without JavaScript the filter's option list stays hidden, never a dead control.
    assert '<div class="keepopen-timeline-filter" hidden>' in page


@pytest.mark.parametrize("field", ["themes", "models"])
def test_each_theme_and_model_has_a_section_with_its_entries(built_site: Path, field) -> None:
    library = scan(ROOT)
    vocab = library.themes if field == "themes" else library.models
    article = _article(built_site, f"evidence/{field}/")
    for vocab_id in vocab.ids:
        assert f'id="{anchor(vocab_id)}"' in article, f"{field}: no section for {vocab_id}"
    for page in library.pages:
        for vocab_id in getattr(page.model, field, None) or []:
            section = article.split(f'id="{anchor(vocab_id)}"', 1)[1].split("<h2", 1)[0]
            if page.type == "testimony":
                # Testimony is listed on the id's listing pages, which the section links.
                folder = f"testimony/{field[:-1]}/"
                listings = re.findall(rf'href="\.\./\.\./({folder}[^"#]*)"', section)
                assert listings, f"{field}: {vocab_id} links no testimony listing"
                section = " ".join(_article(built_site, url) for url in listings)
            assert f"/{page.url}" in section or page.url.rstrip("/").split("/")[-1] in section, (
                f"{page.src} names {field} {vocab_id} but is not listed there"
            )


def test_entries_link_their_themes_and_models(built_site: Path) -> None:
    article = _article(built_site, "evidence/events/2025-08-gpt-4o-restored/")
    assert 'href="../../themes/#continuity"' in article
    assert 'href="../../models/#gpt-4o"' in article
    argument = _article(built_site, "arguments/openness-beyond-weights/")
    assert 'href="../../evidence/themes/#openness"' in argument


def test_events_and_testimony_show_cited_by(built_site: Path) -> None:
    event = _article(built_site, "evidence/events/2025-08-07-gpt-5-launch/")
    cited = event.split('id="cited-by"', 1)[1].split("<h2", 1)[0]
    assert "../../../arguments/" in cited
    for page in scan(ROOT).of_type("testimony"):
        assert 'id="cited-by"' in _article(built_site, page.url), f"{page.src}: no Cited by"


def test_evidence_landing_page_is_an_overview(built_site: Path) -> None:
    article = _article(built_site, "evidence/")
    text = _text(article)
    library = scan(ROOT)
    events = len(library.of_type("event"))
    assert f"{events} timeline events" in text
    assert "Thin spots" in text and "<table" in article
    for page in library.of_type("argument"):
        assert f'href="../{page.url}"' in article, f"{page.src} missing from the evidence map"
