"""`CITATION.cff` is valid Citation File Format 1.2.0 (what `cffconvert --validate` checks) and
agrees with `.zenodo.json` and mkdocs.yml; neither invents a DOI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from keepopen.settings import load_mkdocs_yml

ROOT = Path(__file__).resolve().parents[1]
#: The schema cffconvert 2.0.0 validates with (tests/fixtures/cff/README.md says why it is here).
SCHEMA = ROOT / "tests" / "fixtures" / "cff" / "schema-1.2.0.json"


class _DatesAsText(yaml.SafeLoader):
    """cffconvert reads timestamps as text; so does this test."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _cff() -> dict:
    return yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=_DatesAsText)


def _validate(data: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    assert _validate(_cff()) == []


def test_the_validation_can_fail() -> None:
    broken = {**_cff(), "authors": [], "cff-version": "1.2.0", "doi": "not a doi"}
    errors = _validate(broken)
    assert any("authors" in e for e in errors) and any("doi" in e for e in errors)


def test_citation_cff_and_zenodo_agree_with_the_settings(monkeypatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    settings = load_mkdocs_yml(ROOT / "mkdocs.yml")
    cff = _cff()
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert cff["url"] == settings["site_url"]
    assert cff["repository-code"] == settings["repo_url"]
    assert zenodo["title"] == cff["title"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    assert zenodo["license"].upper() == cff["license"][0].upper()
    assert settings["repo_url"] in {r["identifier"] for r in zenodo["related_identifiers"]}
    # A DOI is added only once Zenodo has minted one: never invented ahead of it.
    assert "doi" not in cff and "identifiers" not in cff and "doi" not in zenodo


#: `make test` installs cffconvert in a venv of its own (its jsonschema pin clashes with ours).
CFFCONVERT = ROOT / ".venv" / "tools" / "cffconvert" / "bin" / "cffconvert"


def _cffconvert() -> str:
    found = str(CFFCONVERT) if CFFCONVERT.exists() else shutil.which("cffconvert")
    if found is None:
        message = "cffconvert is missing: `make test` installs it into .venv/tools/cffconvert"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true and {message}")
        pytest.skip(message)
    return found


def test_cffconvert_itself_validates_it() -> None:
    result = subprocess.run(
        [_cffconvert(), "--validate", "-i", "CITATION.cff"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
