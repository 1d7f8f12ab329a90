"""Small pieces: the block reader, claims, citation styles and notes, dates, the estimate."""

from __future__ import annotations

import datetime as dt

from keepopen.bibliography import Bibliography, Entry
from keepopen.dates import long_date
from keepopen.export.submission.citestyle import CitationRenderer, flatten, plain_inline
from keepopen.export.submission.claims import Block, classify, parse_body
from keepopen.export.submission.layout import wrap_lines


def _refs() -> Bibliography:
    def entry(key: str, verification: str, author: str, year: str) -> Entry:
        fields = {"author": author, "title": f"{key.upper()} text", "verification": verification}
        if year:
            fields["year"] = year
        return Entry(key, "misc", fields, "t.bib", 1)

    return Bibliography(
        entries={
            "a": entry("a", "primary", "Alpha, Ann", "2020"),
            "b": entry("b", "secondary", "Beta, Bo and Gamma, Gil", "2021"),
            "u": entry("u", "unverified", "Upsilon, Uma", ""),
        }
    )


def test_claim_status_is_judged_per_citation() -> None:
    refs = _refs()

    def status(text: str) -> str:
        return classify(Block("paragraph", text, 1), refs).status

    assert status("No citation here.") == "uncited"
    assert status("Fact [@a; @b].") == "verified"
    # A sound source remains: the claim stays, the unverified citation is dropped.
    assert status("Fact [@a; @u].") == "verified"
    assert classify(Block("paragraph", "Fact [@a; @u].", 1), refs).weak_keys == ["u"]
    # A statement resting only on an unverified source is not exported.
    assert status("Fact [@u]. Other [@a].") == "unverified"
    assert status("Fact [@zzz].") == "unknown-reference"
    assert status("Write to editors@example.org.") == "uncited"


def test_unverified_citation_dropped_or_marked() -> None:
    assert CitationRenderer("numeric", _refs()).render("Fact [@a; @u].") == "Fact [1]."
    marked = CitationRenderer("numeric", _refs(), include_unverified=True)
    assert marked.render("Fact [@a; @u].") == "Fact [1; 2, unverified]."


def test_parse_body_splits_paragraphs_lists_quotes_and_reports_tables() -> None:
    body = (
        "# Title\n\nFirst line\ncontinues.\n\n## Part { #part }\n\n- item one [@a]\n"
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


def test_reader_reads_blocks_as_the_site_does() -> None:
    body = (
        "Before.\n\n    indented code is code\n\n"
        "````markdown\n```python\nleak = True\n```\n````\n\n"
        '<abbr title="United Nations">UN</abbr> bodies said so.\n\n'
        "*[UN]: United Nations\n\nAfter.\n"
    )
    blocks, left = parse_body(body, 1, "p.md")
    assert [b.text for b in blocks] == [
        "Before.",
        '<abbr title="United Nations">UN</abbr> bodies said so.',
        "After.",
    ]
    assert [x.reason for x in left] == ["code is not exported"] * 2
    assert plain_inline(blocks[1].text) == "UN bodies said so."


def test_notes_to_editors_and_navigation_are_never_exported() -> None:
    body = (
        'Intro.\n\n!!! editors "Before submitting"\n    Confirm the address.\n\n'
        "    And this.\n\n??? editors\n    Folded note.\n\n"
        '!!! note "Background"\n    Kept.\n\n'
        "[Back to the timeline](../timeline.md)\n\n"
        "[Previous](a.md) | [Next](b.md)\n\nEnd.\n"
    )
    blocks, left = parse_body(body, 1, "p.md")
    assert [b.text for b in blocks] == ["Intro.", "Background", "Kept.", "End."]
    assert left[0].reason == "note to editors (`!!! editors`) is not exported"
    assert left[0].excerpt == "Before submitting"
    assert [x.reason for x in left[2:]] == ["navigation links are not exported"] * 2


def test_a_dropped_table_takes_its_lead_in_sentence() -> None:
    body = "Costs differ in a different way:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNext.\n"
    blocks, left = parse_body(body, 1, "p.md")
    assert [b.text for b in blocks] == ["Next."]
    assert left[0].reason == "introduces a table that is not exported"


def test_links_keep_their_target_as_a_note() -> None:
    r = CitationRenderer("numeric", _refs())
    text, notes = r.render_item("See [the policy](https://example.net/p) and [a page](../a.md).")
    assert text == "See the policy and a page."
    assert [(n.offset, n.text, n.kind) for n in notes] == [(14, "https://example.net/p", "link")]
    assert flatten(text, notes) == ("See the policy (https://example.net/p) and a page.", [])


def test_footnote_style_puts_citations_in_notes() -> None:
    r = CitationRenderer("footnotes", _refs())
    text, notes = r.render_item("One [@a, p. 3]. Two [@a; @b].")
    assert text == "One. Two."
    assert [n.offset for n in notes] == [4, 9]  # after the full stop, as UN documents place them
    assert notes[0].text.startswith("Alpha") and notes[0].text.endswith(", p. 3.")
    assert notes[1].text.startswith("Alpha 2020; Beta")  # short form after the first
    assert flatten(text, notes) == ("One.[1] Two.[2]", [notes[0].text, notes[1].text])


def test_numeric_style_numbers_in_first_use_order_with_locators() -> None:
    r = CitationRenderer("numeric", _refs())
    assert r.render("One [@b, p. 3]. Two [@a; @b].") == "One [1, p. 3]. Two [2; 1]."
    assert r.render("As @a shows.") == "As Alpha [2] shows."
    assert [row.label for row in r.reference_list()] == ["[1]", "[2]"]


def test_author_date_style_and_suppressed_author() -> None:
    r = CitationRenderer("author-date", _refs(), include_unverified=True)
    assert r.render("X [@a, pp. 2-3]. Y [-@b].") == "X (Alpha 2020, pp. 2-3). Y (2021)."
    assert r.render("@b argue it.") == "Beta and Gamma (2021) argue it."
    assert r.render("Z [@u].") == "Z (Upsilon n.d., unverified)."
    assert [row.entry.key for row in r.reference_list()] == ["a", "b", "u"]


def test_plain_inline_keeps_words_of_links_and_emphasis() -> None:
    assert plain_inline("See **the** [arguments](../a.md) and *this* `code`.") == (
        "See the arguments and this code."
    )
    assert plain_inline("snake_case_name stays") == "snake_case_name stays"
    assert plain_inline("A note[^1] and **bold**{ .x } text.") == "A note and bold text."


def test_dates_are_written_out() -> None:
    assert long_date(dt.date(2026, 11, 27)) == "27 November 2026"
    assert long_date(dt.date(2026, 3, 1)) == "1 March 2026"


def test_wrap_lines_is_greedy_and_breaks_long_words() -> None:
    assert wrap_lines("aaa bbb ccc", 7) == 2
    assert wrap_lines("", 10) == 1
    assert wrap_lines("x" * 25, 10) == 3
    assert wrap_lines("WWWWW", 10) == 1 and wrap_lines("WWWWWW", 10) == 2
    assert wrap_lines("\u6587" * 10, 10) == 2  # CJK: a full em each, no spaces needed


def test_links_to_library_pages_become_site_addresses() -> None:
    body = "See [the policy](../evidence/events/policy.md#notice) and [x](https://a.org).\n"
    blocks, _ = parse_body(
        body, 1, "docs/arguments/a.md", src="arguments/a.md", site_url="https://k.org/"
    )
    text, notes = CitationRenderer("numeric", _refs()).render_item(blocks[0].text)
    assert flatten(text, notes)[0] == (
        "See the policy (https://k.org/evidence/events/policy/#notice) and x (https://a.org)."
    )
    # An unpublished library (example.org, the default) gives no address it does not have.
    blocks, _ = parse_body(
        body, 1, "docs/arguments/a.md", src="arguments/a.md", site_url="https://k.example.org/"
    )
    text, notes = CitationRenderer("numeric", _refs()).render_item(blocks[0].text)
    assert flatten(text, notes)[0] == "See the policy and x (https://a.org)."
