"""The Python-Markdown extension on a small real `.bib`: exact HTML of every citation form."""

from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.citations.markdown_ext import CitationsExtension

FIXTURE = Path(__file__).parents[1] / "fixtures" / "citations" / "refs.bib"


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    loaded = load_bibliography([FIXTURE])
    assert loaded.diagnostics == []
    return loaded


def render(text: str, bib: Bibliography, **config: object) -> tuple[str, CitationsExtension]:
    ext = CitationsExtension(bibliography=bib, **config)
    out = markdown.markdown(text, extensions=[ext, "footnotes", "pymdownx.superfences"])
    return out, ext


def link(bib: Bibliography, key: str, text: str) -> str:
    """A citation's link: characters above U+00FF as references (`ascii_html`)."""
    from keepopen.citations.render import ascii_html

    title = ascii_html(html.escape(bib.formatted(key).text, quote=True))
    return f'<a class="citation-ref" href="#ref-{key}" title="{title}">{text}</a>'


def test_author_year_forms(bib: Bibliography) -> None:
    out, _ = render(
        "A [@oecd2021, p. 12]. B @oecd2021. C [-@oecd2021]. D [@zeta2019; @smith2020].", bib
    )
    oecd = link(bib, "oecd2021", "OECD 2021")
    assert (
        f'A <span class="citation" data-cites="oecd2021" id="citation-1">({oecd}, p. 12)</span>.'
        in out
    )
    author, year = link(bib, "oecd2021", "OECD"), link(bib, "oecd2021", "2021")
    # One link per key: in `@key` the author is the link and the year plain text.
    assert (
        f'B <span class="citation" data-cites="oecd2021" id="citation-2">{author} (2021)</span>.'
        in out
    )
    assert f'C <span class="citation" data-cites="oecd2021" id="citation-3">({year})</span>.' in out
    zeta, smith = link(bib, "zeta2019", "Zeta 2019"), link(bib, "smith2020", "Smith and Jones 2020")
    assert (
        f'D <span class="citation" data-cites="zeta2019 smith2020" id="citation-4">'
        f"({zeta}; {smith})</span>" in out
    )


def test_prefix_suffix_and_author_in_text_locator(bib: Bibliography) -> None:
    out, _ = render("[see @smith2020, pp. 33-35 and *passim*] and @zeta2019 [p. 7]", bib)
    smith = link(bib, "smith2020", "Smith and Jones 2020")
    assert f"(see {smith}, pp. 33-35 and <em>passim</em>)" in out
    assert link(bib, "zeta2019", "Zeta") + " (2019, p. 7)</span>" in out


def test_references_section_in_author_year_order(bib: Bibliography) -> None:
    out, _ = render("[@zeta2019] [@alpha2022] [@muller2024] [@zeta2019]", bib)
    assert '<h2 class="references-heading" id="references">References</h2>' in out
    # Search indexes references on the bibliography page, not on every citing page.
    assert '<div class="references csl-bib-body" data-search-exclude="" id="refs"' in out
    order = [out.index(f'id="ref-{k}"') for k in ("alpha2022", "muller2024", "zeta2019")]
    assert order == sorted(order)
    assert out.count('id="ref-zeta2019"') == 1
    entry = bib.formatted("zeta2019").html
    level = bib.get("zeta2019").verification
    badge = f'<span class="keepopen-verification keepopen-verification--{level}" '
    assert f'<div class="csl-entry" id="ref-zeta2019" role="listitem">{entry} {badge}' in out
    assert "oecd2021" not in out  # only what the page cites


def test_numeric_style_numbers_in_order_of_first_citation(bib: Bibliography) -> None:
    out, _ = render("@zeta2019 says [@alpha2022, p. 3; @zeta2019] and [-@alpha2022].", bib,
                    style="numeric")  # fmt: skip
    zeta, alpha = link(bib, "zeta2019", "1"), link(bib, "alpha2022", "2")
    assert (
        f'<span class="citation" data-cites="zeta2019" id="citation-1">Zeta [{zeta}]</span> says'
        in out
    )
    assert f"[{alpha}, p. 3; {zeta}]" in out
    assert (
        f'and <span class="citation" data-cites="alpha2022" id="citation-3">[{alpha}]</span>.'
        in out
    )
    assert out.index('id="ref-zeta2019"') < out.index('id="ref-alpha2022"')
    assert '<span class="csl-left-margin">[1]</span>' in out


def test_unknown_key_is_visible_and_recorded(bib: Bibliography) -> None:
    seen: list[str] = []
    out, ext = render("See [@smith202, p. 3] and @nobody.", bib, on_unknown=seen.append)
    assert (
        '<span class="citation unresolved" data-cites="smith202" '
        'title="Unknown citation key: smith202">[@smith202, p. 3]</span>'
    ) in out
    assert '<span class="citation unresolved" data-cites="nobody"' in out
    assert seen == ext.unknown == ["smith202", "nobody"]
    assert 'id="references"' not in out


def test_code_mail_urls_and_escapes_are_left_alone(bib: Bibliography) -> None:
    text = (
        "Mail editors@example.org, `[@oecd2021]`, \\@oecd2021, https://example.org/@oecd2021 "
        "and <https://example.org/@zeta2019>.\n\n```\n[@smith2020]\n```\n\n    @alpha2022\n"
    )
    out, ext = render(text, bib)
    assert 'class="citation' not in out
    assert "<code>[@oecd2021]</code>" in out
    assert ", @oecd2021, " in out  # the escape prints a plain `@`, as Pandoc does
    assert "[@smith2020]\n</code></pre>" in out
    assert ext.unknown == []


def test_citations_in_footnotes_are_listed(bib: Bibliography) -> None:
    out, _ = render("Text.[^1]\n\n[^1]: As @zeta2019 shows.", bib)
    assert 'data-cites="zeta2019"' in out
    assert 'id="ref-zeta2019"' in out


def test_registered_entry_point_loads_the_extension() -> None:
    out = markdown.markdown(
        "[@zeta2019]",
        extensions=["keepopen.citations"],
        extension_configs={"keepopen.citations": {"bibliography": [str(FIXTURE)]}},
    )
    assert 'href="#ref-zeta2019"' in out


def test_each_reference_shows_its_verification_level(bib: Bibliography) -> None:
    out, _ = render("[@zeta2019] [@alpha2022]", bib)
    for key in ("zeta2019", "alpha2022"):
        level = bib.get(key).verification
        assert level in {"primary", "secondary", "unverified"}
        start = out.index(f'id="ref-{key}"')
        assert f'keepopen-verification--{level}" title="Verification: {level}: ' in out[start:]


def test_stashed_citations_are_written_as_python_markdown_would(bib: Bibliography) -> None:
    from markdown.serializers import to_xhtml_string

    from keepopen.citations import render
    from keepopen.citations.syntax import scan

    text = (
        "[@oecd2021, p. 12] @smith2020 [chap. 2] [-@zeta2019] [see @alpha2022; @smith2020] "
        "@oecd2021 [see pp. 3-4; -@zeta2019] [@{zeta2019}, § 2]"
    )
    groups = list(scan(text))
    assert len(groups) == 6
    for group in groups:
        element = render.citation_element(group.citations, group.textual, bib, "author-year")
        html = render.citation_html(group.citations, group.textual, bib, "author-year")
        assert html == render.ascii_html(to_xhtml_string(element))
        assert html is not None and max(map(ord, html)) <= 0xFF
    odd = SimpleNamespace(author='AT&T <Labs> & "Co"', year="2020&amp;", text='A "t" & <b>')
    stub = SimpleNamespace(get=lambda key: odd, formatted=lambda key: odd)
    for group in scan("[@x, p. 2] @x [-@x]"):
        element = render.citation_element(group.citations, group.textual, stub, "author-year")
        html = render.citation_html(group.citations, group.textual, stub, "author-year")
        assert html == to_xhtml_string(element)
    rich = next(scan("[@oecd2021, p. 3 and *passim*]"))
    assert render.citation_html(rich.citations, rich.textual, bib, "author-year") is None


def test_a_page_of_ascii_text_stays_ascii_with_its_citations(bib: Bibliography) -> None:
    """Titles with `“”`, `–` and `é`, and the back-links' arrow, go in as character
    references, so Python keeps the page one byte a character and encodes it by copying;
    readers see the characters."""
    out, _ = render("Plain [@smith2020, p. 3]. Then [-@muller2024]. [@smith2020, *passim*]", bib)
    assert "<em>passim</em>" in out  # a citation left in the tree: its title too
    assert out.isascii()
    shown = html.unescape(out)
    assert "“On Model Retirement and the Café Problem.”" in shown and "33–35" in shown
    assert "↩\ufe0e1" in shown and "Müller" in shown


def test_citations_with_markdown_in_prefix_or_suffix_stay_in_the_tree(bib: Bibliography) -> None:
    plain, _ = render("[see @oecd2021, pp. 33-35]", bib)
    rich, _ = render("[see @oecd2021, pp. 33-35 and *passim*]", bib)
    assert "(see <a " in plain and "pp. 33-35)" in plain
    assert "pp. 33-35 and <em>passim</em>)" in rich
