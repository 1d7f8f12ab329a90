"""Legal Markdown stays legal: footnotes are no links, citations in links are CIT001 (issue 12)."""

from __future__ import annotations

import markdown
import pytest

from keepopen.checks.runner import run_checks
from keepopen.cli import main

HEAD = "---\ntype: page\nid: notes\ntitle: Notes\n---\n\n# Notes\n\n"
BODY_LINE = HEAD.count("\n") + 1  # the line the body text starts on


def _problems(library, body: str) -> list[tuple[str, int, int]]:
    root = library()
    (root / "docs" / "notes.md").write_text(HEAD + body, encoding="utf-8")
    return [(d.code, d.line, d.col) for d in run_checks(root).diagnostics]


FOOTNOTES = """\
The claim holds.[^a] A second one.[^long-note] And a third.[^3]

[^a]: See the report.
[^long-note]: The report says so
    on two lines, and links [the testimony](testimony/quiet-loss.md).
[^3]: Done
"""


def test_footnotes_are_not_links(library) -> None:
    assert _problems(library, FOOTNOTES) == []


def test_footnotes_pass_the_cli_check(library, capsys) -> None:
    root = library()
    (root / "docs" / "notes.md").write_text(HEAD + FOOTNOTES, encoding="utf-8")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == ""


def test_broken_links_are_still_reported_next_to_footnotes(library) -> None:
    body = FOOTNOTES + "\nSee [gone](testimony/gone.md).\n"
    assert _problems(library, body) == [("LNK001", BODY_LINE + 7, 12)]  # at the target


# Each case: a body, and whether Python-Markdown reads its last line as a link definition.
DEFINITIONS = {
    "plain": ("[r]: missing.md", True),
    "title": ('[r]: missing.md "The title"', True),
    "angle": ("[r]: <missing.md>", True),
    "next-line": ("[r]:\n    missing.md", True),
    "words": ("[r]: Some words here.", False),
    "footnote": ("[^r]: missing.md", False),
}


@pytest.mark.parametrize("case", sorted(DEFINITIONS))
def test_reference_definitions_read_as_python_markdown_reads_them(library, case) -> None:
    definition, is_link = DEFINITIONS[case]
    body = f"See [x][r].[^r]\n\n{definition}\n"
    rendered = markdown.markdown(body, extensions=["footnotes"])
    assert ('href="missing.md"' in rendered) is is_link  # the oracle agrees with the table
    found = [p for p in _problems(library, body) if p[0] == "LNK001"]
    assert bool(found) is is_link
    if is_link:
        assert found[0][1] == BODY_LINE + 2 + definition.count("\n")


def test_citation_in_link_text_or_alt_text_is_cit001(library) -> None:
    body = (
        "Outside [@un2024gdc] is fine, and so is [a link](https://x.org).\n"
        "[as the UN put it [@un2024gdc]](https://www.un.org/)\n"
        "\n"
        "![The launch, after @openai2024hello](https://example.org/launch.png)\n"
        "\n"
        "`[code [@un2024gdc]](https://x.org)` and [not a link [@un2024gdc]].\n"
    )
    assert _problems(library, body) == [
        ("CIT001", BODY_LINE + 1, 19),
        ("CIT001", BODY_LINE + 3, 21),
    ]


def test_cit001_is_a_warning_that_names_the_fix(library, capsys) -> None:
    root = library()
    body = "[as the UN put it [@un2024gdc]](https://www.un.org/)\n"
    (root / "docs" / "notes.md").write_text(HEAD + body, encoding="utf-8")
    assert main(["check"]) == 0
    assert main(["check", "--strict"]) == 1
    out = capsys.readouterr().out
    assert f"docs/notes.md:{BODY_LINE}:19: CIT001 citation `[@un2024gdc]` is inside a link" in out
    assert "move the citation after the link" in out
