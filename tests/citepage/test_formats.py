"""The citation of one page as Highwire tags, Dublin Core, JSON-LD, BibTeX, RIS and CSL-JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from keepopen.citepage import (
    SiteInfo,
    build_record,
    highwire_tags,
    json_ld,
    meta_tags,
    suggested_citation,
    suggested_citation_html,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from keepopen.citepage.record import Creator

FIXTURES = Path(__file__).parents[1] / "fixtures"
SITE = SiteInfo(
    name="Keep Open",
    url="https://example.org/lib/",
    language="en",
    repo_url="https://github.com/example/lib",
    branch="trunk",
    docs_path="docs",
)
ARGUMENT = {
    "type": "argument",
    "id": "control-means-continuity",
    "title": "Control means continuity",
    "claim": "Whoever controls the model controls whether work can continue.",
    "themes": ["continuity", "lock-in"],
    "tags": ["infrastructure"],
}


def record(meta: dict | None = None, **kw):
    args = {
        "site": SITE,
        "url_path": "arguments/control-means-continuity/",
        "src_path": "arguments/control-means-continuity.md",
        "changed": dt.date(2026, 2, 3),
        "changed_from_git": True,
    }
    args.update(kw)
    return build_record(meta or ARGUMENT, **args)


@pytest.fixture(scope="module")
def csl_schema() -> dict:
    return json.loads((FIXTURES / "csl-data.schema.json").read_text(encoding="utf-8"))


def test_highwire_tags_describe_a_report_by_the_editors() -> None:
    tags = highwire_tags(record())
    assert tags == [
        ("citation_title", "Control means continuity"),
        ("citation_author", "Keep Open editors"),
        ("citation_publication_date", "2026/02/03"),
        ("citation_date", "2026/02/03"),
        ("citation_publisher", "Keep Open"),
        ("citation_technical_report_institution", "Keep Open"),
        ("citation_public_url", "https://example.org/lib/arguments/control-means-continuity/"),
        ("citation_language", "en"),
        ("citation_keywords", "continuity; lock-in; infrastructure"),
    ]


def test_one_citation_author_per_named_person() -> None:
    meta = {**ARGUMENT, "authors": ["Ana María López", "Okafor, Chidi"]}
    authors = [v for k, v in highwire_tags(record(meta)) if k == "citation_author"]
    assert authors == ["López, Ana María", "Okafor, Chidi"]


def test_creator_parse_keeps_single_names_as_family() -> None:
    assert Creator.parse("Plato") == Creator(family="Plato")
    assert Creator.parse("  Ada   Lovelace ").inverted == "Lovelace, Ada"


def test_dublin_core_and_no_coins() -> None:
    names = [name for name, _ in meta_tags(record())]
    for dc in ("DC.title", "DC.creator", "DC.date", "DC.publisher", "DC.identifier", "DC.rights"):
        assert dc in names
    assert not any("Z3988" in name or "coins" in name.lower() for name in names)


def test_json_ld_is_one_schema_org_report() -> None:
    data = json.loads(json_ld(record()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Report"
    assert data["author"] == [{"@type": "Organization", "name": "Keep Open editors"}]
    assert data["dateModified"] == "2026-02-03"
    assert data["url"] == "https://example.org/lib/arguments/control-means-continuity/"


def test_json_ld_cannot_close_its_script_element() -> None:
    text = json_ld(record({**ARGUMENT, "title": "A </script><b>title"}))
    assert "</script>" not in text
    assert json.loads(text)["name"] == "A </script><b>title"


def test_bibtex_parses_to_one_techreport_with_institution() -> None:
    library = bibtexparser.parse_string(to_bibtex(record()))
    assert not library.failed_blocks
    assert len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "techreport"
    assert entry.key == "keepopen-control-means-continuity"
    assert entry["institution"] == "Keep Open"
    assert entry["title"] == "{Control means continuity}"
    assert entry["author"] == "{Keep Open editors}"
    assert entry["url"] == "https://example.org/lib/arguments/control-means-continuity/"
    assert entry["year"] == "2026"
    assert entry["date"] == "2026-02-03"


def test_bibtex_escapes_latex_specials_and_joins_people() -> None:
    meta = {**ARGUMENT, "title": "Costs & 50% {gains} #1_a", "authors": ["A B", "C D"]}
    library = bibtexparser.parse_string(to_bibtex(record(meta)))
    assert len(library.entries) == 1
    entry = library.entries[0]
    assert entry["title"] == r"{Costs \& 50\% \{gains\} \#1\_a}"
    assert entry["author"] == "B, A and D, C"


def test_ris_is_a_report_record() -> None:
    text = to_ris(record({**ARGUMENT, "authors": ["Ada Lovelace"]}))
    lines = text.split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert lines[-2] == "ER  -" and lines[-1] == ""
    assert "TI  - Control means continuity" in lines
    assert "AU  - Lovelace, Ada" in lines
    assert "DA  - 2026/02/03" in lines
    assert "PB  - Keep Open" in lines
    assert "UR  - https://example.org/lib/arguments/control-means-continuity/" in lines
    assert [line for line in lines if line.startswith("KW")] == [
        "KW  - continuity",
        "KW  - lock-in",
        "KW  - infrastructure",
    ]
    # Every tag line has the fixed `XX  - ` shape RIS readers rely on.
    assert all(line[2:6] == "  - " or line == "ER  -" for line in lines[:-1])


def test_csl_json_validates_and_is_a_report(csl_schema: dict) -> None:
    items = json.loads(to_csl_json(record()))
    jsonschema.validate(items, csl_schema)
    assert len(items) == 1
    item = items[0]
    assert item["type"] == "report"
    assert item["author"] == [{"literal": "Keep Open editors"}]
    assert item["issued"] == {"date-parts": [[2026, 2, 3]]}
    assert item["publisher"] == "Keep Open"


def test_csl_schema_rejects_what_it_should(csl_schema: dict) -> None:
    # The local schema is strict enough to catch a typo'd variable or a bad type.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "report", "titel": "x"}], csl_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "journal-article"}], csl_schema)


def test_csl_json_people_validate(csl_schema: dict) -> None:
    items = json.loads(to_csl_json(record({**ARGUMENT, "authors": ["Okafor, Chidi"]})))
    jsonschema.validate(items, csl_schema)
    assert items[0]["author"] == [{"family": "Okafor", "given": "Chidi"}]


def test_suggested_citation_is_author_year_with_access_left_open() -> None:
    text = suggested_citation(record())
    assert text == (
        "Keep Open editors (2026). Control means continuity. Keep Open. "
        "https://example.org/lib/arguments/control-means-continuity/ "
        "(last changed 3 February 2026; accessed [date you accessed it])."
    )


def test_suggested_citation_html_reads_the_same_and_escapes() -> None:
    rec = record({**ARGUMENT, "title": "Costs <&> gains", "authors": ["A B", "C D", "E F"]})
    html = suggested_citation_html(rec)
    assert "<em>Costs &lt;&amp;&gt; gains</em>" in html
    text = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")
    assert text.replace("&amp;", "&") == suggested_citation(rec)
    assert suggested_citation(rec).startswith("A B, C D and E F (2026).")


def test_history_link_uses_repo_branch_and_docs_path() -> None:
    assert record().history == (
        "https://github.com/example/lib/commits/trunk/docs/arguments/control-means-continuity.md"
    )


def test_aggregate_only_testimony_keeps_its_summary_out_of_the_citation() -> None:
    meta = {
        "type": "testimony",
        "id": "t1",
        "title": "A testimony",
        "summary": "Private detail",
        "consent": {"scope": "aggregate-only"},
    }
    rec = record(meta)
    assert rec.description == ""
    assert "Private detail" not in to_ris(rec) + to_csl_json(rec) + json_ld(rec)


def test_site_info_reads_the_mkdocs_config() -> None:
    site = SiteInfo.from_mkdocs_config(
        {
            "site_name": "Lib",
            "site_url": "https://lib.example/",
            "repo_url": "https://git.example/lib",
            "edit_uri": "edit/stable/content/",
            "theme": {"language": "fr"},
        }
    )
    assert (site.name, site.url, site.language, site.branch, site.docs_path) == (
        "Lib",
        "https://lib.example/",
        "fr",
        "stable",
        "content",
    )
    assert site.editors == "Lib editors"


def test_citation_files_sit_next_to_the_page() -> None:
    from keepopen.citepage.view import cite_file_paths

    assert cite_file_paths("arguments/x/index.html") == {
        "bib": "arguments/x/cite.bib",
        "ris": "arguments/x/cite.ris",
        "json": "arguments/x/cite.json",
    }
    # Without directory URLs the page is `x.html`; its files must not collide with others.
    assert cite_file_paths("arguments/x.html")["bib"] == "arguments/x.cite.bib"
    assert cite_file_paths("index.html")["ris"] == "cite.ris"


def test_downloads_state_the_review_state_in_their_note() -> None:
    draft = record({**ARGUMENT, "review": "draft"})
    note = "Draft: not yet reviewed by a second editor. Last changed 2026-02-03"
    assert draft.status_note == note
    assert f"note = {{{note}}}" in to_bibtex(draft)
    assert f"N1  - {note}\r\n" in to_ris(draft)
    assert json.loads(to_csl_json(draft))[0]["note"] == note
    assert record().status_note == "Last changed 2026-02-03"
