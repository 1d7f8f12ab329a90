"""What search reads of a page: citations as their text, no References section; undone exactly."""

from __future__ import annotations

import re

import markdown
import pytest
from tests.citations.test_markdown_ext import FIXTURE

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.citations import search_view
from keepopen.citations.markdown_ext import CitationsExtension

TEXT = """# Title

A [@oecd2021, p. 12]. B @smith2020 [chap. 2]. C [see @zeta2019, pp. 1-2 and *passim*].
Unknown [@nobody2000] stays as written.

## Later

Text after, with `<span class="citation">` in code.
"""


@pytest.fixture(scope="module")
def page() -> str:
    bib: Bibliography = load_bibliography([FIXTURE])
    ext = CitationsExtension(bibliography=bib)
    return markdown.markdown(TEXT, extensions=[ext, "toc", "attr_list"])


def test_search_reads_citation_text_and_no_reference_section(page: str) -> None:
    searched, hidden = search_view.hide(page)
    assert "citation-ref" not in searched and "csl-entry" not in searched
    assert "References" not in searched
    assert "(OECD 2021, p. 12)" in searched and "Smith and Jones (2020, chap. 2)" in searched
    assert "(see Zeta 2019, pp. 1-2 and passim)" in searched
    assert 'class="citation unresolved"' in searched  # left as it is: nothing to hide
    assert '<h2 id="later">Later</h2>' in searched
    assert len(hidden.pieces) == 4  # three citations and one section


def test_restore_gives_back_the_exact_page(page: str) -> None:
    searched, hidden = search_view.hide(page)
    assert search_view.restore(searched, hidden) == page


def test_a_page_without_citations_is_untouched() -> None:
    html = '<h2 class="references-heading" id="x">References</h2><p>no list</p>'
    searched, hidden = search_view.hide(html + '<span class="citation" data-cites="k">k</span>')
    assert searched.startswith(html)  # a heading without its list is not a References section
    assert search_view.restore(searched, hidden).startswith(html)
    assert search_view.hide("<p>plain</p>") == ("<p>plain</p>", search_view.Hidden())


def test_a_shifted_heading_inside_a_docstring_is_hidden_too(page: str) -> None:
    shifted = page.replace("<h2 class=", "<h4 class=").replace("References</h2>", "References</h4>")
    assert shifted != page
    searched, hidden = search_view.hide(shifted)
    assert "References" not in searched and "csl-entry" not in searched
    assert search_view.restore(searched, hidden) == shifted


def test_search_text_is_the_hidden_view_without_its_markers(page: str) -> None:
    searched, _ = search_view.hide(page)
    assert search_view.search_text(page) == re.sub(r"<!--/?keepopen:[^>]*-->", "", searched)
    assert "<!--" not in search_view.search_text(page)


def test_search_text_of_a_page_without_citations_is_the_page_itself() -> None:
    html = "<p>plain</p>"
    assert search_view.search_text(html) is html
