"""On the built site: testimony entries are out of the sidebar, two clicks from the Testimony
page through the listing pages, and each entry's footer walks the listing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from tests.site.test_reader_status_and_order import _NEXT, _PREVIOUS, _sidebar_links

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_HREF = re.compile(r'<a href="([^"#]+)"')


def _links(built_site: Path, url: str) -> list[str]:
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    article = _ARTICLE.search(html).group(1)
    base = "http://site/" + url
    return [urljoin(base, href).removeprefix("http://site/") for href in _HREF.findall(article)]


def _entries() -> set[str]:
    folder = ROOT / "docs" / "testimony"
    return {f"testimony/{p.stem}/" for p in folder.glob("*.md") if p.name != "index.md"}


def test_every_entry_is_two_clicks_from_the_testimony_page(built_site: Path) -> None:
    listings = [u for u in _links(built_site, "testimony/") if u.startswith("testimony/period/")]
    assert listings, "the Testimony page links no listing page"
    reached = {u for listing in listings for u in _links(built_site, listing)}
    assert _entries() <= reached, f"not listed: {sorted(_entries() - reached)}"


def test_entries_stay_out_of_the_sidebar(built_site: Path) -> None:
    sidebar = set(_sidebar_links(built_site, "testimony/"))
    assert "testimony/" in sidebar
    assert not sidebar & _entries()
    assert not any(u.startswith("testimony/period/") for u in sidebar)


def test_an_entrys_footer_walks_its_listing(built_site: Path) -> None:
    first_listing = next(
        u for u in _links(built_site, "testimony/") if u.startswith("testimony/period/")
    )
    entries = [u for u in _links(built_site, first_listing) if u in _entries()]
    assert len(entries) >= 2
    html = (built_site / entries[0] / "index.html").read_text(encoding="utf-8")
    following = urljoin("http://site/" + entries[0], _NEXT.search(html).group(1))
    assert following.removeprefix("http://site/") == entries[1]
    html = (built_site / entries[1] / "index.html").read_text(encoding="utf-8")
    preceding = urljoin("http://site/" + entries[1], _PREVIOUS.search(html).group(1))
    assert preceding.removeprefix("http://site/") == entries[0]
