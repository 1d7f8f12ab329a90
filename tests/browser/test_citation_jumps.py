"""A reader follows a citation to its reference and back, in headless Chromium (issue 17.3).

The reference jumped to is highlighted (`:target`), and its back-link returns to the citation,
which is highlighted in turn; both in the light and the dark scheme.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "arguments/openness-beyond-weights/"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_citation_jump_highlights_and_back_link_returns(page, site_url: str, scheme: str) -> None:
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    link = page.locator("#citation-1 a.citation-ref").first
    key = link.get_attribute("href").removeprefix("#ref-")
    link.click()
    page.wait_for_function(f"location.hash === '#ref-{key}'")
    entry = page.locator(f'[id="ref-{key}"]')
    tint = {"default": "rgb(255, 244, 194)", "slate": "rgb(61, 53, 0)"}[scheme]
    assert entry.evaluate("e => getComputedStyle(e).backgroundColor") == tint
    assert entry.evaluate("e => e.matches(':target')")

    back = entry.locator('a.citation-backlink[href="#citation-1"]')
    assert back.get_attribute("aria-label") == "Back to citation 1"
    back.click()
    page.wait_for_function("location.hash === '#citation-1'")
    citation = page.locator("#citation-1")
    assert citation.evaluate("e => e.matches(':target')")
    assert citation.evaluate("e => getComputedStyle(e).backgroundColor") == tint
    assert citation.is_visible()
