"""Condensed briefs: each argument from its claim, key evidence, strongest objection and asks,
within the forum's budget; what is left out is listed; placeholders need `--draft`."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from submission_paths import FORUMS, UPR_FIELDS

from keepopen.checks.boundary import internal_mentions
from keepopen.checks.placeholders import find_placeholder
from keepopen.export.submission import ExportFailed, ExportOptions, export_brief
from keepopen.export.submission.paste import render_paste_fields
from keepopen.forums import load_profile

_ARGUMENT = """\
---
type: argument
id: {id}
title: Argument {n}
claim: Claim {n} says that notice matters.
themes: [continuity]
made_by: [fixture_primary]
evidence: {{references: [fixture_primary, fixture_secondary], events: [], testimony: []}}
key_evidence:
  - "Evidence {n}a: the provider gave two weeks of notice [@fixture_primary]."
  - "Evidence {n}b: users protested within days [@fixture_secondary]."
  - "Evidence {n}c: a blog says the model returns [@fixture_unverified]."
counter_arguments:
  - objection: Strongest objection {n}.
    answer: Answer to objection {n}.
  - objection: Weaker objection {n}.
    answer: Another answer {n}.
policy_asks:
  - Ask {n} of policy makers.
  - Announce retirements at least six months ahead.
review: draft
---

# Argument {n}

Body paragraph {n} that a condensed brief leaves out [@fixture_primary].

## What it asks of policy

- Ask {n} of policy makers.
"""


def _arguments(root: Path, count: int) -> list[str]:
    paths = []
    for n in range(1, count + 1):
        path = root / "docs" / "arguments" / f"arg-{n}.md"
        path.write_text(_ARGUMENT.format(id=f"arg-{n}", n=n), encoding="utf-8")
        paths.append(path.as_posix())
    return paths


def _brief(root: Path, out: Path, pages: list[str], **options: object):
    return export_brief(
        pages,
        "ohchr-upr",
        ExportOptions(out, root=root, forums_dir=FORUMS, **options),  # type: ignore[arg-type]
        "Fixture brief",
        dict(UPR_FIELDS),
    )


def _texts(result) -> list[str]:
    return [i.text for i in result.document.items]


def test_condensed_brief_is_built_from_the_structured_parts(
    library_copy: Path, tmp_path: Path
) -> None:
    result = _brief(library_copy, tmp_path / "out", _arguments(library_copy, 2))
    texts = _texts(result)
    assert result.document.mode == "condensed"
    assert "Claim 1 says that notice matters." in texts
    assert any(t.startswith("Evidence 1a: the provider gave two weeks") for t in texts)
    assert any(t.startswith("Evidence 2b: users protested") for t in texts)
    # The first counter-argument is the strongest; the others stay on the site.
    assert "Objection: Strongest objection 1. Response: Answer to objection 1." in texts
    assert not any("Weaker objection" in t for t in texts)
    assert not any("Body paragraph" in t for t in texts)
    # An evidence sentence resting only on an unverified source is left out, with the reason.
    assert not any(t.startswith("Evidence 1c") for t in texts)
    reasons = [x.reason for x in result.document.left_out]
    assert any("unverified @fixture_unverified" in r for r in reasons)
    assert any(r.startswith("condensed brief: the page's reasoning") for r in reasons)


def test_policy_asks_appear_once_under_the_state_under_review(
    library_copy: Path, tmp_path: Path
) -> None:
    result = _brief(library_copy, tmp_path / "out", _arguments(library_copy, 2))
    texts = _texts(result)
    assert texts.count("Announce retirements at least six months ahead.") == 1
    assert texts.count("Ask 1 of policy makers.") == 1
    heading = texts.index("Recommendations")
    assert texts[heading + 1] == "We recommend that the Government of Exampleland:"


def test_full_pages_keep_the_body_but_asks_still_once(library_copy: Path, tmp_path: Path) -> None:
    result = _brief(library_copy, tmp_path / "out", _arguments(library_copy, 1), full=True)
    texts = _texts(result)
    assert result.document.mode == "full"
    assert any(t.startswith("Body paragraph 1") for t in texts)
    assert texts.count("Ask 1 of policy makers.") == 1
    assert "What it asks of policy" not in texts


def _upr_with_budget(tmp_path: Path, words: int) -> Path:
    """A forums folder whose UPR profile allows `words` words."""
    forums = tmp_path / "forums"
    forums.mkdir()
    profile = (FORUMS / "ohchr-upr.yml").read_text(encoding="utf-8")
    assert "budget_words: 1500" in profile
    limited = profile.replace("budget_words: 1500", f"budget_words: {words}")
    (forums / "ohchr-upr.yml").write_text(limited, encoding="utf-8")
    return forums


def test_budget_leaves_parts_out_and_lists_them(library_copy: Path, tmp_path: Path) -> None:
    forums = _upr_with_budget(tmp_path, 90)
    result = export_brief(
        _arguments(library_copy, 2),
        "ohchr-upr",
        ExportOptions(tmp_path / "out", root=library_copy, forums_dir=forums),
        "Fixture brief",
        dict(UPR_FIELDS),
    )
    doc = result.document
    assert doc.used_words is not None and doc.used_words <= 90
    dropped = [x for x in doc.left_out if "word budget" in x.reason]
    assert dropped, "something had to be left out to fit 90 words"
    # Round order: each argument's first evidence before any objection or second sentence.
    texts = _texts(result)
    assert any(t.startswith("Evidence 1a") for t in texts)
    assert any(t.startswith("Evidence 2a") for t in texts)
    assert [w.code for w in result.warnings if w.code == "SUB208"] == ["SUB208"]
    record = json.loads((tmp_path / "out" / "submission.json").read_text(encoding="utf-8"))
    assert record["figures"]["mode"] == "condensed"
    assert any("word budget" in x["reason"] for x in record["claims"]["left_out"])


def test_core_over_the_budget_fails_without_cutting(library_copy: Path, tmp_path: Path) -> None:
    forums = _upr_with_budget(tmp_path, 10)
    with pytest.raises(ExportFailed) as err:
        export_brief(
            _arguments(library_copy, 2),
            "ohchr-upr",
            ExportOptions(tmp_path / "out", root=library_copy, forums_dir=forums),
            "Fixture brief",
            dict(UPR_FIELDS),
        )
    assert [d.code for d in err.value.diagnostics] == ["SUB305"]
    assert not (tmp_path / "out").exists()


def test_placeholders_refuse_export_unless_draft(library_copy: Path, tmp_path: Path) -> None:
    pages = _arguments(library_copy, 1)
    fields = dict(UPR_FIELDS, submitter="TO BE CONFIRMED")
    with pytest.raises(ExportFailed) as err:
        export_brief(
            pages,
            "ohchr-upr",
            ExportOptions(tmp_path / "out", root=library_copy, forums_dir=FORUMS),
            "Fixture brief",
            fields,
        )
    [problem] = err.value.diagnostics
    assert problem.code == "SUB207" and "TO BE CONFIRMED" in problem.message
    assert not (tmp_path / "out").exists()
    result = export_brief(
        pages,
        "ohchr-upr",
        ExportOptions(tmp_path / "draft", root=library_copy, forums_dir=FORUMS, draft=True),
        "Fixture brief",
        fields,
    )
    assert result.document.draft
    assert json.loads((tmp_path / "draft" / "submission.json").read_text("utf-8"))["figures"][
        "draft"
    ]
    header = docx.Document(str(tmp_path / "draft" / "submission.docx")).sections[0].header
    assert "DRAFT" in " ".join(p.text for p in header.paragraphs)


def test_missing_state_is_refused_and_named(library_copy: Path, tmp_path: Path) -> None:
    fields = {k: v for k, v in UPR_FIELDS.items() if k != "country_under_review"}
    with pytest.raises(ExportFailed) as err:
        export_brief(
            _arguments(library_copy, 1),
            "ohchr-upr",
            ExportOptions(tmp_path / "out", root=library_copy, forums_dir=FORUMS),
            "Fixture brief",
            fields,
        )
    assert any(
        d.code == "SUB101" and "country_under_review" in d.message for d in err.value.diagnostics
    )


def test_follow_up_of_earlier_recommendations(library_copy: Path, tmp_path: Path) -> None:
    fields = dict(
        UPR_FIELDS, previous_recommendations=["Recommendation 1.2 (supported): not implemented."]
    )
    result = _brief(library_copy, tmp_path / "out", _arguments(library_copy, 1))
    assert "Follow-up of earlier recommendations" not in _texts(result)
    result = export_brief(
        _arguments(library_copy, 1),
        "ohchr-upr",
        ExportOptions(tmp_path / "out2", root=library_copy, forums_dir=FORUMS),
        "Fixture brief",
        fields,
    )
    texts = _texts(result)
    at = texts.index("Follow-up of earlier recommendations")
    assert texts[at + 1] == "Recommendation 1.2 (supported): not implemented."
    assert at < texts.index("Recommendations")
    # Printed as its own section, not repeated in the field table.
    assert "Earlier recommendations followed up" not in [
        label for label, _ in result.document.fields
    ]


def test_paste_fields_give_each_text_with_its_count() -> None:
    profile = load_profile(FORUMS / "un-dcp.yml")
    text = render_paste_fields(profile, {"title": "Keep Open", "country": ["Global", "Kenya"]})
    assert "## Initiative name\n\n(9 characters of 150)\n\n```text\nKeep Open\n```" in text
    assert "(6 characters of 100)" in text and "(5 characters of 100)" in text


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("The profile `forums/un-dcp.yml` models it.", "a library path"),
        ("See un-dcp.yml for the fields.", "a file name"),
        ("The library has not opened the page.", "a note on the library's work"),
        ("The date is not yet verified.", "a note on unfinished checks"),
        ("The form was not found.", "a note on what was not found"),
        ("An interview (read through reprints).", "how a source was read"),
        ("Caveat: secondary only.", "an editors' caveat"),
    ],
)
def test_internal_mentions_are_found(text: str, what: str) -> None:
    assert [m[2] for m in internal_mentions(text)][:1] == [what]


def test_reader_facing_text_is_not_flagged() -> None:
    assert internal_mentions("According to a secondary report, the model left on 13 May.") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("contact: TO BE CONFIRMED", "TO BE CONFIRMED"),
        ("https://keepopen.example.org/", "an example.org/.com address"),
        ("A real sentence.", None),
    ],
)
def test_placeholders_are_named(text: str, found: str | None) -> None:
    assert find_placeholder(text) == found
