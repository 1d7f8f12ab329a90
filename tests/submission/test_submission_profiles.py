"""Forum profiles: they load, match the checked-in schema, cite real sources, and say so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from submission_paths import FORUMS, REPO

from keepopen.forums import (
    ForumProfile,
    ProfileError,
    find_profile,
    load_profile,
    profile_json_schema,
    validate_fields,
)

PROFILES = sorted(FORUMS.glob("*.yml"))
SCHEMA = REPO / "schemas" / "forum-profile.schema.json"


def _bib_keys() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "references").glob("*.bib"))
    return set(re.findall(r"@\w+\{([^,\s]+),", text))


def _sources(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["source"]] if isinstance(node.get("source"), str) else []
        return found + [s for v in node.values() for s in _sources(v)]
    if isinstance(node, list):
        return [s for v in node for s in _sources(v)]
    return []


def test_the_three_forums_exist() -> None:
    assert {p.stem for p in PROFILES} >= {"un-dcp", "ohchr-upr", "consultation-generic"}


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_profile_loads_and_matches_the_json_schema(path: Path) -> None:
    profile = load_profile(path)
    assert profile.id == path.stem
    jsonschema.validate(
        yaml.safe_load(path.read_text(encoding="utf-8")),
        json.loads(SCHEMA.read_text(encoding="utf-8")),
    )


def test_checked_in_schema_is_the_generated_one() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == profile_json_schema()


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_rule_source_is_a_known_reference_or_says_what_it_is(path: Path) -> None:
    keys = _bib_keys()
    for source in _sources(yaml.safe_load(path.read_text(encoding="utf-8"))):
        if re.fullmatch(r"[a-z0-9_]+", source):
            assert source in keys, f"{path.name}: source {source!r} is not in references/"
        else:  # A URL or a stated editorial choice, never an empty word.
            assert source.startswith(("http", "keep-open", "research brief")), source


def test_ohchr_upr_rules_come_from_the_technical_guidelines() -> None:
    upr = load_profile(FORUMS / "ohchr-upr.yml")
    assert upr.limits.pages.value == 5
    assert upr.limits.pages.source == "ohchr_upr_tech" and not upr.limits.pages.assumption
    assert upr.formats.value == ["docx"] and not upr.wants_pdf()
    assert upr.layout.numbered_paragraphs.value is True


def test_un_dcp_limits_are_all_assumptions_and_gdc_is_an_inference() -> None:
    dcp = load_profile(FORUMS / "un-dcp.yml")
    for spec in dcp.fields:
        if spec.max_length:
            assert spec.max_length.assumption, spec.id
    assert {
        "thematic_area",
        "country",
        "institution",
        "sdg_alignment",
        "wsis_alignment",
        "stakeholder_type",
        "gdc_objectives",
    } <= {f.id for f in dcp.fields}
    gdc = dcp.field("gdc_objectives")
    assert gdc is not None and gdc.required.assumption and "Inference" in gdc.required.note
    assert any(line.startswith("fields[description].max_length") for line in dcp.assumptions())


def test_adding_a_forum_is_adding_a_file(tmp_path: Path) -> None:
    source = (FORUMS / "consultation-generic.yml").read_text(encoding="utf-8")
    (tmp_path / "my-consultation.yml").write_text(
        source.replace("id: consultation-generic", "id: my-consultation"), encoding="utf-8"
    )
    profile = load_profile(find_profile("my-consultation", tmp_path))
    assert isinstance(profile, ForumProfile) and profile.id == "my-consultation"


def test_a_typo_in_a_profile_is_reported_with_its_line(tmp_path: Path) -> None:
    text = (FORUMS / "ohchr-upr.yml").read_text(encoding="utf-8")
    bad = tmp_path / "ohchr-upr.yml"
    bad.write_text(text.replace("citation_style:", "citation_stile:"), encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(bad)
    lines = [d.format() for d in err.value.diagnostics]
    typo_line = text.splitlines().index("citation_style:") + 1
    assert f"{bad}:{typo_line}:1: FRM003 citation_stile: Extra inputs are not permitted" in (
        " ".join(lines)
    )


_NESTED_PROFILE = """\
id: nested
label: Nested
status: test
checked: "2026-11-27"
channel: {value: e-mail, source: test, assumption: false}
formats: {value: [md], source: test, assumption: false}
limits:
  pages: {value: null, source: test, assumption: false}
  words: {value: null, source: test, assumption: false}
  characters:
    value: not a number
    source: test
    assumption: false
  counts_notes: {value: null, source: test, assumption: false}
citation_style: {value: numeric, source: test, assumption: false}
layout:
  numbered_paragraphs: {value: false, source: test, assumption: false}
  source: test
fields:
  - id: summary
    label: Summary
    required: {value: true, source: test, assumption: false}
  - id: details
    label: ''
    required: {value: true, source: test, assumption: false}
    max_length:
      value: 10
      source: test
      assumption: false
      sourse: typo
"""


def test_profile_errors_point_at_the_nested_key_not_its_first_namesake(tmp_path: Path) -> None:
    # `value`, `label` and `source` each appear several times; every error is on a later one.
    path = tmp_path / "nested.yml"
    path.write_text(_NESTED_PROFILE, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    found = {d.message.split(":")[0]: (d.line, d.col) for d in err.value.diagnostics}
    lines = _NESTED_PROFILE.splitlines()
    assert found == {
        "limits.characters.value": (lines.index("    value: not a number") + 1, 12),
        "fields.1.label": (lines.index("    label: ''") + 1, 12),
        "fields.1.max_length.sourse": (lines.index("      sourse: typo") + 1, 7),
    }


def test_a_missing_key_is_reported_at_its_parent(tmp_path: Path) -> None:
    path = tmp_path / "nested.yml"
    path.write_text(_NESTED_PROFILE.replace("  source: test\nfields:", "fields:"), "utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    [missing] = [d for d in err.value.diagnostics if d.message.startswith("layout.source")]
    assert (missing.line, missing.col) == (_NESTED_PROFILE.splitlines().index("layout:") + 1, 1)


def test_unknown_forum_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as err:
        find_profile("un-dpc", FORUMS)
    message = err.value.diagnostics[0].format()
    assert "FRM001 no forum profile named 'un-dpc'" in message and "un-dcp" in message


# --- field validation: exact messages ---------------------------------------------------


@pytest.fixture(scope="module")
def dcp() -> ForumProfile:
    return load_profile(FORUMS / "un-dcp.yml")


def _valid_fields() -> dict[str, object]:
    return {
        "title": "T",
        "description": "D",
        "thematic_area": ["AI governance"],
        "country": ["Global"],
        "institution": "I",
        "stakeholder_type": "civil-society",
        "sdg_alignment": ["SDG 16"],
        "wsis_alignment": ["C10"],
    }


def test_valid_fields_pass(dcp: ForumProfile) -> None:
    assert validate_fields(dcp, _valid_fields(), "p.md") == []


def test_a_field_over_its_limit_names_field_limit_and_length(dcp: ForumProfile) -> None:
    fields = _valid_fields() | {"description": "x" * 2013}
    [d] = validate_fields(dcp, fields, "p.md", lambda f: 9)
    assert d.format() == (
        "p.md:9:1: SUB105 field 'description' is 2013 characters long; its limit is 2000 "
        "(over by 13) (fix: shorten it by at least 13 characters; nothing is cut automatically)"
    )


def test_missing_unknown_and_disallowed_fields(dcp: ForumProfile) -> None:
    fields = _valid_fields() | {"stakeholder_type": "NGO", "colour": "blue"}
    del fields["institution"]
    messages = sorted(d.message for d in validate_fields(dcp, fields, "p.md"))
    assert messages == [
        "field 'colour' is not a field of forum 'un-dcp'",
        "field 'institution' (Institution) is missing; forum 'un-dcp' requires it",
        "field 'stakeholder_type' has value 'NGO', which forum 'un-dcp' does not allow",
    ]


def test_too_many_items_and_wrong_shape(dcp: ForumProfile) -> None:
    fields = _valid_fields() | {
        "sdg_alignment": [f"SDG {n}" for n in range(1, 8)],
        "country": "Global",
    }
    messages = sorted(d.message for d in validate_fields(dcp, fields, "p.md"))
    assert messages == [
        "field 'country' must be a list of texts",
        "field 'sdg_alignment' has 7 items; its limit is 5 (over by 2)",
    ]
