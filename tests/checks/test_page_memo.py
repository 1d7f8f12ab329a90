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
