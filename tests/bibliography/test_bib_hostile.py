"""Hostile `.bib` input: LaTeX that used to crash the build, deep braces, `%` comments inside
entries and `crossref` loops are formatted or reported, never raised and never silently lost."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from keepopen.bibliography import Entry, format_entry
from keepopen.bibliography.fmt import UnformattableBib, format_bib
from keepopen.bibliography.latex import latex_problems, latex_to_plain, latex_to_text
from keepopen.bibliography.loader import parse_bib_text
from keepopen.bibliography.model import Bibliography
from keepopen.bibliography.render import HtmlBackend
from keepopen.bibliography.rules import check_bibliography
from keepopen.cli import main

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"
DEEP = "{" * 1200 + "deep" + "}" * 1200


@pytest.mark.parametrize(
    ("latex", "text", "codes"),
    [
        (r"a \input{secret} b", "a b", ["BIB021"]),
        (r"\include{x}\usepackage[utf8]{inputenc}ok", "ok", ["BIB021", "BIB021"]),
        (r"\newcommand{\x}[1]{#1}kept", "kept", ["BIB021"]),
        (r"\def\x{y}kept", "kept", ["BIB021"]),
        (r"a \verb|x{| b", "a x{ b", []),
        (r"$\sqrt{n}$ and $\sqrt[3]{xy}$", "√n and √(xy)", []),
        (r"text\footnote{a note} more", "text (a note) more", []),
        (r"\textcolor{red}{warning}", "warning", []),
        (r"\colorbox{yellow}{marked}", "marked", []),
        (r"\underline{x}", "x", []),
        (r"\cite{key} \foo{bar}", "key bar", ["BIB020", "BIB020"]),
        (r"\begin{quote}q\end{quote}", "q", ["BIB020", "BIB020"]),
        (r"\alpha-helix", "α-helix", []),
        (DEEP, "deep", ["BIB022"]),
        ("\\'" * 1000 + "e", "e", ["BIB022"]),
        (r"\emph{" * 600 + "x" + "}" * 600, "x", ["BIB022"]),
    ],
)
def test_latex_never_raises_and_keeps_the_text(latex: str, text: str, codes: list[str]) -> None:
    assert latex_to_plain(latex) == text
    assert "%s" not in latex_to_text(latex).render(HtmlBackend())
    assert [code for code, _ in latex_problems(latex)] == codes


def test_deep_nesting_is_capped_even_near_the_recursion_limit() -> None:
    # The cap does not depend on how much stack the caller already uses.
    def nested(levels: int) -> str:
        return latex_to_plain(DEEP + str(levels)) if levels == 0 else nested(levels - 1)

    assert nested(sys.getrecursionlimit() - 200) == "deep0"


def bib(text: str) -> tuple[Bibliography, list[str]]:
    result = parse_bib_text(text, "x.bib")
    out = Bibliography(diagnostics=list(result.diagnostics))
    for entry in result.entries:
        out.entries[entry.key] = entry
    return out, [f"{d.line}:{d.code}" for d in check_bibliography(out)]


ENTRY = """\
@misc{{k,
  title = {{{title}}},
  url = {{https://example.org/}},
  verification = {{primary}},
  year = {{2021}},
}}
"""


@pytest.mark.parametrize(
    ("title", "found"),
    [
        (r"Intro \input{x}", ["2:BIB021"]),
        (r"\verb|x| and \foo{y}", ["2:BIB020"]),
        (DEEP, ["2:BIB022"]),
    ],
)
def test_check_reports_what_the_build_works_around(title: str, found: list[str]) -> None:
    loaded, codes = bib(ENTRY.format(title=title))
    assert codes == found
    formatted = loaded.formatted("k")
    assert formatted is not None and "2021" in formatted.text


def test_deep_author_is_bib022_not_a_misleading_bib018() -> None:
    text = ENTRY.format(title="T").replace("  year", f"  author = {{{DEEP}}},\n  year")
    loaded, codes = bib(text)
    assert codes == ["5:BIB022"]
    assert format_entry(loaded.entries["k"]).author == "deep"


# `%` inside an entry: biber skips the line; it must never take the next field with it.


def test_percent_comment_line_keeps_the_next_field() -> None:
    text = ENTRY.format(title="T").replace("  year", "  % checked 2026-11-25\n  year")
    loaded, codes = bib(text)
    assert loaded.entries["k"].fields["year"] == "2021"
    assert loaded.entries["k"].line_of("year") == 6
    assert codes == ["5:BIB025"]
    assert "2021" in loaded.formatted("k").text


def test_commented_out_field_is_skipped_and_the_real_one_kept() -> None:
    text = ENTRY.format(title="T").replace("  year", "  % year = {1999},\n  year")
    loaded, _ = bib(text)
    assert loaded.entries["k"].fields["year"] == "2021"
    assert "1999" not in str(loaded.entries["k"].fields)


def test_trailing_percent_comment_with_braces_and_commas_is_skipped() -> None:
    text = ENTRY.format(title="T").replace("  url", "  % see {this, and that\n  url")
    text = text.replace("{primary},", "{primary}, % checked, twice")
    loaded, codes = bib(text)
    assert set(loaded.entries["k"].fields) == {"title", "url", "verification", "year"}
    assert codes == ["3:BIB025", "5:BIB025"]


def test_percent_inside_a_value_is_text() -> None:
    text = ENTRY.format(title=r"50% of \% users").replace("  year", '  note = "5% more",\n  year')
    loaded, codes = bib(text)
    assert loaded.entries["k"].fields["title"] == r"50% of \% users"
    assert loaded.entries["k"].fields["note"] == "5% more"
    assert codes == []


def test_refs_fmt_refuses_rather_than_drop_a_comment_inside_an_entry() -> None:
    text = ENTRY.format(title="T").replace("  year", "  % keep me\n  year")
    with pytest.raises(UnformattableBib, match="line 5"):
        format_bib(text)


def test_crossref_loop_is_reported_once_at_its_entries() -> None:
    text = (
        "@misc{a, title={A}, crossref={b}}\n"
        "@misc{b, title={B}, crossref={c}}\n"
        "@misc{c, title={C}, crossref={a}}\n"
        "@misc{d, title={D}, crossref={a}}\n"
        "@misc{e, title={E}, crossref={e}}\n"
        "@misc{f, title={F}, crossref={nowhere}}\n"
    )
    loaded, _ = bib(text)
    found = [d for d in check_bibliography(loaded) if d.code in ("BIB023", "BIB024")]
    assert [(d.line, d.code, d.message) for d in found] == [
        (1, "BIB023", "`crossref` goes round in a circle: `a` → `b` → `c` → `a`"),
        (5, "BIB023", "`crossref` goes round in a circle: `e` → `e`"),
        (6, "BIB024", "`f` has `crossref = {nowhere}`, but no entry has that key"),
    ]


def test_hostile_bib_is_checked_built_and_exported(tmp_path: Path, monkeypatch, capsys) -> None:
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    hostile = ENTRY.format(
        title=r"\input{x} \verb|v| $\sqrt{n}$ \footnote{f} \textcolor{red}{c} \underline{u}"
    ).replace("@misc{k", "@misc{openai2024hello_x")
    with (root / "references" / "main.bib").open("a", encoding="utf-8") as fh:
        fh.write("\n" + hostile)
    monkeypatch.chdir(root)
    assert main(["check"]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "references/main.bib:" in out and "BIB021" in out
    assert main(["export", "data", "--out", str(tmp_path / "data")]) == 0
    exported = "".join(p.read_text("utf-8") for p in (tmp_path / "data").rglob("*.json"))
    assert "v √n (f) c u" in exported


def test_a_formatted_entry_never_shows_a_format_string() -> None:
    entry = Entry("k", "misc", {"title": r"\underline{x} \textcolor{red}{y}"}, "x.bib", 1)
    assert "%" not in format_entry(entry).html
