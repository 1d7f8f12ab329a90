"""The library's own submissions (docs/submissions/*.md) export cleanly with the real profiles."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import jsonschema
import pytest
from submission_paths import FORUMS, REPO

from keepopen.export.submission import ExportOptions, export_submission
from keepopen.export.submission.docx_writer import NUMBERED_STYLE
from keepopen.forums import fields_json_schema, load_profile

SUBMISSIONS = sorted(
    p
    for p in (REPO / "docs" / "submissions").glob("*.md")
    if "\ntype: submission\n" in p.read_text(encoding="utf-8")
)


def test_the_un_dcp_submission_exists() -> None:
    assert REPO / "docs" / "submissions" / "un-dcp-keep-open.md" in SUBMISSIONS


@pytest.mark.parametrize("page", SUBMISSIONS, ids=lambda p: p.stem)
def test_library_submission_exports_cleanly(page: Path, tmp_path: Path) -> None:
    # Draft: the library's submissions still carry placeholders (an address, a contact) that
    # the coordinators must confirm; without `--draft` they are refused (tested below).
    result = export_submission(page, ExportOptions(tmp_path, draft=True))
    record = json.loads((tmp_path / "submission.json").read_text(encoding="utf-8"))
    profile = load_profile(FORUMS / f"{record['forum']}.yml")
    jsonschema.validate(record["fields"], fields_json_schema(profile))
    # Every claim left out is left out for a stated reason; none cites a key missing from
    # references/ (that would be a broken citation in the library).
    assert not [x for x in record["claims"]["left_out"] if "not found in references" in x["reason"]]
    numbered = [
        p.text
        for p in docx.Document(str(tmp_path / "submission.docx")).paragraphs
        if p.style.name == NUMBERED_STYLE
    ]
    assert len(numbered) == record["figures"]["paragraphs"] == len(result.document.paragraphs)
    assert all(t.startswith(f"{n}.\t") for n, t in enumerate(numbered, 1))
    if profile.limits.pages.value is not None:
        assert result.estimate.pages <= profile.limits.pages.value
