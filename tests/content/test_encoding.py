"""Files that are not UTF-8 are reported with their name, line and column; nothing crashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import build_site

from keepopen.cli import main
from keepopen.content.textfile import NotUtf8Error, UnreadableFileError, read_text

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"
PAGE = "docs/arguments/keep-it-open.md"
MKDOCS_YML = """\
site_name: Fixture
site_url: https://example.org/
docs_dir: docs
plugins:
  - keepopen:
      check: {check}
"""


def latin1_library(root: Path) -> Path:
    """The clean fixture library with one page saved as Latin-1 (an `é` on line 4)."""
    shutil.copytree(LIBRARY, root)
    page = root / PAGE
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[3].startswith("title: ")
    lines[3] = lines[3].rstrip("\n") + " (café)\n"
    page.write_bytes("".join(lines).encode("latin-1"))
    return root


def test_read_text_names_line_column_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes("line one\nnaïve \xe9 here\n".encode().replace(b"\xc3\xa9", b"\xe9"))
    with pytest.raises(NotUtf8Error) as info:
        read_text(path)
    # Column counts characters: the `ï` before the bad byte is one column, not two bytes.
    assert (info.value.line, info.value.col, info.value.byte) == (2, 7, 0xE9)
    assert info.value.message == "file is not UTF-8 text (bad byte 0xE9 at line 2, col 7)"


def test_read_text_drops_a_bom_and_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\na: 1\r\n")
    assert read_text(path) == "---\na: 1\n"


def test_a_scan_with_a_memo_reads_pages_as_read_text_does(tmp_path: Path) -> None:
    """The memo reads each page's bytes once and decodes those: same text, same problems."""
    from keepopen.content.library import scan

    root = latin1_library(tmp_path / "lib")
    crlf = root / "docs" / "crlf.md"
    crlf.write_bytes(b"\xef\xbb\xbf---\r\ntype: argument\r\n---\r\nBody\r\n")
    plain, memo = scan(root), scan(root, memo={})
    assert [(p.src, p.text) for p in memo] == [(p.src, p.text) for p in plain]
    assert memo.by_src()["crlf.md"].text == "---\ntype: argument\n---\nBody\n"
    assert [d.format() for d in memo.diagnostics] == [d.format() for d in plain.diagnostics]
    assert any(d.code == "ENC001" and d.line == 4 for d in memo.diagnostics)


def test_read_text_of_a_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError):
        read_text(tmp_path)


def test_check_reports_a_latin1_page_with_file_and_line(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(latin1_library(tmp_path / "lib"))
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    [line] = [x for x in out if "ENC001" in x]
    assert line.startswith(f"{PAGE}:4:")
    assert "file is not UTF-8 text (bad byte 0xE9 at line 4" in line
    assert "save the file as UTF-8" in line


def test_check_reports_a_latin1_taxonomy(tmp_path, monkeypatch, capsys) -> None:
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    themes = root / "taxonomies" / "themes.yml"
    themes.write_bytes(themes.read_bytes() + "- id: caf\xe9\n".encode("latin-1"))
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "taxonomies/themes.yml:" in out and "ENC001" in out


@pytest.mark.parametrize("check", ["true", "false"])
def test_strict_build_names_the_file_without_a_traceback(tmp_path: Path, check: str) -> None:
    root = latin1_library(tmp_path / "lib")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(check=check), encoding="utf-8")
    result = build_site(root / "mkdocs.yml", root / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "UnicodeDecodeError" not in output
    assert f"{PAGE}:4:" in output and "ENC001 file is not UTF-8 text" in output
