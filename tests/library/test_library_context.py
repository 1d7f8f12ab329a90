"""One library context (issue 13): one answer to "which `.bib` files", one scan and one
bibliography load per build, and a nested `.bib` file that every tool agrees on."""

from __future__ import annotations

import functools
import gc
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from tests.citepage.conftest import make_library

from keepopen.cli import main
from keepopen.settings import LibrarySettings, SettingsError

NESTED_BIB = """\
@misc{nested2026,
  title        = {A report kept in a subfolder},
  author       = {{Nested Institute}},
  year         = {2026},
  url          = {https://example.org/nested},
  verification = {secondary}
}
"""


def _clean_library(target: Path) -> Path:
    """The citepage fixture library, its one unchecked reference given a verification."""
    root = make_library(target)
    bib = root / "references" / "sample.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(
        text.replace(
            "doi         = {10.1234/example}",
            "doi = {10.1234/example},\n  verification = {primary}",
        ),
        encoding="utf-8",
    )
    return root


def _with_check(root: Path) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "bibliography: [references/]", "bibliography: [references/]\n      check: true"
        ),
        encoding="utf-8",
    )
    return config


def _count_calls(monkeypatch: pytest.MonkeyPatch, module_name: str, name: str) -> list[tuple]:
    """Wrap `module_name.name` wherever a loaded keepopen module holds it; log each call."""
    original: Callable = getattr(importlib.import_module(module_name), name)
    calls: list[tuple] = []

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    for loaded, module in list(sys.modules.items()):
        if loaded.split(".")[0] == "keepopen" and getattr(module, name, None) is original:
            monkeypatch.setattr(module, name, counted)
    return calls


@pytest.fixture
def nested_library(tmp_path: Path) -> Path:
    """The fixture library with `references/extra/nested.bib`, cited on an argument page."""
    root = _clean_library(tmp_path / "lib")
    (root / "references" / "extra").mkdir()
    (root / "references" / "extra" / "nested.bib").write_text(NESTED_BIB, encoding="utf-8")
    page = root / "docs" / "arguments" / "continuity-matters.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nA report in a subfolder says so too [@nested2026].\n", "utf-8")
    return root


def test_bib_files_are_found_in_subfolders_sorted_and_in_source_order(tmp_path: Path) -> None:
    for name in ("refs/b.bib", "refs/a.bib", "refs/sub/c.bib", "refs/notes.txt", "more/d.bib"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - keepopen:\n      bibliography: [more/d.bib, refs/]\n", encoding="utf-8"
    )
    files = LibrarySettings.from_mkdocs_yml(tmp_path).bib_files()
    shown = [f.relative_to(tmp_path.resolve()).as_posix() for f in files]
    assert shown == ["more/d.bib", "refs/a.bib", "refs/b.bib", "refs/sub/c.bib"]


def test_folders_and_cache_come_from_the_keepopen_block(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - keepopen:\n      forums: profiles\n      taxonomies: vocab\n"
        "      cache_dir: build/cache\n",
        encoding="utf-8",
    )
    s = LibrarySettings.from_mkdocs_yml(tmp_path)
    root = tmp_path.resolve()
    assert (s.forums_dir, s.taxonomies_dir, s.cache_dir) == (
        root / "profiles",
        root / "vocab",
        root / "build/cache",
    )
    defaults = LibrarySettings.from_mkdocs_yml(tmp_path / "elsewhere")
    assert defaults.forums_dir.name == "forums" and defaults.taxonomies_dir.name == "taxonomies"


def test_mkdocs_yml_is_read_with_the_bounded_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("a: &x [1]\nb: *x\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="anchor"):
        LibrarySettings.from_mkdocs_yml(tmp_path)
    assert main(["check", "--root", str(tmp_path)]) == 2  # a message naming the file
    assert "mkdocs.yml:1:4:" in capsys.readouterr().err


def test_a_build_with_check_scans_once_and_loads_the_bibliography_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _clean_library(tmp_path / "lib")
    config = _with_check(root)
    import keepopen.mkdocs_plugin.plugin  # noqa: F401 - every importer is loaded before wrapping

    scans = _count_calls(monkeypatch, "keepopen.content.library", "scan")
    loads = _count_calls(monkeypatch, "keepopen.bibliography", "load_bibliography")
    build(load_config(str(config), site_dir=str(root / "site")))
    assert (root / "site" / "arguments" / "continuity-matters" / "cite.bib").is_file()
    assert (root / "site" / "data" / "references.json").is_file()
    assert len(scans) == 1, scans
    assert len(loads) == 1, loads


def test_a_nested_bib_file_passes_check_build_and_export(
    nested_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = nested_library
    assert main(["check", "--root", str(root)]) == 0, capsys.readouterr().out
    assert "nested2026" not in capsys.readouterr().out  # neither unknown nor uncited

    config = _with_check(root)
    build(load_config(str(config), site_dir=str(root / "site"), strict=True))
    page = (root / "site" / "arguments" / "continuity-matters" / "index.html").read_text("utf-8")
    assert 'id="ref-nested2026"' in page

    out = tmp_path / "data"
    assert main(["export", "data", "--root", str(root), "--out", str(out)]) == 0
    keys = {item["id"] for item in json.loads((out / "references.json").read_text("utf-8"))}
    assert keys == {"sample2026", "another2025", "nested2026"}
    assert "@misc{nested2026," in (out / "references.bib").read_text("utf-8")


def test_refs_fmt_formats_the_files_the_build_reads(
    nested_library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(nested_library / "docs")  # the library is found from inside it
    (nested_library / "references" / "extra" / "nested.bib").write_text(
        NESTED_BIB.replace("  title        =", "title="), encoding="utf-8"
    )
    assert main(["refs", "fmt", "--check"]) == 1
    assert "references/extra/nested.bib" in capsys.readouterr().out


def test_the_library_loads_without_collections_and_collection_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keepopen.context import LibraryContext

    root = _clean_library(tmp_path / "lib")
    collecting: list[bool] = []
    real = LibraryContext.bib.func  # type: ignore[attr-defined]

    def bib(self):
        collecting.append(gc.isenabled())
        return real(self)

    monkeypatch.setattr(LibraryContext, "bib", functools.cached_property(bib))
    monkeypatch.setattr(LibraryContext.bib, "attrname", "bib", raising=False)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    assert collecting == [False]
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had turned collection off keeps it off
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_freezes_what_it_loaded_and_thaws_it_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _clean_library(tmp_path / "lib")
    config = _with_check(root)
    frozen: list[int] = []
    real = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(gc.get_freeze_count()) or real())
    build(load_config(str(config), site_dir=str(root / "site")))
    assert len(frozen) == 1  # once, before the pages render
    assert gc.get_freeze_count() == 0  # thawed: a process that builds again collects as before
