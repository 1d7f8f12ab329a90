"""`keepopen export submission` on the fixture library: DOCX, JSON, Markdown and the failures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import jsonschema
import pytest
from submission_paths import FORUMS, LIBRARY

from keepopen.cli import main
from keepopen.export.submission import ExportFailed, ExportOptions, export_submission
from keepopen.export.submission.docx_writer import NUMBERED_STYLE, REFERENCE_STYLE
from keepopen.forums import fields_json_schema, load_profile

PAGE = LIBRARY / "docs" / "submissions" / "fixture-un-dcp.md"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("un-dcp")
    assert (
        main(["export", "submission", str(PAGE), "--out", str(out), "--forums", str(FORUMS)]) == 0
    )
    return out


@pytest.fixture(scope="module")
def with_unverified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("un-dcp-unverified")
    assert (
        main(
            [
                "export",
                "submission",
                str(PAGE),
                "--out",
                str(out),
                "--forums",
                str(FORUMS),
                "--include-unverified",
            ]
        )
        == 0
    )
    return out


def _numbered(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == NUMBERED_STYLE]


def _all_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_writes_json_docx_and_md_but_no_pdf(exported: Path) -> None:
    assert sorted(p.name for p in exported.iterdir()) == [
        ".keepopen-export.json",  # what a later `--force` may replace
        "fields.md",  # the UN DCP form's fields, ready to paste
        "submission.docx",
        "submission.json",
        "submission.md",
    ]


def test_docx_paragraphs_are_numbered_one_to_n(exported: Path) -> None:
    numbered = _numbered(exported / "submission.docx")
    assert len(numbered) == 13  # the asks open with the addressee line
    for n, text in enumerate(numbered, 1):
        assert text.startswith(f"{n}.\t"), text


def test_docx_has_title_page_headings_and_reference_list(exported: Path) -> None:
    document = docx.Document(str(exported / "submission.docx"))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Keep Open fixture initiative"
    assert any(r.element.xpath(".//w:br[@w:type='page']") for p in paragraphs[:6] for r in p.runs)
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Continuity matters (fixture)", "Reactions"]
    assert headings[-1] == "References"
    refs = [p.text for p in paragraphs if p.style.name == REFERENCE_STYLE]
    assert len(refs) == 2
    assert refs[0].startswith("[1]\t") and "Model Retirement Notice" in refs[0]
    assert refs[1].startswith("[2]\t") and "Users Protest a Model Retirement" in refs[1]
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer  # Numbered pages, as OHCHR asks.
    assert document.sections[0].different_first_page_header_footer  # None on the title page.
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows][:2] == ["Initiative name", "Description"]


def test_citations_are_numbered_in_order_of_first_use(exported: Path) -> None:
    numbered = _numbered(exported / "submission.docx")
    assert numbered[3].endswith("two weeks ahead [1].")
    assert numbered[4].endswith("within days [2, p. 3].")
    # The unverified blog is dropped from the citation; the sound notice keeps the claim in.
    assert numbered[5] == "6.\tBoth the notice and the blog are cited here [1]."
    assert numbered[7] == "8.\t1 February 2026: The provider removed the model from its app [1]."


def test_unverified_and_unknown_claims_are_left_out_by_default(exported: Path) -> None:
    text = _all_text(exported / "submission.docx")
    assert "A blog claims" not in text
    assert "missing from the references" not in text
    assert "Nobody Checked" not in text
    record = json.loads((exported / "submission.json").read_text(encoding="utf-8"))
    reasons = [x["reason"] for x in record["claims"]["left_out"]]
    assert (
        "cites unverified @fixture_unverified (use --include-unverified to add it, marked)"
        in reasons
    )
    assert "cites @no_such_key, not found in references/" in reasons
    assert any(r.startswith("table is not exported") for r in reasons)
    assert (
        "unverified citation @fixture_unverified dropped; the claim keeps its sound sources"
        in reasons
    )


def test_testimony_goes_in_only_as_consent_allows(exported: Path) -> None:
    text = _all_text(exported / "submission.docx")
    # aggregate-only: counted with models and themes, nothing of the account itself.
    assert "must never be exported" not in text
    assert "may only be counted" not in text
    assert "2 further account(s)" in text and "relational-value (1)" in text
    # publish: the summary, not the quote.
    assert "A writer lost a tool" in text
    assert "A quote the consent does not allow" not in text
    # quote: summary plus the short quote; the long quote is left out, never truncated.
    assert "\u201cShort quote allowed by consent.\u201d" in text
    assert "far too long" not in text
    assert "Editors' paraphrase paragraph" not in text


def test_docx_fits_the_page_estimate_and_reports_it(exported: Path) -> None:
    record = json.loads((exported / "submission.json").read_text(encoding="utf-8"))
    assert record["figures"]["estimated_docx_pages"] == 3
    assert record["figures"]["paragraphs"] == 13


def test_json_fields_validate_against_the_profile(exported: Path) -> None:
    record = json.loads((exported / "submission.json").read_text(encoding="utf-8"))
    profile = load_profile(FORUMS / "un-dcp.yml")
    jsonschema.validate(record["fields"], fields_json_schema(profile))
    assert record["forum"] == "un-dcp"
    assert record["draws_on"][:2] == ["continuity-fixture", "2026-02-01-fixture-retirement"]
    assert [p["number"] for p in record["paragraphs"]] == list(range(1, 14))
    assert record["assumptions_to_confirm"]


def test_markdown_has_the_same_numbered_paragraphs(exported: Path) -> None:
    md = (exported / "submission.md").read_text(encoding="utf-8")
    numbers = [int(m) for m in re.findall(r"^(\d+)\. ", md, flags=re.M)]
    assert numbers == list(range(1, 14))
    assert "[1] Example Provider" in md


def test_include_unverified_adds_them_marked(with_unverified: Path) -> None:
    numbered = _numbered(with_unverified / "submission.docx")
    marked = [t for t in numbered if "[Unverified]" in t]
    assert len(marked) == 1  # only the claim resting on the unverified blog alone
    assert marked[0].endswith("return next year [3, unverified].")
    both = "Both the notice and the blog are cited here [1; 3, unverified]."
    assert any(t.endswith(f"\t{both}") for t in numbered)
    refs = [
        p.text
        for p in docx.Document(str(with_unverified / "submission.docx")).paragraphs
        if p.style.name == REFERENCE_STYLE
    ]
    assert refs[-1].startswith("[3]\t") and refs[-1].endswith("[unverified]")


def test_field_over_its_limit_fails_with_the_exact_message(
    library_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = library_copy / "docs" / "submissions" / "fixture-un-dcp.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("A fixture initiative used to test the submission export.", "y" * 2001),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = main(["export", "submission", str(page), "--out", str(out), "--forums", str(FORUMS)])
    err = capsys.readouterr().err
    line = (
        text.splitlines().index(
            "  description: A fixture initiative used to test the submission export."
        )
        + 1
    )
    assert code == 1
    assert (
        f"{page}:{line}:1: SUB105 field 'description' is 2001 characters long; its limit "
        "is 2000 (over by 1) (fix: shorten it by at least 1 characters; nothing is cut "
        "automatically)"
    ) in err
    assert not out.exists()


def test_missing_field_and_missing_page_fail(library_copy: Path, tmp_path: Path) -> None:
    page = library_copy / "docs" / "submissions" / "fixture-un-dcp.md"
    text = page.read_text(encoding="utf-8").replace("  institution: Keep Open editors\n", "")
    page.write_text(text.replace("  - aggregate-two\n", "  - aggregate-three\n"), encoding="utf-8")
    with pytest.raises(ExportFailed) as err:
        export_submission(page, ExportOptions(tmp_path / "out", forums_dir=FORUMS))
    codes = sorted(d.code for d in err.value.diagnostics)
    assert codes == ["SUB101", "SUB205"]
    assert "page 'aggregate-three' not found" in str(err.value)


def _oversized(library: Path, paragraphs: int) -> Path:
    body = "\n\n".join(
        f"Paragraph {n} restates, in the fixture's own words, that the provider gave short "
        "notice before withdrawing a model that many people had built their work around, "
        f"and that the notice is on record [@fixture_primary]."
        for n in range(paragraphs)
    )
    (library / "docs" / "arguments" / "long-fixture.md").write_text(
        "---\ntype: argument\nid: long-fixture\ntitle: A long fixture argument\n"
        "claim: Long pages must not slip past a page limit.\nthemes: [continuity]\n"
        "evidence: {references: [fixture_primary]}\nreview: draft\n---\n\n" + body + "\n",
        encoding="utf-8",
    )
    page = library / "docs" / "submissions" / "fixture-upr.md"
    page.write_text(
        "---\ntype: submission\nid: fixture-upr\ntitle: Fixture UPR submission\n"
        "forum: ohchr-upr\nfields:\n  country_under_review: Exampleland\n"
        "  submitter: Keep Open editors\n  submitter_description: A fixture coalition.\n"
        "  language: English\n  keywords: [continuity]\ndraws_on: [long-fixture]\n---\n",
        encoding="utf-8",
    )
    return page


def test_ohchr_page_budget_passes_when_it_fits(library_copy: Path, tmp_path: Path) -> None:
    page = _oversized(library_copy, 20)
    result = export_submission(page, ExportOptions(tmp_path / "out", forums_dir=FORUMS))
    assert result.estimate.pages <= 5
    assert len(_numbered(tmp_path / "out" / "submission.docx")) == 21


def test_ohchr_page_budget_fails_with_the_overshoot(library_copy: Path, tmp_path: Path) -> None:
    page = _oversized(library_copy, 80)
    with pytest.raises(ExportFailed) as err:
        export_submission(page, ExportOptions(tmp_path / "out", forums_dir=FORUMS))
    # The third-cycle word limit (SUB304) is checked first; the page limit is then checked on
    # the real layout, so either names its overshoot.
    [diagnostic] = err.value.diagnostics
    if diagnostic.code == "SUB304":
        words = re.search(r"has ([\d,]+) words; forum 'ohchr-upr' allows 2815", diagnostic.message)
        assert words and int(words.group(1).replace(",", "")) > 2815
        assert not (tmp_path / "out").exists()
        return
    assert diagnostic.code == "SUB301"
    match = re.search(
        r"(?:estimated at|has) (\d+) pages[ a-zA-Z]*; forum 'ohchr-upr' allows 5 \(over by (\d+)",
        diagnostic.message,
    )
    assert match and int(match.group(2)) == int(match.group(1)) - 5 > 0
    assert not (tmp_path / "out").exists()


def test_a_page_that_is_not_a_submission_is_refused(tmp_path: Path) -> None:
    page = LIBRARY / "docs" / "arguments" / "continuity-fixture.md"
    with pytest.raises(ExportFailed, match="SUB206 page type is 'argument', not 'submission'"):
        export_submission(page, ExportOptions(tmp_path, forums_dir=FORUMS))


def test_a_draft_brief_exports_ad_hoc_pages_with_missing_fields_as_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief"
    code = main(
        [
            "export",
            "brief",
            "continuity-fixture",
            "2026-02-01-fixture-retirement",
            "--forum",
            "ohchr-upr",
            "--root",
            str(LIBRARY),
            "--forums",
            str(FORUMS),
            "--out",
            str(out),
            "--field",
            "country_under_review=Exampleland",
            "--field",
            "keywords=continuity",
            "--field",
            "keywords=notice",
            "--full",
            "--draft",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "SUB101 field 'submitter' (Submitting organisation or coalition) is missing" in printed
    assert f"wrote {(out / 'submission.docx').as_posix()} (" in printed
    record = json.loads((out / "submission.json").read_text(encoding="utf-8"))
    assert record["fields"]["keywords"] == ["continuity", "notice"]
    assert record["draws_on"] == ["continuity-fixture", "2026-02-01-fixture-retirement"]
    assert "left out (" in printed and "cites unverified @fixture_unverified" in printed


def test_a_brief_missing_a_required_field_is_refused_with_the_flag_that_adds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief"
    args = ["export", "brief", "continuity-fixture", "--forum", "ohchr-upr"]
    args += ["--root", str(LIBRARY), "--forums", str(FORUMS), "--out", str(out)]
    code = main([*args, "--field", "country_under_review=Exampleland", "--full"])
    printed = capsys.readouterr().err
    assert code == 1
    assert "(command line):0:1: SUB101 field 'submitter'" in printed
    assert "give it as --field submitter=VALUE" in printed
    assert not out.exists()
