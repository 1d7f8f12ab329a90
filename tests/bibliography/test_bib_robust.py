"""Arbitrary input never raises: loading, formatting and LaTeX conversion degrade, not crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepopen.bibliography import Entry, format_entry
from keepopen.bibliography.fmt import UnformattableBib, content_of, format_bib
from keepopen.bibliography.latex import latex_to_text
from keepopen.bibliography.loader import parse_bib_text

_tokens = st.sampled_from(
    list("@{}()\"#=,%\\$^_~-`' \n\tabcXYZé0123") + ["@misc{", "@string{", "\\emph{", " = "]
)
_bibish = st.lists(_tokens, max_size=60).map("".join)
_fast = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fast
@given(_bibish)
def test_parse_never_raises(text: str) -> None:
    result = parse_bib_text(text, "x.bib")
    assert all(d.path == "x.bib" and d.line >= 1 for d in result.diagnostics)


@_fast
@given(_bibish)
def test_fmt_either_refuses_or_keeps_content(text: str) -> None:
    try:
        formatted = format_bib(text)
    except UnformattableBib:
        return
    assert content_of(formatted) == content_of(text)
    assert format_bib(formatted) == formatted


@_fast
@given(_bibish, st.sampled_from(["article", "online", "book", "weird", "thesis"]))
def test_formatting_never_raises(text: str, type_: str) -> None:
    fields = {"author": text, "title": text, "date": text, "url": text, "pages": text}
    formatted = format_entry(Entry("k", type_, fields, "x.bib", 1))
    assert isinstance(formatted.html, str) and formatted.year
    latex_to_text(text).render_as("html")
