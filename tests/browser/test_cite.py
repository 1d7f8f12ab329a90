"""A reader cites an argument page in headless Chromium: meta tags, copy button, BibTeX file."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
import pytest
from pylatexenc.latex2text import LatexNodes2Text

pytestmark = pytest.mark.browser


def _an_argument_page(built_site: Path) -> str:
    pages = sorted(
        p.parent.relative_to(built_site).as_posix()
        for p in (built_site / "arguments").glob("*/index.html")
    )
    assert pages, "the built site has no argument page"
    return pages[0]


def test_reader_copies_the_citation_and_downloads_bibtex(
    page, site_url: str, built_site: Path
) -> None:
    path = _an_argument_page(built_site)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(f"{site_url}/{path}/", wait_until="networkidle")

    # Head metadata as Zotero and Google Scholar read it.
    def meta(name: str) -> list[str]:
        return page.eval_on_selector_all(
            f'meta[name="{name}"]', "els => els.map(e => e.getAttribute('content'))"
        )

    (title,) = meta("citation_title")
    (public_url,) = meta("citation_public_url")
    assert meta("citation_author"), "no citation_author"
    assert meta("citation_technical_report_institution") == ["Keep Open"]
    assert public_url.endswith(f"/{path}/")
    ld = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
    )
    assert len(ld) == 1 and json.loads(ld[0])["name"] == title

    # The copy button puts the suggested citation on the clipboard and says so.
    box = page.locator("[data-ko-cite]")
    expected = box.locator("[data-ko-cite-text]").inner_text().strip()
    assert title in expected and "accessed" in expected
    button = box.locator("[data-ko-cite-copy]")
    button.click()
    page.wait_for_selector('[data-ko-cite-copy][data-copied="true"]', timeout=5_000)
    assert button.inner_text().strip() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == expected

    # The BibTeX download parses to exactly one entry with the page's title and URL.
    with page.expect_download() as info:
        box.locator('a[data-ko-cite-format="BibTeX"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".bib")
    library = bibtexparser.parse_string(Path(download.path()).read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert len(library.entries) == 1
    entry = library.entries[0]
    assert LatexNodes2Text().latex_to_text(entry["title"]) == title
    assert entry["url"] == public_url
    assert entry.entry_type == "techreport" and entry["institution"] == "Keep Open"

    hosts = {urlparse(u).hostname for u in page.requests_seen if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"requests left the site: {sorted(page.requests_seen)}"
