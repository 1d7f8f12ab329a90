"""A reader searches the served site in headless Chromium; nothing leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_search_finds_and_opens_a_page_without_third_party_requests(page, site_url: str) -> None:
    page.goto(site_url + "/", wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("consent")  # real key presses, as a reader types
    result = page.locator("a.md-search-result__link").first
    result.wait_for(timeout=15_000)
    target = result.get_attribute("href")
    result.click()
    page.wait_for_load_state("networkidle")
    assert page.url != site_url + "/", f"search result {target} did not navigate"
    assert "consent" in page.content().lower()

    hosts = {urlparse(url).hostname for url in page.requests_seen if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"requests left the site: {sorted(page.requests_seen)}"
