"""Front-matter text is plain text: the check refuses markup in it and every record escapes it."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from keepopen.content.frontmatter import parse
from keepopen.content.library import scan
from keepopen.content.plaintext import (
    control_in,
    escape_markdown_inline,
    is_multi_line,
    markup_in,
    one_line,
)
from keepopen.content.record import page_record
from keepopen.content.validate import validate_front_matter

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def _html(md_text: str) -> _Tags:
    parsed = _Tags()
    parsed.feed(markdown.markdown(md_text, extensions=["tables", "md_in_html"]))
    return parsed


# --- escaping --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("A | B", "A &#124; B"),
        ("<img src=x onerror=alert(1)>", "&lt;img src&#61;x onerror&#61;alert(1)&gt;"),
        ("a [b] *c* _d_ `e`", "a &#91;b&#93; &#42;c&#42; &#95;d&#95; &#96;e&#96;"),
        ("line one\n# two\r\nthree", "line one &#35; two three"),
        ('Tom & Jerry\'s "show", p. 3 (2024)', 'Tom &amp; Jerry\'s "show", p. 3 (2024)'),
        ("stash\x02wzxhzdk:0\x03 here", "stashwzxhzdk:0 here"),
        ("café — naïve", "café — naïve"),
    ],
)
def test_escape_markdown_inline_writes_exact_text(value: str, expected: str) -> None:
    assert escape_markdown_inline(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "[x](javascript:alert(1))",
        "<!--<script>alert(1)</script>",
    ],
)
def test_escaped_markup_renders_as_its_text_in_a_table(value: str) -> None:
    cell = escape_markdown_inline(value)
    parsed = _html(f"| | |\n|---|---|\n| Claim | {cell} |\n")
    assert [tag for tag, _ in parsed.tags] == [
        "table",
        "thead",
        "tr",
        "th",
        "th",
        "tbody",
        "tr",
    ] + [
        "td",
        "td",
    ]
    assert value in parsed.text


def test_citations_stay_citations_only_when_written_plainly() -> None:
    plain = "As [see @un2024, p. 3] and @oecd2021 [p. 5] say"
    assert escape_markdown_inline(plain, citations=True) == plain
    # Without `citations`, the same text is only text.
    assert "@" not in escape_markdown_inline(plain)
    # Markup or a link inside the brackets: the group is shown as text, not read as Markdown.
    assert escape_markdown_inline("[<b>x</b> @un2024]", citations=True) == (
        "&#91;&lt;b&gt;x&lt;/b&gt; &#64;un2024&#93;"
    )
    assert "[" not in escape_markdown_inline("[[a](javascript:x) @un2024]", citations=True)


def test_one_line_collapses_breaks_and_drops_controls() -> None:
    assert one_line(" A\r\nTY  - JOUR\u2028B\x00C\t ") == "A TY - JOUR BC"


# --- what the check refuses -------------------------------------------------------------------


def test_markup_and_control_detection() -> None:
    assert markup_in("a < b, 3<4") is None
    assert markup_in("x <img src=x>") == "<img src=x>"
    assert markup_in("<!-- c -->") == "<!-- c -->"
    assert control_in("a\nb", multi_line=True) is None
    assert control_in("a\nb", multi_line=False) == "a line break"
    assert control_in("text\n", multi_line=False) is None  # YAML block text's last break
    assert "U+0007" in (control_in("bell\x07", multi_line=True) or "")
    assert control_in("a\tb", multi_line=False) is None
    assert is_multi_line(("counter_arguments", 0, "answer"))
    assert is_multi_line(("fields", "description"))
    assert not is_multi_line(("title",)) and not is_multi_line(("tags", 0))


PAGE = """---
type: argument
id: a
title: "Open <img src=x onerror=alert(1)>"
claim: |
  First line.
  Second line <!-- hidden -->.
themes: [continuity]
evidence: {references: [x]}
policy_asks:
  - "Ask\\u0007 twice"
tags: ["two\\nlines"]
---
"""


def test_check_reports_markup_and_controls_at_the_value() -> None:
    front, _ = parse(PAGE)
    assert front is not None
    model, problems = validate_front_matter(front, "docs/a.md")
    found = sorted((d.code, d.line, d.col, d.message) for d in problems)
    assert model is not None  # escaped when rendered; the check still fails
    assert found == [
        (
            "FM009",
            4,
            8,
            "`title` contains markup `<img src=x onerror=a…`; this field is plain text",
        ),
        ("FM009", 5, 8, "`claim` contains markup `<!-- hidden -->.`; this field is plain text"),
        ("FM010", 11, 5, "`policy_asks[0]` contains the invisible character U+0007"),
        ("FM010", 12, 8, "`tags[0]` contains a line break"),
    ]
    assert all(d.fix for d in problems)


def test_the_real_library_has_no_plain_text_problems() -> None:
    root = Path(__file__).resolve().parents[2]
    codes = {d.code for d in scan(root).diagnostics}
    assert not codes & {"FM009", "FM010"}


# --- records ----------------------------------------------------------------------------------


@pytest.fixture
def hostile_library(tmp_path: Path):
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    argument = root / "docs" / "arguments" / "keep-it-open.md"
    text = argument.read_text(encoding="utf-8")
    text = text.replace(
        "claim: Models people depend on should stay available.",
        'claim: "A | B <details open ontoggle=alert(1)>"',
    )
    argument.write_text(text, encoding="utf-8")
    testimony = root / "docs" / "testimony" / "quiet-loss.md"
    text = testimony.read_text(encoding="utf-8")
    text = text.replace("title: A quiet loss", 'title: "Quiet ] [loss](javascript:alert(2)) ["')
    text = re.sub(r"^summary: .*$", "summary: |\n  One\n  # Two\n  | x |", text, flags=re.M)
    testimony.write_text(text, encoding="utf-8")
    return scan(root)


def test_facts_table_keeps_one_row_per_fact(hostile_library) -> None:
    record = page_record(hostile_library.get("keep-it-open"), hostile_library)
    assert "| Claim | A &#124; B &lt;details open ontoggle&#61;alert(1)&gt; |" in record.facts
    parsed = _html(record.facts)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert "A | B <details open ontoggle=alert(1)>" in parsed.text


def test_multi_line_summary_stays_in_its_cell(hostile_library) -> None:
    record = page_record(hostile_library.get("quiet-loss"), hostile_library)
    assert "| Summary | One &#35; Two &#124; x &#124; |" in record.facts
    tags = [tag for tag, _ in _html(record.facts).tags]
    assert "h1" not in tags
    assert tags.count("tr") == 1 + 7  # the header row and the testimony's seven facts


def test_bracketed_title_makes_one_link(hostile_library) -> None:
    record = page_record(hostile_library.get("keep-it-open"), hostile_library)
    link = "[Quiet &#93; &#91;loss&#93;(javascript:alert(2)) &#91;](../testimony/quiet-loss.md)"
    assert f"- {link}" in record.evidence
    hrefs = [a.get("href") for tag, a in _html(record.evidence).tags if tag == "a"]
    assert "../testimony/quiet-loss.md" in hrefs
    assert not any(h.startswith("javascript") for h in hrefs)


def test_plain_text_is_kept_ascii_and_any_non_ascii_character() -> None:
    """The fast path of `escape_markdown_inline`: every ASCII character it lets through is in
    the kept set, and every other ASCII character is escaped."""
    from keepopen.content.plaintext import _KEEP, _PLAIN

    for code in range(128):
        assert (_PLAIN.fullmatch(chr(code)) is not None) == (chr(code) in _KEEP), code
    for char in "é\u0080\u00a0\u2028中\U0001f600\U0010ffff":
        assert _PLAIN.fullmatch(f"a {char} b")
