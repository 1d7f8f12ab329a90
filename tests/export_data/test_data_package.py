"""`keepopen export data`: a valid, deterministic Frictionless package that honours consent."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from frictionless import validate

from keepopen.cli import main
from keepopen.export.data import AGGREGATE_FIELDS, build_package, export_data

FIXTURES = Path(__file__).parents[1] / "fixtures"
LIBRARY = FIXTURES / "citepage_site"
ROOT = Path(__file__).parents[2]
FILES = [
    "arguments.csv",
    "arguments.json",
    "datapackage.json",
    "events.csv",
    "events.json",
    "references.bib",
    "references.json",
    "testimony.csv",
    "testimony.json",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    export_data(LIBRARY, out)
    return out


@pytest.fixture(scope="module")
def csl_schema() -> dict:
    return json.loads((FIXTURES / "csl-data.schema.json").read_text(encoding="utf-8"))


def load(folder: Path, name: str):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_writes_every_resource(exported: Path) -> None:
    # Besides the package: the manifest that lets a later `--force` replace only these files.
    assert sorted(p.name for p in exported.iterdir()) == [".keepopen-export.json", *FILES]


def test_frictionless_validates_the_package(exported: Path) -> None:
    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_descriptor_names_each_resource_and_its_licence(exported: Path) -> None:
    descriptor = load(exported, "datapackage.json")
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    paths = {r["path"] for r in descriptor["resources"]}
    assert paths == set(FILES) - {"datapackage.json"}
    for resource in descriptor["resources"]:
        assert resource["licenses"] == descriptor["licenses"], resource["name"]
    csl = next(r for r in descriptor["resources"] if r["path"] == "references.json")
    assert csl["mediatype"] == "application/vnd.citationstyles.csl+json"


def test_export_is_byte_identical_when_repeated(exported: Path, tmp_path: Path) -> None:
    export_data(LIBRARY, tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes(), name


def test_aggregate_only_testimony_keeps_only_aggregate_fields(exported: Path) -> None:
    rows = {r["id"]: r for r in load(exported, "testimony.json")}
    assert set(rows["counted-only"]) == set(AGGREGATE_FIELDS)
    assert rows["counted-only"]["models"] == ["gpt-4o", "o3"]
    assert rows["counted-only"]["period_start"] == "2025-01"
    assert rows["counted-only"]["language"] == "pt-BR"
    assert rows["lost-partner"]["summary"].startswith("A writer describes")
    for name in FILES:
        assert "PRIVATE" not in (exported / name).read_text(encoding="utf-8"), name
    table = list(csv.DictReader(io.StringIO((exported / "testimony.csv").read_text())))
    counted = next(r for r in table if r["id"] == "counted-only")
    assert counted["summary"] == counted["body"] == counted["title"] == ""
    assert counted["themes"] == "continuity; user-autonomy"


def test_arguments_and_events_carry_their_front_matter(exported: Path) -> None:
    (argument,) = load(exported, "arguments.json")
    assert argument["id"] == "continuity-matters"
    assert argument["evidence_testimony"] == ["lost-partner", "counted-only"]
    assert argument["counter_arguments"][0]["objection"].startswith("Providers")
    assert argument["url"] == "https://cite.example.org/lib/arguments/continuity-matters/"
    (event,) = load(exported, "events.json")
    assert (event["date"], event["verification"]) == ("2026-02-13", "secondary")


def test_references_as_csl_json_and_bibtex(exported: Path, csl_schema: dict) -> None:
    items = load(exported, "references.json")
    jsonschema.validate(items, csl_schema)
    sample = next(i for i in items if i["id"] == "sample2026")
    assert sample["title"] == "Sample report on model retirement \u2014 \u00dcbersicht"
    assert sample["author"] == [
        {"literal": "Sample Institute"},
        {"family": "Okafor", "given": "Chidi"},
    ]
    assert sample["issued"] == {"date-parts": [[2026, 2]]}
    assert sample["accessed"] == {"date-parts": [[2026, 2, 20]]}
    assert sample["note"].startswith("Verification: secondary.")
    other = next(i for i in items if i["id"] == "another2025")
    assert (other["type"], other["DOI"], other["publisher"]) == (
        "report",
        "10.1234/example",
        "Example Lab",
    )
    library = bibtexparser.parse_string((exported / "references.bib").read_text(encoding="utf-8"))
    assert [e.key for e in library.entries] == ["another2025", "sample2026"]


def test_cli_writes_the_package(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["export", "data", "--root", str(LIBRARY), "--out", str(out)]) == 0
    assert "wrote 9 files" in capsys.readouterr().out
    assert (out / "datapackage.json").is_file()


def test_real_library_exports_a_valid_deterministic_package(tmp_path: Path, csl_schema) -> None:
    first = build_package(ROOT)
    assert build_package(ROOT) == first
    export_data(ROOT, tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    jsonschema.validate(load(tmp_path, "references.json"), csl_schema)


def test_reference_conversion_is_cached_by_bib_content(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from keepopen.export import data

    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root, ignore=shutil.ignore_patterns(".cache"))
    first = build_package(root)
    converted: list[str] = []
    real = data.entry_to_csl
    monkeypatch.setattr(data, "entry_to_csl", lambda k, *a: converted.append(k) or real(k, *a))
    assert build_package(root) == first
    assert converted == []  # unchanged .bib files: nothing converted again
    bib = next((root / "references").glob("*.bib"))
    bib.write_text(bib.read_text(encoding="utf-8").replace("2026", "2027", 1), encoding="utf-8")
    changed = build_package(root)
    assert converted and changed["references.json"] != first["references.json"]


def test_data_rows_are_made_again_only_for_changed_pages(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from keepopen.context import load_context
    from keepopen.export import data

    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root, ignore=shutil.ignore_patterns(".cache"))
    rows: dict = {}
    first = data.build_package(load_context(root), rows)
    assert first == data.build_package(load_context(root))  # the same bytes as without
    made: list[str] = []
    real = data._row
    monkeypatch.setattr(data, "_row", lambda page, *a: made.append(page.src) or real(page, *a))
    assert data.build_package(load_context(root), rows) == first and made == []
    page = next((root / "docs" / "testimony").glob("[!i]*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = data.build_package(load_context(root), rows)
    assert made == [page.relative_to(root / "docs").as_posix()]
    monkeypatch.setattr(data, "_row", real)
    assert changed == data.build_package(load_context(root)) != first
