"""Loading `.bib` files: entries with their lines, and every problem as an exact diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

from keepopen.bibliography import Bibliography, load_bibliography

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "tests" / "fixtures" / "bib"


def lines(bib: Bibliography) -> list[str]:
    return [d.format() for d in sorted(bib.diagnostics)]


@pytest.fixture(scope="module")
def good() -> Bibliography:
    return load_bibliography([BIB / "good"], root=ROOT)


def test_folder_loads_every_bib_file_sorted(good: Bibliography) -> None:
    assert good.files == [
        "tests/fixtures/bib/good/betterbiblatex.bib",
        "tests/fixtures/bib/good/project.bib",
        "tests/fixtures/bib/good/zotero.bib",
    ]
    assert len(good.entries) == 16
    assert good.diagnostics == []


def test_entry_interface(good: Bibliography) -> None:
    entry = good.get("rivera2021_open_weights")
    assert entry is not None
    assert entry.type == "article"
    assert entry.path == "tests/fixtures/bib/good/project.bib"
    assert entry.line == 6
    assert entry.field_lines["title"] == 8
    assert entry.field_lines["verification"] == 17
    assert entry.verification == "primary"
    # Braces and quotes are removed, LaTeX is kept for the formatter.
    assert entry.fields["title"] == (
        r"Open Weights and the {NASA} Problem: \emph{continuity} in $\alpha$-tests"
    )
    assert good.get("nope") is None


def test_macros_and_months_are_resolved(good: Bibliography) -> None:
    assert good.entries["lee_jones_2019"].fields["publisher"] == "Keep Open Press"
    assert good.entries["garcia_model_2022"].fields["month"] == "March"


def test_type_and_field_names_are_lower_case(good: Bibliography) -> None:
    entry = good.entries["chenEvaluatingRetiredModels2023"]
    assert entry.type == "inproceedings"
    assert set(entry.fields) >= {"title", "booktitle", "author", "date", "eventtitle"}


def test_suggest_closest_keys(good: Bibliography) -> None:
    assert good.suggest("rivera2021_open_weight") == ["rivera2021_open_weights"]
    assert good.suggest("LEE_JONES_2019")[0] == "lee_jones_2019"
    assert good.suggest("zzzzzz") == []


def test_unclosed_brace_is_reported_and_the_rest_still_loads() -> None:
    bib = load_bibliography([BIB / "broken" / "unclosed.bib"], root=ROOT)
    assert sorted(bib.entries) == ["after_unclosed", "before_unclosed"]
    assert lines(bib) == [
        "tests/fixtures/bib/broken/unclosed.bib:7:1: BIB001 `@misc{unclosed_title,` is not "
        'closed: a `}` or `"` is missing before line 11 (fix: close every `{` with `}` (count '
        "them in the entry) and end it with `}`)",
        "tests/fixtures/bib/broken/unclosed.bib:18:1: BIB001 `@misc{runs_to_eof,` is not closed "
        "before the end of the file (fix: close every `{` with `}` (count them in the entry) and "
        "end it with `}`)",
    ]


def test_duplicate_keys_within_and_across_files() -> None:
    bib = load_bibliography([BIB / "broken" / "dup_a.bib", BIB / "broken" / "dup_b.bib"], root=ROOT)
    assert bib.entries["shared_key"].fields["title"] == "First definition"
    assert bib.entries["local_twice"].fields["title"] == "One"
    assert lines(bib) == [
        "tests/fixtures/bib/broken/dup_b.bib:2:1: BIB002 key `shared_key` is already used "
        "(tests/fixtures/bib/broken/dup_a.bib, line 1); this entry is ignored (fix: give this "
        "entry a different key, or merge it into the first)",
        "tests/fixtures/bib/broken/dup_b.bib:14:1: BIB002 key `local_twice` is already used "
        "(line 8); this entry is ignored (fix: give this entry a different key, or merge it "
        "into the first)",
    ]


def test_duplicate_field_names_the_second_line() -> None:
    bib = load_bibliography([BIB / "broken" / "dup_field.bib"], root=ROOT)
    assert bib.entries["two_titles"].fields["title"] == "The first title"
    assert lines(bib) == [
        "tests/fixtures/bib/broken/dup_field.bib:4:1: BIB003 field `title` appears twice in "
        "`two_titles` (first on line 2); the first value is used (fix: merge the two `title` "
        "fields into one)"
    ]


def test_undefined_macro_and_redefined_macro(tmp_path: Path) -> None:
    bib_file = tmp_path / "m.bib"
    bib_file.write_text(
        "@string{pub = {A}}\n@string{PUB = {B}}\n"
        "@misc{k,\n  publisher = pub # { and } # nowhere,\n  month = sep\n}\n",
        encoding="utf-8",
    )
    bib = load_bibliography([bib_file], root=tmp_path)
    assert bib.entries["k"].fields == {"publisher": "B and nowhere", "month": "September"}
    assert [(d.line, d.code, d.severity.value) for d in sorted(bib.diagnostics)] == [
        (2, "BIB005", "warning"),
        (4, "BIB004", "error"),
    ]


def test_missing_source_and_non_utf8_file(tmp_path: Path) -> None:
    latin = tmp_path / "latin.bib"
    latin.write_bytes(b"@misc{a,\n  title = {Caf\xe9}\n}\n")
    bib = load_bibliography([tmp_path / "absent", latin], root=tmp_path)
    assert bib.entries == {}
    assert lines(bib) == [
        f"{(tmp_path / 'absent').as_posix()}:0:0: BIB006 bibliography source not found (fix: "
        "create the file or folder, or fix the `bibliography` setting)",
        "latin.bib:2:1: BIB006 the file is not UTF-8 text (fix: save the file as UTF-8 "
        "(Zotero: Export with 'Unicode (UTF-8)'))",
    ]


def test_parsing_never_logs_or_raises(caplog: pytest.LogCaptureFixture) -> None:
    bib = load_bibliography([BIB / "broken"], root=ROOT)
    assert bib.entries  # the readable entries of all broken files are there
    assert not [r for r in caplog.records if r.name.startswith("bibtexparser")]


def test_lines_stay_right_after_a_backslash_at_line_end(tmp_path: Path) -> None:
    # bibtexparser itself loses count after `\\` + newline; our lines must not.
    bib_file = tmp_path / "b.bib"
    bib_file.write_text(
        "@misc{a,\n  abstract = {one \\\\\n two},\n  title = {x},\n  title = {y}\n}\n"
        "@misc{b,\n  title = {z}\n}\n",
        encoding="utf-8",
    )
    bib = load_bibliography([bib_file], root=tmp_path)
    assert bib.entries["a"].field_lines == {"abstract": 2, "title": 4}
    assert (bib.entries["b"].line, bib.entries["b"].field_lines["title"]) == (7, 8)
    assert [(d.line, d.code) for d in bib.diagnostics] == [(5, "BIB003")]


def test_keys_differing_only_in_case_warn(tmp_path: Path) -> None:
    bib_file = tmp_path / "c.bib"
    bib_file.write_text("@misc{smith2020, title={a}}\n\n@misc{Smith2020, title={b}}\n")
    bib = load_bibliography([bib_file], root=tmp_path)
    assert sorted(bib.entries) == ["Smith2020", "smith2020"]
    assert lines(bib) == [
        "c.bib:3:1: BIB007 key `Smith2020` differs only in case from `smith2020` (line 1); "
        "BibTeX treats them as the same key (fix: rename one of them (keys are lower case in "
        "this project))"
    ]
