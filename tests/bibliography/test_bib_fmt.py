"""`format_bib` / `keepopen refs fmt`: one canonical layout that loses nothing, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepopen.bibliography.fmt import UnformattableBib, content_of, format_bib
from keepopen.bibliography.loader import parse_bib_text

BIB = Path(__file__).resolve().parents[1] / "fixtures" / "bib"

# -- a generator of random but valid BibTeX documents, with varied surface syntax ------------

_ws = st.sampled_from(["", " ", "  ", "\t", "\n", " \n  "])
_word = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüß0123456789", min_size=1,
                max_size=8)  # fmt: skip
_punct = st.sampled_from([" ", " ", ", ", ". ", ": ", " -- ", "'", "(", ")", "&", "%", "#", "/",
                          "\n    ", r"\"o", r"\emph{x}", r"\&", "~", "$x^2$", "="])  # fmt: skip


@st.composite
def _text(draw, depth: int = 0, quotes_ok: bool = True) -> str:
    """Text with balanced braces (and, if `quotes_ok`, double quotes inside braces)."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        choice = draw(st.integers(0, 9))
        if choice < 5:
            parts.append(draw(_word))
        elif choice < 8:
            parts.append(draw(_punct))
        elif depth < 2:
            parts.append("{" + draw(_text(depth + 1, quotes_ok=True)) + "}")
        elif quotes_ok:
            parts.append('{"}')
    return "".join(parts)


_macro_names = st.sampled_from(["jan", "sep", "Dec", "pubA", "pubb", "undefinedmacro"])


@st.composite
def _piece(draw) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return "{" + draw(_text()) + "}"
    if kind == 1:
        return '"' + draw(_text(depth=1, quotes_ok=False)).replace('"', "") + '"'
    if kind == 2:
        return str(draw(st.integers(0, 3000)))
    if kind == 3:
        return draw(_macro_names)
    return "{" + draw(_text()) + "}"


@st.composite
def _value(draw) -> str:
    pieces = draw(st.lists(_piece(), min_size=1, max_size=3))
    sep = draw(st.sampled_from([" # ", "#", " #\n  "]))
    return sep.join(pieces)


_field_names = st.sampled_from(
    ["title", "Title", "AUTHOR", "author", "year", "date", "url", "doi", "note", "month",
     "journaltitle", "verification", "x-custom", "zzz", "abstract", "keywords", "pages"]
)  # fmt: skip
_key = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_:\-]{0,10}\Z")


@st.composite
def _entry(draw) -> str:
    type_ = draw(st.sampled_from(["article", "Misc", "ONLINE", "book", "report", "podcast"]))
    opening, closing = draw(st.sampled_from([("{", "}"), ("(", ")")]))
    fields = draw(st.lists(st.tuples(_field_names, _value()), max_size=6))
    body = [f"{draw(_ws)}{name}{draw(_ws)}={draw(_ws)}{value}{draw(_ws)}" for name, value in fields]
    trailing = "," if fields and draw(st.booleans()) else ""
    if not fields and draw(st.booleans()):
        return f"@{type_}{opening}{draw(_key)}{closing}"
    return f"@{type_}{opening}{draw(_key)},{','.join(body)}{trailing}\n{closing}"


@st.composite
def _string(draw) -> str:
    name = draw(st.sampled_from(["pubA", "pubb", "other"]))
    return f"@String{{{name}{draw(_ws)}={draw(_ws)}{draw(_value())}}}"


@st.composite
def _preamble(draw) -> str:
    return (
        "@PREAMBLE{" + draw(st.sampled_from(['"\\newcommand{\\x}{y}"', '"a" # "b"', "{z}"])) + "}"
    )


@st.composite
def _explicit_comment(draw) -> str:
    return "@comment{" + draw(_text(quotes_ok=True)) + "}"


@st.composite
def _implicit_comment(draw) -> str:
    lines = draw(st.lists(st.text("% abcXYZ-:;.,{}()\t", min_size=1, max_size=20), min_size=1,
                          max_size=3))  # fmt: skip
    return "\n".join(lines)


_block = st.one_of(_entry(), _string(), _preamble(), _explicit_comment(), _implicit_comment())


@st.composite
def documents(draw) -> str:
    blocks = draw(st.lists(_block, max_size=7))
    seps = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n  \n"])) for _ in blocks]
    return "".join(b + s for b, s in zip(blocks, seps, strict=True))


def _entries(text: str) -> list[tuple]:
    result = parse_bib_text(text, "x.bib")
    return [(e.key, e.type, e.fields) for e in result.entries]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_format_loses_nothing_and_is_idempotent(doc: str) -> None:
    assert "failed" not in [block[0] for block in content_of(doc)], doc  # the generator is valid
    formatted = format_bib(doc)
    assert content_of(formatted) == content_of(doc)
    assert _entries(formatted) == _entries(doc)
    assert format_bib(formatted) == formatted


# -- realistic exports -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["good/zotero.bib", "good/betterbiblatex.bib", "good/project.bib", "broken/rules.bib",
             "broken/dup_b.bib", "broken/dup_field.bib", "broken/comment_at.bib"]
)  # fmt: skip
def test_reference_manager_exports(name: str) -> None:
    original = (BIB / name).read_text(encoding="utf-8")
    formatted = format_bib(original)
    assert content_of(formatted) == content_of(original)
    assert format_bib(formatted) == formatted
    before = parse_bib_text(original, name)
    after = parse_bib_text(formatted, name)
    assert [(e.key, e.fields) for e in after.entries] == [(e.key, e.fields) for e in before.entries]
    # The same problems are found, only at their new lines.
    assert [d.code for d in after.diagnostics] == [d.code for d in before.diagnostics]


def test_canonical_layout() -> None:
    original = (
        "% A comment kept right above its entry\n"
        '@Article(Key1, Title = "A {"}quoted{"} title" ,year=2020, month = jan,\n'
        '  publisher = pubA # " and " # {B}, author={Doe, Jane},)\n'
        '@STRING{pubA = "Press A"}\n@string{pubB = {Press B}}\n'
        '\n\n@preamble{ "\\newcommand{\\noop}[1]{}" }\n'
        "@misc{empty}\n"
    )
    assert format_bib(original) == (
        "% A comment kept right above its entry\n"
        "@article{Key1,\n"
        "  author       = {Doe, Jane},\n"
        '  title        = {A {"}quoted{"} title},\n'
        "  publisher    = pubA # { and } # {B},\n"
        "  year         = {2020},\n"
        "  month        = jan\n"
        "}\n"
        "\n"
        "@string{pubA = {Press A}}\n"
        "@string{pubB = {Press B}}\n"
        "\n"
        '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "\n"
        "@misc{empty}\n"
    )


def test_unreadable_blocks_refuse_formatting() -> None:
    with pytest.raises(UnformattableBib) as info:
        format_bib((BIB / "broken" / "unclosed.bib").read_text(encoding="utf-8"))
    assert info.value.lines == [7, 18]
