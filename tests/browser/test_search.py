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


def _result_links(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "/", wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.locator("a.md-search-result__link").first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)  # results render in batches
    links = page.locator("a.md-search-result__link")
    return sorted({links.nth(i).get_attribute("href").split("#")[0] for i in range(links.count())})


def test_a_hashtag_is_found_with_or_without_its_hash(page, site_url: str) -> None:
    plain = _result_links(page, site_url, "keep4o")
    tagged = _result_links(page, site_url, "#keep4o")
    assert len(plain) > 3
    assert plain == tagged


def test_the_api_reference_is_not_in_reader_search(built_site) -> None:
    import json

    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("reference/bibliography/") for loc in locations)
    assert not [loc for loc in locations if loc.startswith("reference/#")], "API reference indexed"
    assert "reference/" not in locations
    developers = [loc for loc in locations if loc.startswith("developers/")]
    assert not developers, f"developers' pages in reader search: {developers[:5]}"
