"""`keepopen refs fmt [FILE...] [--check]` on real files in a temporary repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keepopen.cli import main

BIB = Path(__file__).resolve().parents[1] / "fixtures" / "bib"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    refs = tmp_path / "references"
    refs.mkdir()
    shutil.copy(BIB / "good" / "zotero.bib", refs / "zotero.bib")
    shutil.copy(BIB / "good" / "project.bib", refs / "project.bib")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_reports_then_fmt_rewrites_then_nothing_to_do(repo: Path, capsys) -> None:
    assert main(["refs", "fmt", "--check"]) == 1
    # project.bib is already in the canonical layout.
    assert capsys.readouterr().out == "would reformat references/zotero.bib\n"
    before = (repo / "references" / "zotero.bib").read_bytes()
    assert main(["refs", "fmt"]) == 0
    assert capsys.readouterr().out == "reformatted references/zotero.bib\n"
    after = (repo / "references" / "zotero.bib").read_bytes()
    assert after != before
    assert after.startswith(b"@article{garcia_model_2022,\n  author       = {Garc")
    assert main(["refs", "fmt", "--check"]) == 0
    assert main(["refs", "fmt"]) == 0
    assert capsys.readouterr().out == ""
    assert (repo / "references" / "zotero.bib").read_bytes() == after  # byte-identical


def test_named_file_crlf_and_bom_count_as_changes(repo: Path, capsys) -> None:
    path = repo / "references" / "crlf.bib"
    path.write_bytes(b"\xef\xbb\xbf@misc{a,\r\n  title        = {T}\r\n}\r\n")
    assert main(["refs", "fmt", "--check", str(path)]) == 1
    assert main(["refs", "fmt", str(path)]) == 0
    assert path.read_bytes() == b"@misc{a,\n  title        = {T}\n}\n"


def test_unreadable_file_is_left_untouched(repo: Path, capsys) -> None:
    broken = repo / "references" / "unclosed.bib"
    shutil.copy(BIB / "broken" / "unclosed.bib", broken)
    before = broken.read_bytes()
    assert main(["refs", "fmt", "references/unclosed.bib"]) == 1
    assert broken.read_bytes() == before
    assert capsys.readouterr().out.splitlines() == [
        "references/unclosed.bib:7:1: BIB001 this block cannot be read, so the file was not "
        "formatted (fix: run `keepopen check` and fix the block first)",
        "references/unclosed.bib:18:1: BIB001 this block cannot be read, so the file was not "
        "formatted (fix: run `keepopen check` and fix the block first)",
    ]


def test_missing_file_is_a_usage_error(repo: Path, capsys) -> None:
    assert main(["refs", "fmt", "nope.bib"]) == 2
    assert "no such file: nope.bib" in capsys.readouterr().err
