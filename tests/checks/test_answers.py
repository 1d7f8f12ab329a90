"""CIT002: which counter-argument answers count as cited, on the small fixture library."""

from __future__ import annotations

from pathlib import Path

import pytest

from keepopen.checks.answers import check_answers
from keepopen.content.library import scan

ARGUMENT = Path("docs/arguments/keep-it-open.md")
CITED = "    answer: The cost is small next to the harm [@openai2024hello].\n"


def _with_answer(root: Path, answer_line: str):
    page = root / ARGUMENT
    text = page.read_text(encoding="utf-8")
    assert CITED in text
    page.write_text(text.replace(CITED, answer_line), encoding="utf-8")
    return check_answers(scan(root))


@pytest.mark.parametrize(
    "answer_line",
    [
        CITED,
        "    answer: As @openai2024hello says, the cost is small.\n",  # an in-text citation
        "    answer: TODO say why\n",  # a template placeholder is TPL001's, not CIT002's
    ],
)
def test_cited_or_placeholder_answers_pass(library, answer_line) -> None:
    assert _with_answer(library(), answer_line) == []


def test_an_uncited_answer_is_reported_on_its_line(library) -> None:
    [found] = _with_answer(library(), "    answer: The cost is small next to the harm.\n")
    assert (found.code, found.path, found.line) == ("CIT002", ARGUMENT.as_posix(), 14)
    assert "counter-argument 1" in found.message and "[@key]" in found.fix


def test_other_page_types_are_not_checked(library) -> None:
    root = library()
    event = root / "docs/evidence/events/2024-05-13-gpt-4o-release.md"
    assert "answer" not in event.read_text(encoding="utf-8")
    assert check_answers(scan(root)) == []
