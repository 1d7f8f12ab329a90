"""The citation syntax beyond the Pandoc comparison: locators, positions in files, code."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from keepopen.citations import Locator, find_citations, parse, parse_locator
from keepopen.citations.scan import mask_non_prose


def test_modes_prefix_suffix_and_locator() -> None:
    first, second, third = parse("[see @key, pp. 33-35 and *passim*; -@b, ch. 2] @c [§ 4]")
    assert (first.key, first.mode, first.prefix, first.suffix) == (
        "key",
        "normal",
        "see",
        ", pp. 33-35 and *passim*",
    )
    assert first.locator == Locator("page", "33-35", "pp.", " and *passim*")
    assert (second.mode, second.locator) == ("suppress-author", Locator("chapter", "2", "ch."))
    assert (third.mode, third.suffix, third.locator) == (
        "author-in-text",
        "§ 4",
        Locator("section", "4", "§"),
    )


def test_locator_forms() -> None:
    assert parse_locator(", p. 12") == Locator("page", "12", "p.")
    assert parse_locator(" 12") == Locator("page", "12", "")
    assert parse_locator(", chapter 3.") == Locator("chapter", "3", "chapter", ".")
    assert parse_locator(", vol. iv") == Locator("volume", "iv", "vol.")
    assert parse_locator(", pp. 1-3, 7") == Locator("page", "1-3, 7", "pp.")
    assert parse_locator(", para. {iv, 3}") == Locator("paragraph", "iv, 3", "para.")
    assert parse_locator(", and elsewhere") is None
    assert parse_locator("") is None


def test_find_citations_reports_line_and_column_of_each_key() -> None:
    text = "---\ntitle: a@b [@front]\n---\n\nIntro [@a; see @b].\n  @c says.\n"
    found = [(o.key, o.line, o.col, o.group) for o in find_citations(text)]
    assert found == [("a", 5, 8, 0), ("b", 5, 16, 0), ("c", 6, 3, 1)]


def test_find_citations_skips_code_mail_and_urls() -> None:
    text = (
        "Write to editors@example.org or see https://example.org/@user and <https://x.org/@u>.\n"
        "Code `[@span]` and ``@double`` spans; escaped \\@esc.\n"
        "\n"
        "```python\n"
        "[@fenced]\n"
        "```\n"
        "\n"
        "~~~~\n"
        "@tilde\n"
        "~~~~\n"
        "\n"
        "    @indented [@code]\n"
        "    still code @x\n"
        "\n"
        "<!-- [@comment]\n"
        "@comment2 -->\n"
        "After all that, [@real].\n"
    )
    assert [(o.key, o.line) for o in find_citations(text)] == [("real", 17)]


def test_list_continuation_is_prose_not_code() -> None:
    text = "- item\n\n    continued [@inlist]\n\nplain\n\n    [@code]\n"
    assert [o.key for o in find_citations(text)] == ["inlist"]


def test_fences_inside_list_items_are_code() -> None:
    text = "1. step\n\n    ```\n    [@code]\n    ```\n\n2. [@after]\n"
    assert [o.key for o in find_citations(text)] == ["after"]


def test_masking_keeps_every_offset() -> None:
    text = "---\nx: 1\n---\n```\ncode\n```\ntext\n"
    masked = mask_non_prose(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert masked.endswith("text\n")


def test_paragraph_break_ends_a_bracket() -> None:
    assert [c.key for c in parse("[see\n\n@a]")] == ["a"]
    assert parse("[see\n\n@a]")[0].mode == "author-in-text"


def _key_by_the_rule(text: str, i: int) -> tuple[str, int] | None:
    """Pandoc's bare-key rule, character by character, as the regex must read it."""

    def word(c: str) -> bool:
        return c.isalnum() or c == "_"

    if i >= len(text) or not (word(text[i]) or text[i] == "*"):
        return None
    j = i + 1
    while j < len(text):
        c, after = text[j], text[j + 1 : j + 2]
        if (
            word(c)
            or (c in ":.#$%&-+?<>~/" and after and word(after))
            or (c in ":/" and after == "/")
        ):
            j += 1
        else:
            break
    return text[i:j], j


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab1_*:.#$%&-+?<>~/ ,;]é²١\u0301\n", max_size=12), st.integers(0, 12))
def test_bare_keys_follow_pandocs_rule(text: str, i: int) -> None:
    from keepopen.citations.syntax import _read_key

    assert _read_key(text, i) == _key_by_the_rule(text, i)
