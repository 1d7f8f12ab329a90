"""The per-file cache: an unchanged `.bib` file is never parsed twice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from keepopen.bibliography import load_bibliography, loader

BIB = Path(__file__).resolve().parents[1] / "fixtures" / "bib"


@pytest.fixture
def refs(tmp_path: Path) -> Path:
    folder = tmp_path / "references"
    folder.mkdir()
    shutil.copy(BIB / "good" / "project.bib", folder / "project.bib")
    shutil.copy(BIB / "broken" / "dup_field.bib", folder / "z.bib")
    return folder


def _forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str, path: str) -> loader.FileResult:
        raise AssertionError(f"{path} was parsed although it did not change")

    monkeypatch.setattr(loader, "parse_bib_text", fail)


def test_second_load_parses_nothing(refs: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    _forbid_parsing(monkeypatch)
    second = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert second.entries == first.entries
    assert second.diagnostics == first.diagnostics  # cached problems are still reported
    assert second.formatted("lee_jones_2019") == first.formatted("lee_jones_2019")


def test_changed_file_is_parsed_again(refs: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    load_bibliography([refs], root=tmp_path, cache_dir=cache)
    project = refs / "project.bib"
    project.write_text(project.read_text().replace("Keeping Models Open", "Kept Open"))
    parsed: list[str] = []
    real = loader.parse_bib_text
    monkeypatch.setattr(
        loader, "parse_bib_text", lambda t, p, *a: parsed.append(p) or real(t, p, *a)
    )
    bib = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert parsed == ["references/project.bib"]  # only the changed file
    assert bib.entries["lee_jones_2019"].fields["title"] == "Kept Open"
    assert "Kept Open" in bib.formatted("lee_jones_2019").html


def test_same_content_under_another_name_keeps_its_own_path(refs: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_bibliography([refs / "z.bib"], root=tmp_path, cache_dir=cache)
    shutil.copy(refs / "z.bib", refs / "copy.bib")
    bib = load_bibliography([refs / "copy.bib"], root=tmp_path, cache_dir=cache)
    assert bib.entries["two_titles"].path == "references/copy.bib"
    assert bib.diagnostics[0].path == "references/copy.bib"


def test_corrupt_cache_is_a_miss(refs: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_bibliography([refs], root=tmp_path, cache_dir=cache)
    for slot in cache.iterdir():
        slot.write_bytes(b"not a pickle")
    bib = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert len(bib.entries) == 4


def test_a_check_caches_parsing_and_a_build_adds_the_formatting(refs: Path, tmp_path: Path) -> None:
    # `keepopen check` loads without formatting; the site build later formats from that cache
    # without parsing again, and stores the formatted entries for the next build.
    cache = tmp_path / "cache"
    checked = load_bibliography([refs], root=tmp_path, cache_dir=cache, formatted=False)
    assert checked.entries and not checked._formatted
    built = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert set(built._formatted) == set(built.entries)
    key = next(iter(checked.entries))
    assert checked.formatted(key) == built.formatted(key)  # formatted on demand, same result


def test_year_suffixed_entries_are_kept_between_runs(tmp_path: Path, monkeypatch) -> None:
    """Works sharing an author label and year (`Smith 2020a`, `2020b`) are formatted with their
    suffix once; a rebuild reads them from the cache, and an edit formats that entry again."""
    from keepopen.bibliography import model

    refs = tmp_path / "refs.bib"
    entry = (
        "@book{{{key},\n  author = {{Smith, Ann}},\n  title = {{{title}}},\n  year = {{2020}}\n}}\n"
    )
    refs.write_text(entry.format(key="a", title="Alpha") + entry.format(key="b", title="Beta"))
    cache = tmp_path / "cache"
    first = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert [first.formatted(k).year for k in "ab"] == ["2020a", "2020b"]
    made: list[str] = []
    real = model._format_entry  # the model's own formatting: labels with a year suffix
    monkeypatch.setattr(model, "_format_entry", lambda e, *a: made.append(e.key) or real(e, *a))
    again = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert [again.formatted(k) for k in "ab"] == [first.formatted(k) for k in "ab"]
    assert made == []
    refs.write_text(entry.format(key="a", title="Alpha") + entry.format(key="b", title="Gamma"))
    edited = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert "Gamma" in edited.formatted("b").text and edited.formatted("b").year == "2020b"
    assert "b" in made and "a" not in made  # only the changed entry is formatted again


def test_unchanged_files_give_their_year_suffixes_without_comparing_labels(
    tmp_path: Path, monkeypatch
) -> None:
    """The suffixes are kept by the files' fingerprint: a rebuild computes none, and any
    byte changed in a file computes them again."""
    from keepopen.bibliography import model

    refs = tmp_path / "refs.bib"
    entry = "@book{{{key},\n  author = {{Smith, Ann}},\n  title = {{{t}}},\n  year = {{2020}}\n}}\n"
    refs.write_text(entry.format(key="a", t="Alpha") + entry.format(key="b", t="Beta"))
    cache = tmp_path / "cache"
    first = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert [first.formatted(k).year for k in "ab"] == ["2020a", "2020b"]
    computed: list[int] = []
    real = model.year_suffixes
    monkeypatch.setattr(model, "year_suffixes", lambda *a: computed.append(1) or real(*a))
    again = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert [again.formatted(k) for k in "ab"] == [first.formatted(k) for k in "ab"]
    assert computed == []
    refs.write_text(entry.format(key="a", t="Alpha") + entry.format(key="c", t="Gamma"))
    edited = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert [edited.formatted(k).year for k in "ac"] == ["2020a", "2020b"]
    assert computed == [1]
    refs.write_text(entry.format(key="a", t="Alpha"))
    alone = load_bibliography([refs], root=tmp_path, cache_dir=cache)
    assert alone.formatted("a").year == "2020"  # no other Smith 2020 left: no suffix


def test_a_load_from_the_cache_imports_neither_parser_nor_formatter(tmp_path: Path) -> None:
    """bibtexparser and pybtex's formatter cost a build a tenth of a second to import; with
    every file in the cache, loading and formatting need neither."""
    refs = tmp_path / "refs.bib"
    refs.write_text("@book{a,\n  author = {Smith, Ann},\n  title = {Alpha},\n  year = {2020}\n}\n")
    cache = tmp_path / "cache"
    assert load_bibliography([refs], cache_dir=cache).formatted("a").year == "2020"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from keepopen.bibliography import load_bibliography\n"
        f"bib = load_bibliography([Path({str(refs)!r})], cache_dir=Path({str(cache)!r}))\n"
        "assert bib.formatted('a').year == '2020'\n"
        "print(sorted(m for m in ('bibtexparser', 'keepopen.bibliography.render') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
