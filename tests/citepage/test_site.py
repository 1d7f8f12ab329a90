"""A built fixture site: head metadata, the cite box, citation files, redirects and data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

pytestmark = pytest.mark.site

PAGE = "arguments/continuity-matters"
URL = "https://cite.example.org/lib/arguments/continuity-matters/"
TITLE = "Continuity matters: models & the work built on them"
SCHEMA = Path(__file__).parents[1] / "fixtures" / "csl-data.schema.json"


class _Head(HTMLParser):
    """Collects `<meta name>`, `<link rel>` and JSON-LD scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self.classes: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.classes += (a.get("class") or "").split()
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"] or "", a.get("content") or ""))
        elif tag == "link":
            self.links.append((a.get("rel") or "", a.get("href") or ""))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld[-1] += data


def parse(site: Path, page: str) -> tuple[_Head, str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    head = _Head()
    head.feed(html)
    return head, html


def test_argument_page_has_highwire_dc_canonical_and_one_json_ld(fixture_site: Path) -> None:
    head, html = parse(fixture_site, PAGE)
    meta = dict(head.meta)
    assert meta["citation_title"] == TITLE
    assert [v for k, v in head.meta if k == "citation_author"] == [
        "Lovelace, Ada",
        "Keep Open editors",
    ]
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", meta["citation_publication_date"])
    assert meta["citation_date"] == meta["citation_publication_date"]
    assert meta["citation_technical_report_institution"] == "Keep Open"
    assert meta["citation_public_url"] == URL
    assert meta["citation_language"] == "en"
    assert meta["citation_keywords"] == "continuity; lock-in"
    assert meta["DC.title"] == TITLE and meta["DC.identifier"] == URL
    assert [href for rel, href in head.links if rel == "canonical"] == [URL]
    assert len(head.json_ld) == 1
    assert json.loads(head.json_ld[0])["url"] == URL
    assert "Z3988" not in head.classes  # no COinS


def test_cite_box_shows_citation_downloads_and_build_date_note(fixture_site: Path) -> None:
    _, html = parse(fixture_site, PAGE)
    assert "Cite this page" in html
    assert "Ada Lovelace and Keep Open editors (" in html
    assert 'accessed <span class="ko-cite__accessed">[date you accessed it]</span>)' in html
    assert "<em>Continuity matters: models &amp; the work built on them</em>" in html
    for href in ('href="cite.bib"', 'href="cite.ris"', 'href="cite.json"'):
        assert href in html
    # The fixture is not in git, so the date is the build date and the page says so.
    assert "Not yet committed" in html
    history = (
        "https://git.example.org/keep-open/lib/commits/trunk/docs/arguments/continuity-matters.md"
    )
    assert f'href="{history}"' in html
    assert "assets/cite.js" in html


def test_citation_files_next_to_the_page(fixture_site: Path) -> None:
    folder = fixture_site / PAGE
    library = bibtexparser.parse_string((folder / "cite.bib").read_text(encoding="utf-8"))
    assert len(library.entries) == 1 and not library.failed_blocks
    assert library.entries[0]["url"] == URL
    ris = (folder / "cite.ris").read_bytes()
    assert ris.startswith(b"TY  - RPRT\r\n") and ris.endswith(b"ER  -\r\n")
    items = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert items[0]["title"] == TITLE


def test_every_content_page_gets_a_cite_box(fixture_site: Path) -> None:
    for page in (
        "",
        "arguments",
        "testimony/lost-partner",
        "evidence/events/2026-02-13-sample-retirement",
    ):
        folder = fixture_site / page
        assert (folder / "cite.bib").is_file(), page
        assert "data-ko-cite" in (folder / "index.html").read_text(encoding="utf-8"), page


def test_old_address_redirects_to_the_renamed_page(fixture_site: Path) -> None:
    html = (fixture_site / "arguments/old-continuity/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../continuity-matters/"' in html


def test_data_package_is_published_with_the_site(fixture_site: Path) -> None:
    names = sorted(p.name for p in (fixture_site / "data").iterdir())
    assert names == [
        "arguments.csv",
        "arguments.json",
        "datapackage.json",
        "events.csv",
        "events.json",
        "references.bib",
        "references.json",
        "testimony.csv",
        "testimony.json",
    ]
    assert "PRIVATE" not in (fixture_site / "data/testimony.json").read_text(encoding="utf-8")
