"""Testimony listing pages: periods, page size, links and escaping, from small fixtures."""

from __future__ import annotations

from pathlib import Path

from keepopen.content.frontmatter import FrontMatter
from keepopen.content.library import LibraryPage
from keepopen.content.listing import (
    inline_markdown,
    listing_markdown,
    listing_pages,
    overview_markdown,
)


def _entry(name: str, start: object, title: str | None = None) -> LibraryPage:
    data = {"type": "testimony", "id": name, "title": title or name, "period": {"start": start}}
    front = FrontMatter(data=data)
    src = f"testimony/{name}.md"
    return LibraryPage(Path(src), f"docs/{src}", src, f"{src[:-3]}/", "", "", 1, front)


def test_pages_hold_at_most_per_page_entries_newest_period_first() -> None:
    entries = [_entry(f"a{i}", "2025-01") for i in range(5)] + [
        _entry("b", "2026"),
        _entry("c", None),
    ]
    pages = listing_pages(entries, per_page=2)
    assert [(p.src, len(p.entries)) for p in pages] == [
        ("testimony/period/2026.md", 1),
        ("testimony/period/2025.md", 2),
        ("testimony/period/2025-2.md", 2),
        ("testimony/period/2025-3.md", 1),
        ("testimony/period/undated.md", 1),
    ]
    assert pages[2].title == "Testimony: accounts from 2025, page 2 of 3"


def test_overview_links_every_listing_page_from_the_testimony_page() -> None:
    pages = listing_pages([_entry(f"a{i}", "2025-01") for i in range(3)], per_page=2)
    overview = overview_markdown(pages, "testimony/index.md")
    assert "[1](period/2025.md) · [2](period/2025-2.md)" in overview
    assert "| 3 |" in overview


def test_listing_links_entries_relative_to_itself_and_escapes_titles() -> None:
    entries = [_entry("x", "2025", title="A | <b>bold</b> [title]")]
    pages = listing_pages(entries)
    text = listing_markdown(pages[0], pages, entries)
    assert '<a href="../../x/">' in text  # raw HTML: the built URL, not the .md path
    assert "<b>" not in text and "A | &lt;b&gt;bold&lt;/b&gt; [title]" in text
    assert "search:\n  exclude: true" in text


def test_inline_listing_has_every_entry_under_its_period() -> None:
    text = inline_markdown([_entry("x", "2025"), _entry("y", "2024")])
    assert text.index("2025") < text.index("2024")
    assert 'href="x/"' in text and 'href="y/"' in text


def test_topic_listings_hold_each_account_under_every_theme_and_model_it_names() -> None:
    from keepopen.content.library import scan
    from keepopen.content.listing import topic_listing_pages

    library = scan(Path(__file__).parents[2])
    pages = topic_listing_pages(library, per_page=2)
    listed = {(p.kind, p.group, e.src) for p in pages for e in p.entries}
    expected = {
        (kind, vocab_id, entry.src)
        for entry in library.of_type("testimony")
        if entry.src != "testimony/index.md"
        for kind in ("theme", "model")
        for vocab_id in entry.data.get(f"{kind}s") or []
    }
    assert listed == expected and all(len(p.entries) <= 2 for p in pages)
    many = next(p for p in pages if p.of > 1 and p.number == 2)
    assert many.src.endswith("-2.md") and many.title.endswith(f", page 2 of {many.of}")
    text = listing_markdown(many, pages, library)
    where = "themes" if many.kind == "theme" else "models"
    assert f"../../evidence/{where}.md#" in text and "search:\n  exclude: true" in text


def test_theme_sections_link_listing_pages_instead_of_every_account() -> None:
    from keepopen.content.library import scan
    from keepopen.content.listing import topic_listing_pages
    from keepopen.content.taxonomy_pages import taxonomy_markdown

    library = scan(Path(__file__).parents[2])
    topics: dict[tuple[str, str], list[str]] = {}
    for page in topic_listing_pages(library):
        topics.setdefault((page.kind, page.group), []).append(page.src)
    inline = taxonomy_markdown("evidence/themes.md", library, "themes")
    linked = taxonomy_markdown("evidence/themes.md", library, "themes", topics)
    assert "../testimony/theme/continuity.md" in linked
    entry = next(p for p in library.of_type("testimony") if "continuity" in p.data["themes"])
    assert f"../{entry.src}" in inline and f"../{entry.src}" not in linked
