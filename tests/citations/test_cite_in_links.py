"""Citations inside link text or image alt text keep the link or image whole (issue 12)."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.citations.enclosing import enclosing
from keepopen.citations.markdown_ext import CitationsExtension

FIXTURE = Path(__file__).parents[1] / "fixtures" / "citations" / "refs.bib"


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_bibliography([FIXTURE])


def render(text: str, bib: Bibliography, style: str = "author-year") -> str:
    ext = CitationsExtension(bibliography=bib, style=style)
    return markdown.markdown(text, extensions=[ext, "footnotes", "attr_list"])


class _Shape(HTMLParser):
    """The images, and the deepest nesting of `<a>`, in a piece of HTML."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.depth = self.deepest = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "a":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth -= 1


def _body(out: str) -> str:
    return out.split('<h2 class="references-heading"')[0]


@pytest.mark.parametrize("style", ["author-year", "numeric"])
@pytest.mark.parametrize(
    ("source", "alt"),
    [
        ("![photo [@oecd2021]](img.png)", "photo (OECD 2021)"),
        ("![photo by @oecd2021](img.png)", "photo by OECD (2021)"),
        ("![a [see @oecd2021, p. 3]](img.png)", "a (see OECD 2021, p. 3)"),
        ("![a [@oecd2021]][pic]\n\n[pic]: img.png", "a (OECD 2021)"),
    ],
)
def test_citation_in_alt_text_keeps_the_image(source: str, alt: str, style: str, bib) -> None:
    out = render(source, bib, style)
    shape = _Shape(out)
    assert shape.images == [{"alt": alt, "src": "img.png"}]
    assert "citation" not in _body(out)  # no markup leaked around the image
    # The reader still finds what the alt text cites in the page's References.
    assert 'id="ref-oecd2021"' in out


@pytest.mark.parametrize("style", ["author-year", "numeric"])
@pytest.mark.parametrize(
    "source",
    [
        "[see [@oecd2021]](https://x.org)",
        "[see @oecd2021](https://x.org)",
        "[@oecd2021](https://x.org)",
        "[see [@oecd2021, *p. 3*]](https://x.org)",
        "[outer [inner [@oecd2021]]](https://x.org)",
        "[see [@oecd2021]][site]\n\n[site]: https://x.org",
        '<a href="https://x.org">see [@oecd2021]</a>',
    ],
)
def test_citation_in_link_text_makes_no_nested_link(source: str, style: str, bib) -> None:
    out = render(source, bib, style)
    shape = _Shape(out)
    assert shape.deepest == 1
    body = _body(out)
    assert body.count("<a ") == 1 and 'href="https://x.org"' in body
    title = html.escape(bib.formatted("oecd2021").text, quote=True)
    label = "1" if style == "numeric" else "OECD"
    # The citation is still there, labelled and titled, just not a link of its own.
    assert f'<span class="citation-ref" data-ref="oecd2021" title="{title}">{label}' in body
    assert 'id="ref-oecd2021"' in out


def test_numeric_numbers_count_unlinked_citations_in_order(bib) -> None:
    out = render("[see [@oecd2021]](https://x.org) then [@zeta2019].", bib, "numeric")
    assert 'data-ref="oecd2021" title="' in out and '">1</span>]' in out
    assert '<a class="citation-ref" href="#ref-zeta2019"' in out and '">2</a>]' in out


def test_citations_outside_links_are_unchanged(bib) -> None:
    source = "A [@oecd2021] and [a link](https://x.org) and ![img](i.png) then @zeta2019."
    out = render(source, bib)
    title = html.escape(bib.formatted("oecd2021").text, quote=True)
    oecd = f'<a class="citation-ref" href="#ref-oecd2021" title="{title}">OECD 2021</a>'
    assert (
        f'A <span class="citation" data-cites="oecd2021" id="citation-1">({oecd})</span> and' in out
    )
    assert '<a href="https://x.org">a link</a>' in out
    assert '<img alt="img" src="i.png" />' in out
    assert '<a class="citation-ref" href="#ref-zeta2019"' in out


def test_brackets_that_are_no_link_keep_the_citation_linked(bib) -> None:
    out = render("[not a link [@oecd2021]] and [undefined [@zeta2019]][nowhere]", bib)
    assert '<a class="citation-ref" href="#ref-oecd2021"' in out
    assert '<a class="citation-ref" href="#ref-zeta2019"' in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain [@k] text", None),
        ("[a [@k]](u)", "link"),
        ("![a [@k]](u)", "image"),
        ("![a [b [@k]](u)](img)", "image"),  # alt text wins over a link inside it
        ("[a](u) [@k] [b](v)", None),
        ("[a [@k]][ref]", "link"),
        ("[a [@k]][other]", None),
        ("[a [@k]]", None),
        ('<a href="u">[@k]</a>', "link"),
        ('<a href="u">x</a> [@k]', None),
    ],
)
def test_enclosing(text: str, expected: str | None) -> None:
    start = text.index("[@k]")
    assert enclosing(text, start, start + 4, references={"ref"}) == expected
