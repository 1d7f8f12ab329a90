"""The committed JSON Schemas and the content-model page match the model; schemas validate pages."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from keepopen.cli import main
from keepopen.cli.schema import generated_files
from keepopen.content.library import scan
from keepopen.content.schema import generate_schemas

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "check" / "_library"


def test_committed_files_are_in_sync_with_the_model():
    stale = [
        path.relative_to(ROOT).as_posix()
        for path, text in generated_files(ROOT).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run `keepopen schema --write` and commit: " + ", ".join(stale)


def test_schemas_are_valid_and_accept_fixture_pages():
    schemas = generate_schemas(FIXTURE)
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    combined = jsonschema.Draft202012Validator(schemas["front-matter.schema.json"])
    for page in scan(FIXTURE):
        assert list(combined.iter_errors(page.data)) == [], page.rel
        own = jsonschema.Draft202012Validator(schemas[f"{page.type}.schema.json"])
        assert list(own.iter_errors(page.data)) == [], page.rel


def test_schema_rejects_unknown_theme_and_field():
    schema = generate_schemas(FIXTURE)["front-matter.schema.json"]
    page = dict(next(p for p in scan(FIXTURE) if p.type == "testimony").data)
    errors = list(
        jsonschema.Draft202012Validator(schema).iter_errors({**page, "themes": ["continuty"]})
    )
    assert errors
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors({**page, "sumary": "x"}))
    assert errors


def test_docs_page_explains_every_field():
    text = generated_files(ROOT)[ROOT / "docs/contribute/content-model.md"]
    for field in (
        "`consent.attribution`",
        "`period.start`",
        "`evidence.events`",
        "`counter_arguments[].objection`",
        "`date_precision`",
        "`draws_on`",
    ):
        assert f"| {field} |" in text
    assert "| `consent.scope` | text | yes | `publish`, `quote`, `aggregate-only` |" in text


@pytest.mark.parametrize("flag", ["--check"])
def test_schema_check_command(flag, tmp_path, capsys):
    assert main(["schema", flag, "--root", str(ROOT)]) == 0
    (tmp_path / "docs").mkdir()
    assert main(["schema", flag, "--root", str(tmp_path)]) == 1
    assert main(["schema", "--write", "--root", str(tmp_path)]) == 0
    assert (tmp_path / "schemas" / "testimony.schema.json").exists()
    assert main(["schema", flag, "--root", str(tmp_path)]) == 0
