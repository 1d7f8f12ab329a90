"""The real site builds with `--strict`, and its key pages exist."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.site

KEY_PAGES = [
    "index.html",
    "arguments/index.html",
    "testimony/index.html",
    "evidence/index.html",
    "evidence/timeline/index.html",
    "submissions/index.html",
    "about/index.html",
    "about/scope-and-method/index.html",
    "about/editorial-policy/index.html",
    "about/verification/index.html",
    "about/consent-and-takedown/index.html",
    "about/how-to-cite/index.html",
    "about/licence/index.html",
    "contribute/index.html",
    "developers/index.html",
    "developers/api/index.html",
    "reference/bibliography/index.html",
    "search/search_index.json",
]


@pytest.mark.parametrize("page", KEY_PAGES)
def test_key_page_exists(built_site: Path, page: str) -> None:
    assert (built_site / page).is_file(), f"{page} missing from the built site"


def test_footer_states_content_licence(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in html


def test_api_reference_is_rendered_by_mkdocstrings(built_site: Path) -> None:
    html = (built_site / "developers/api/index.html").read_text(encoding="utf-8")
    assert 'class="doc doc-heading"' in html or "doc-heading" in html
    assert "keepopen.diagnostics" in html


def test_the_api_reference_lives_with_the_developers_out_of_the_sidebar(built_site: Path) -> None:
    """Issue 17.7: readers' navigation leads to content; the old address forwards."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    sidebar = home.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert "developers/" not in sidebar and "API reference" not in sidebar
    assert "Bibliography" in sidebar
    old = (built_site / "reference/index.html").read_text(encoding="utf-8")
    assert "developers/api/" in old, "the old API address does not forward to the new one"
    assert "doc-heading" not in old


def test_no_third_party_assets_in_html(built_site: Path) -> None:
    # Google Fonts and CDNs would leak every reader's visit to a third party.
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html, html_file
        assert "fonts.gstatic.com" not in html, html_file
        assert "cdn.jsdelivr.net" not in html, html_file
        assert 'data-md-component="source"' not in html, f"{html_file}: GitHub API widget"


def test_navigation_follows_reader_tasks_not_the_alphabet(built_site: Path) -> None:
    # `nav_order` in mkdocs.yml: arguments before about, timeline first within evidence.
    html = (built_site / "about/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)" class="md-nav__link', html)
    nav = [urljoin("/about/", href) for href in hrefs]
    sections = ["/arguments/", "/testimony/", "/evidence/", "/submissions/", "/about/"]
    assert [nav.index(section) for section in sections] == sorted(nav.index(s) for s in sections)
    assert nav.index("/evidence/timeline/") < nav.index("/evidence/fact-check/")


def test_pages_show_their_record(built_site: Path) -> None:
    # Front-matter facts are visible to readers: an event's date and sources, an argument's
    # evidence record linking its timeline events.
    event = (built_site / "evidence/events/2024-05-13-gpt-4o-release/index.html").read_text("utf-8")
    assert "keepopen-record--event" in event and "13 May 2024" in event
    argument = (built_site / "arguments/control-means-continuity/index.html").read_text("utf-8")
    assert 'id="evidence-record"' in argument
    assert 'href="../../evidence/events/2026-02-13-gpt-4o-retired-from-chatgpt/"' in argument
