"""A changed .bib entry names the pages to render again, and only those."""

from __future__ import annotations

from pathlib import Path

from keepopen.bibliography import Bibliography
from keepopen.bibliography.entry import Entry
from keepopen.content.library import scan
from keepopen.incremental import changed_keys, entry_fingerprints, pages_citing


def _bib(**titles: str) -> Bibliography:
    return Bibliography(
        entries={
            k: Entry(k, "misc", {"title": t}, "references/a.bib", 1) for k, t in titles.items()
        }
    )


def test_changed_keys_are_the_added_removed_and_edited_entries() -> None:
    before = entry_fingerprints(_bib(a="A", b="B", c="C"))
    after = entry_fingerprints(_bib(a="A", b="B2", d="D"))
    assert changed_keys(before, after) == {"b", "c", "d"}
    assert changed_keys(before, before) == set()


def test_pages_citing_a_changed_key_and_the_bibliography_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = {
        "cites.md": "As [@smith2020] says.",
        "other.md": "As [@jones2021] says.",
        "all.md": "<!-- keepopen:bibliography -->",
    }
    for name, body in pages.items():
        (docs / name).write_text(f"---\ntype: page\nid: {name[:-3]}\ntitle: T\n---\n\n{body}\n")
    library = scan(tmp_path)
    assert sorted(pages_citing({"smith2020"}, library)) == ["all.md", "cites.md"]
    assert pages_citing(set(), library) == []
