"""Small pieces: body parsing into claims, citation styles, the page estimate's wrapping."""

from __future__ import annotations

from keepopen.export.submission.citestyle import CitationRenderer, plain_inline
from keepopen.export.submission.claims import Block, classify, parse_body
from keepopen.export.submission.layout import wrap_lines
from keepopen.export.submission.sources import Reference


def _refs() -> dict[str, Reference]:
    return {
        "a": Reference("a", "primary", "A text.", {}, "Alpha", "2020"),
        "b": Reference("b", "secondary", "B text.", {}, "Beta and Gamma", "2021"),
        "u": Reference("u", "unverified", "U text.", {}, "Upsilon", "n.d."),
    }


def test_claim_status_follows_the_weakest_reference() -> None:
    refs = _refs()

    def status(text: str) -> str:
        return classify(Block("paragraph", text, 1), refs).status

    assert status("No citation here.") == "uncited"
    assert status("Fact [@a; @b].") == "verified"
    assert status("Fact [@a; @u].") == "unverified"
    assert status("Fact [@zzz].") == "unknown-reference"
    assert status("Write to editors@example.org.") == "uncited"


def test_parse_body_splits_paragraphs_lists_quotes_and_reports_tables() -> None:
    body = (
        "# Title\n\nFirst line\ncontinues.\n\n## Part\n\n- item one [@a]\n"
        "    - nested item\n\n> quoted\n> text\n\n| a | b |\n|---|---|\n\n"
        "```\ncode\n```\n<!-- editors only -->\nLast.\n"
    )
    blocks, left = parse_body(body, 10, "p.md")
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("paragraph", "First line continues.", 12),
        ("heading", "Part", 15),
        ("paragraph", "item one [@a]", 17),
        ("paragraph", "nested item", 18),
        ("quote", "quoted text", 20),
        ("paragraph", "Last.", 30),
    ]
    assert [x.reason.split(" ")[0] for x in left] == ["table", "code"]


def test_notes_to_editors_are_never_exported() -> None:
    body = (
        'Intro.\n\n!!! editors "Before submitting"\n    Confirm the address.\n\n'
        "    And this.\n\nEnd.\n"
    )
    blocks, left = parse_body(body, 1, "p.md")
    assert [b.text for b in blocks] == ["Intro.", "End."]
    assert left[0].reason == "note to editors (`!!! editors`) is not exported"
    assert left[0].excerpt == "Before submitting"


def test_numeric_style_numbers_in_first_use_order_with_locators() -> None:
    r = CitationRenderer("numeric", _refs())
    assert r.render("One [@b, p. 3]. Two [@a; @b].") == "One [1, p. 3]. Two [2; 1]."
    assert r.render("As @a shows.") == "As Alpha [2] shows."
    assert [label for label, _ in r.reference_list()] == ["[1]", "[2]"]


def test_author_date_style_and_suppressed_author() -> None:
    r = CitationRenderer("author-date", _refs())
    assert r.render("X [@a, pp. 2-3]. Y [-@b].") == "X (Alpha 2020, pp. 2-3). Y (2021)."
    assert r.render("@b argue it.") == "Beta and Gamma (2021) argue it."
    assert r.render("Z [@u].", mark_unverified=True) == "Z (Upsilon n.d., unverified)."
    assert [ref.key for _, ref in r.reference_list()] == ["a", "b", "u"]


def test_plain_inline_keeps_words_of_links_and_emphasis() -> None:
    assert plain_inline("See **the** [arguments](../a.md) and *this* `code`.") == (
        "See the arguments and this code."
    )
    assert plain_inline("snake_case_name stays") == "snake_case_name stays"


def test_wrap_lines_is_greedy_and_breaks_long_words() -> None:
    assert wrap_lines("aaa bbb ccc", 7) == 2
    assert wrap_lines("", 10) == 1
    assert wrap_lines("x" * 25, 10) == 3
