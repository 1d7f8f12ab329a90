"""Page-local check rules run again only over pages whose text changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from keepopen.checks.memo import PageResults
from keepopen.checks.placeholders import check_placeholders
from keepopen.content.library import Library, scan


def _library(tmp_path: Path, pages: dict[str, str]) -> Library:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, body in pages.items():
        (docs / name).write_text(f"---\ntype: page\nid: {name[:-3]}\ntitle: T\n---\n\n{body}\n")
    return scan(tmp_path)


def test_unchanged_pages_are_not_checked_again(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def rule(library: Library):
        seen.append([p.src for p in library])
        return check_placeholders(library)

    memo = PageResults()
    library = _library(tmp_path, {"a.md": "TODO write", "b.md": "done"})
    first = memo.run(rule, library)
    assert [d.path for d in first] == ["docs/a.md"]
    again = memo.run(rule, library)
    assert again == first and seen == [["a.md", "b.md"]]
    edited = _library(tmp_path, {"a.md": "written", "b.md": "TODO now"})
    assert [d.path for d in memo.run(rule, edited)] == ["docs/b.md"]
    assert seen[-1] == ["a.md", "b.md"]
    same_b = dataclasses.replace(edited, pages=edited.pages)
    memo.run(rule, same_b)
    assert len(seen) == 2


def test_results_survive_in_the_cache_folder(tmp_path: Path) -> None:
    library = _library(tmp_path, {"a.md": "TODO write"})
    cache = tmp_path / "cache"
    first = PageResults(cache)
    found = first.run(check_placeholders, library)
    first.save()
    calls = []

    def rule(lib: Library):
        calls.append(lib)
        return check_placeholders(lib)

    rule.__module__, rule.__qualname__ = check_placeholders.__module__, "check_placeholders"
    assert PageResults(cache).run(rule, library) == found
    assert not calls


def test_link_findings_follow_the_pages_they_point_into(tmp_path: Path) -> None:
    """A kept link result is dropped when its target's anchors or the files under docs/ change,
    though the linking page itself did not."""
    from keepopen.checks.links import check_links

    memo: dict = {}
    pages = {"a.md": "[to b](b.md#intro) and [c](c.md)", "b.md": "## Intro", "c.md": "C"}
    library = _library(tmp_path, pages)
    assert check_links(library, memo) == []
    calls: list[str] = []
    import keepopen.checks.links as links

    real = links._check_page
    links._check_page = lambda page, *a: calls.append(page.src) or real(page, *a)
    try:
        assert check_links(_library(tmp_path, pages), memo) == [] and calls == []
        renamed = _library(tmp_path, {**pages, "b.md": "## Overview"})
        found = check_links(renamed, memo)
        assert [(d.code, d.path) for d in found] == [("LNK002", "docs/a.md")]
        assert sorted(calls) == ["a.md", "b.md"]  # b changed; a reads b's anchors
        (tmp_path / "docs" / "c.md").unlink()
        calls.clear()
        gone = check_links(_library(tmp_path, {"a.md": pages["a.md"], "b.md": "## Intro"}), memo)
        assert [(d.code, d.path) for d in gone] == [("LNK001", "docs/a.md")]
        assert check_links(scan(tmp_path)) == gone  # the same as without a memo
    finally:
        links._check_page = real
