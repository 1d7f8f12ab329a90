"""The docs scan behind the global bibliography: order-free, refreshed when a file changes."""

from __future__ import annotations

import os
from pathlib import Path

from keepopen.citations.site import CitationIndex, page_title


def _write(path: Path, text: str, mtime: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


def test_backlinks_do_not_depend_on_file_order(tmp_path: Path) -> None:
    _write(tmp_path / "b.md", "---\ntitle: Bee\n---\n[@x] and @y", 1)
    _write(tmp_path / "a.md", "# Ay\n\nSee [@x].\n\n```\n[@z]\n```\n", 1)
    forward, backward = CitationIndex(), CitationIndex()
    forward.update({"a.md": tmp_path / "a.md", "b.md": tmp_path / "b.md"})
    backward.update({"b.md": tmp_path / "b.md", "a.md": tmp_path / "a.md"})
    for index in (forward, backward):
        links = {k: [(p.src_uri, p.title) for p in v] for k, v in index.backlinks().items()}
        assert links == {"x": [("a.md", "Ay"), ("b.md", "Bee")], "y": [("b.md", "Bee")]}


def test_changed_files_are_rescanned_and_removed_ones_forgotten(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    _write(page, "[@x]", 1_000)
    index = CitationIndex()
    index.update({"a.md": page})
    assert index.pages["a.md"].keys == ["x"]
    _write(page, "[@y]", 2_000)
    index.update({"a.md": page})
    assert index.pages["a.md"].keys == ["y"]
    index.update({})
    assert index.pages == {}


def test_page_title_prefers_front_matter() -> None:
    assert page_title("---\ntitle: 'Quoted'\n---\n# Heading", "x.md") == "Quoted"
    assert page_title("# Heading\n", "x.md") == "Heading"
    assert page_title("text", "x.md") == "x.md"


def test_a_new_process_rescans_only_files_whose_bytes_changed(tmp_path: Path, monkeypatch) -> None:
    from keepopen.citations import site

    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    _write(docs / "a.md", "[@x]", 1_000)
    _write(docs / "b.md", "[@y]", 1_000)
    files = {"a.md": docs / "a.md", "b.md": docs / "b.md"}
    CitationIndex(cache_dir=cache).update(files)

    scanned: list[str] = []
    real = site.find_citations
    monkeypatch.setattr(site, "find_citations", lambda text: scanned.append(text) or real(text))
    _write(docs / "a.md", "[@x]", 5_000)  # touched, same bytes: taken from the cache
    _write(docs / "b.md", "[@z]", 5_000)
    index = CitationIndex(cache_dir=cache)  # as a new `mkdocs build` would
    index.update(files)
    assert scanned == ["[@z]"]
    assert {uri: p.keys for uri, p in index.pages.items()} == {"a.md": ["x"], "b.md": ["z"]}
    scanned.clear()
    CitationIndex(cache_dir=cache).update(files)
    assert scanned == []
