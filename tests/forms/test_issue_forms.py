"""Issue forms to draft entries: a body GitHub renders from the project's own forms becomes a
typed draft; the contributor's words stay in an HTML comment, without contact details."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
import yaml
from issue_form_bodies import FORMS, ROOT, render_issue_body

from keepopen.cli import main
from keepopen.cli.new import _FORM_KINDS
from keepopen.forms.body import FormBodyError, read_issue_body
from keepopen.forms.definition import load_form
from keepopen.forms.draft import (
    ATTRIBUTION_OPTIONS,
    FORM_KINDS,
    READ_FIELDS,
    draft_from_issue,
    safe_in_comment,
    scope_from_option,
)

SECRET = "my study partner for three years"
ACCOUNT = (
    f"I used GPT-4o as {SECRET}. Write to me at jo.doe@example.org or @jodoe_writes, "
    "or call +44 20 7946 0958.\n"
    "--> <p>ESCAPED the comment</p> <!-- and --!> again\n"
    "### Which models does this concern?\n"
    "(that line is part of my account)"
)
TESTIMONY = {
    "account": ACCOUNT,
    "models": "GPT-4o, gpt-4.1 and SomeChatbot",
    "period": "from May 2024 to February 2026",
    "scope": 1,  # A summary and short quotes (quote)
    "attribution": 0,  # Anonymous
    "withdraw": True,
}


def _front_and_body(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _outside_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def test_a_testimony_issue_becomes_a_typed_draft_that_keeps_the_account_private(
    library: Path, tmp_path: Path, capsys
) -> None:
    issue = tmp_path / "issue.md"
    issue.write_text(render_issue_body(FORMS / "testimony.yml", TESTIMONY), encoding="utf-8")
    status = main(
        [
            "new",
            "testimony",
            "--from-issue",
            str(issue),
            "--title",
            "Testimony: Losing a study partner",
            "--issue-number",
            "42",
            "--root",
            str(library),
        ]
    )
    out = capsys.readouterr()
    assert status == 0, out.err
    page = library / "docs" / "testimony" / "losing-a-study-partner.md"
    text = page.read_text(encoding="utf-8")
    front, body = _front_and_body(text)
    assert front["type"] == "testimony" and front["review"] == "draft"
    assert front["title"] == "Losing a study partner"
    assert front["models"] == ["gpt-4o", "gpt-4.1"]
    assert front["period"] == {"start": "2024-05", "end": "2026-02"}
    assert front["consent"]["scope"] == "quote"
    assert front["consent"]["attribution"] == "anonymous"
    assert "takedown" in front["consent"]["withdraw"]
    assert front["source_type"] == "submitted" and "issue #42" in front["provenance"]["where"]
    # The account is kept for the editor, but only inside a comment, and without contacts.
    assert SECRET in body and SECRET not in _outside_comments(body)
    for contact in ("jo.doe@example.org", "jodoe_writes", "7946"):
        assert contact not in text
    assert "[e-mail address removed]" in body and "[handle removed]" in body
    assert "ESCAPED" not in _outside_comments(body)
    html = markdown.markdown(body)
    assert SECRET not in _outside_comments(html) and "ESCAPED" not in _outside_comments(html)
    assert "TODO" in _outside_comments(body)  # `keepopen check` reports it until written
    assert body.count("<!-- keepopen:from-issue\n") == 1  # and CON005 until it is deleted
    assert "removed an e-mail address from the account" in out.err
    assert "models not in taxonomies/models.yml: SomeChatbot (" in out.err
    assert "wrote docs/testimony/losing-a-study-partner.md" in out.out


def test_an_argument_issue_becomes_a_draft(library: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue.md"
    body = render_issue_body(
        FORMS / "argument.yml",
        {
            "claim": "Retiring a model without notice harms its users.",
            "made_by": "A talk at a UN meeting, https://example.org/talk",
            "evidence": "The #keep4o posts.",
            "objections": None,
        },
    )
    issue.write_text(body, encoding="utf-8")
    assert main(["new", "argument", "--from-issue", str(issue), "--root", str(library)]) == 0
    [page] = (library / "docs" / "arguments").glob("*.md")
    front, text = _front_and_body(page.read_text(encoding="utf-8"))
    assert front["claim"] == "Retiring a model without notice harms its users."
    assert front["review"] == "draft" and front["type"] == "argument"
    assert "https://example.org/talk" in text
    assert "https://example.org/talk" not in _outside_comments(text)


def test_empty_answers_leave_placeholders(library: Path) -> None:
    answers = {**TESTIMONY, "period": None, "models": None, "withdraw": []}
    body = render_issue_body(FORMS / "testimony.yml", answers)
    assert "_No response_" in body and "- [ ] I understand" in body
    draft = draft_from_issue(library, "testimony", body)
    for name in ("period_start", "models", "withdraw", "title"):
        assert draft.answers[name] is None


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_the_reader_understands_every_question_of_the_real_forms(kind: str) -> None:
    form = load_form(ROOT, kind)
    assert {f.id for f in form.fields} == READ_FIELDS[kind], (
        f"the {kind} form changed: map its questions in keepopen.forms.draft.READ_FIELDS"
    )
    if kind == "testimony":
        assert set(form.field("attribution").options) == set(ATTRIBUTION_OPTIONS)
        assert all(scope_from_option(o) for o in form.field("scope").options)


def test_the_command_offers_from_issue_for_every_form_kind() -> None:
    assert set(_FORM_KINDS) == set(FORM_KINDS)


def test_a_body_from_a_changed_form_is_refused(library: Path) -> None:
    body = render_issue_body(FORMS / "testimony.yml", TESTIMONY)
    form_file = library / ".github" / "ISSUE_TEMPLATE" / "testimony.yml"
    form_file.write_text(
        form_file.read_text(encoding="utf-8").replace(
            "When (roughly) did this happen?", "When did it start?"
        ),
        encoding="utf-8",
    )
    with pytest.raises(FormBodyError, match="When did it start"):
        read_issue_body(load_form(library, "testimony"), body)


def test_a_wrong_kind_of_issue_is_refused_by_the_command(
    library: Path, tmp_path: Path, capsys
) -> None:
    issue = tmp_path / "issue.md"
    issue.write_text(render_issue_body(FORMS / "reference.yml", {}), encoding="utf-8")
    assert main(["new", "testimony", "--from-issue", str(issue), "--root", str(library)]) == 2
    assert "does not answer the testimony form" in capsys.readouterr().err
    assert not list((library / "docs").rglob("*.md"))


@pytest.mark.parametrize("text", ["-->", "--!>", "---->", "a--b", "<!-- x -->", "- - ->"])
def test_nothing_can_close_the_comment_early(text: str) -> None:
    assert "--" not in safe_in_comment(text)


def test_the_workflow_passes_github_s_event_file(library: Path, tmp_path: Path) -> None:
    event = {
        "action": "labeled",
        "label": {"name": "accepted"},
        "issue": {
            "number": 7,
            "title": 'Testimony: "Quotes" $(and) `shell` characters',
            "created_at": "2026-03-04T10:00:00Z",
            "body": render_issue_body(FORMS / "testimony.yml", TESTIMONY),
        },
    }
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    assert main(["new", "testimony", "--from-issue", str(path), "--root", str(library)]) == 0
    [page] = (library / "docs" / "testimony").glob("*.md")
    front, _ = _front_and_body(page.read_text(encoding="utf-8"))
    assert front["title"] == '"Quotes" $(and) `shell` characters'
    assert str(front["collected"]) == "2026-03-04"
    assert "issue #7" in front["provenance"]["where"]


def _bib_codes(text: str) -> list[str]:
    from keepopen.bibliography.loader import parse_bib_text
    from keepopen.bibliography.rules import check_entry

    result = parse_bib_text(text, "references/x.bib", formatted=False)
    found = result.diagnostics + result.comment_findings
    found += [d for entry in result.entries for d in check_entry(entry)]
    return sorted({d.code for d in found})


def test_a_reference_issue_becomes_an_entry_that_fails_the_check_until_verified(
    library: Path, tmp_path: Path, capsys
) -> None:
    body = render_issue_body(
        FORMS / "reference.yml",
        {
            "url": "https://example.org/news/retire?a=1%20#part",
            "title": "Retiring {now} \\emph{x} & more, Example News, 2026 (mail ed@news.org)",
            "seen": 0,
            "supports": "The retirement date. Ask @reporter_x",
        },
    )
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    args = ["new", "reference", "--from-issue", str(issue), "--issue-number", "9"]
    assert main([*args, "--root", str(library)]) == 0
    out = capsys.readouterr()
    text = (library / "references" / "issue9.bib").read_text(encoding="utf-8")
    assert "@online{issue9," in text and "url          = {https://example.org/news/retire" in text
    assert "ed@news.org" not in text and "reporter_x" not in text
    assert "removed an e-mail address from the title" in out.err
    # No author and no verification: the check fails until an editor has read the source.
    assert _bib_codes(text) == ["BIB010", "BIB013"]
    assert main([*args, "--root", str(library)]) == 1  # never overwritten


def test_a_doi_becomes_a_doi_field(library: Path, tmp_path: Path) -> None:
    body = render_issue_body(
        FORMS / "reference.yml",
        {"url": "https://doi.org/10.1145/3772318.3791351", "title": "A paper", "seen": 1},
    )
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    assert main(["new", "reference", "--from-issue", str(issue), "--root", str(library)]) == 0
    text = (library / "references" / "draft-reference.bib").read_text(encoding="utf-8")
    assert "@misc{draft_reference," in text and "doi          = {10.1145/3772318.3791351}" in text
    assert _bib_codes(text) == ["BIB013"]
