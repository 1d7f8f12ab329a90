"""Hostile front matter in a real build: shown as text everywhere, never run, never forged.

The fixture library gets two pages whose title, description, claim, summary and tags hold
markup, table pipes, brackets, braces and line breaks; it is built with the real theme overrides
(without `keepopen check`, so only the escaping stands between the values and the page).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
from tests.citepage.conftest import make_library
from tests.conftest import build_site

from keepopen.checks.runner import run_checks

pytestmark = pytest.mark.site

TITLE = "</script><!--<script>alert(1)</script> A | B [x] }{"
DESCRIPTION = '"><img src=x onerror=alert(2)>'
CLAIM = "A | B <img src=x onerror=alert(3)> [see @sample2026, p. 3]"
WITNESS_TITLE = "Lost ] [link](javascript:alert(4)) ["
TAG = "<svg onload=alert(6)>"

ARGUMENT = f"""---
type: argument
id: hostile
title: {json.dumps(TITLE)}
description: {json.dumps(DESCRIPTION)}
claim: {json.dumps(CLAIM)}
themes: [continuity]
evidence:
  references: [sample2026]
  events: [2026-02-13-sample-retirement]
  testimony: [hostile-witness]
review: draft
---

The page body has no heading, so the theme prints the title as the page heading too.
"""

WITNESS = f"""---
type: testimony
id: hostile-witness
title: {json.dumps(WITNESS_TITLE)}
tags: [{json.dumps(TAG)}]
summary: |
  First line <details open ontoggle=alert(5)>
  # Injected heading
  | x | y |
collected: 2026-02-20
period: {{start: 2024-05}}
language: en
models: [gpt-4o]
themes: [continuity]
source_type: public-post
provenance: {{where: a forum, collected_on: 2026-02-20, collected_by: Keep Open editors}}
consent: {{scope: publish, attribution: anonymous, method: public post, withdraw: write to us}}
---

# A witness

Body.
"""


def _hostile_library(target: Path) -> Path:
    root = make_library(target)
    (root / "docs" / "arguments" / "hostile.md").write_text(ARGUMENT, encoding="utf-8")
    (root / "docs" / "testimony" / "hostile-witness.md").write_text(WITNESS, encoding="utf-8")
    about = root / "docs" / "about"
    about.mkdir(exist_ok=True)
    for name in ("verification", "consent-and-takedown"):  # the records link to them
        page = f"---\ntype: page\nid: {name}\ntitle: {name.title()}\n---\n\nText.\n"
        (about / f"{name}.md").write_text(page, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text().replace("  - search\n", "  - search\n  - tags\n")
    # As the real site: records are Markdown inside `<div markdown>`.
    config.write_text(text.replace("  - tables\n", "  - tables\n  - md_in_html\n"))
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _hostile_library(tmp_path_factory.mktemp("hostile") / "lib")
    result = build_site(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


class _Page(HTMLParser):
    """Every start tag, the text of `<title>`, scripts and table cells, and each element's text
    by class."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self.cells: list[str] = []
        #: `(href, text, inside the page content)` of every link.
        self.links: list[tuple[str, str, bool]] = []
        self.by_class: dict[str, list[str]] = {}
        self._open: list[tuple[str, list[str]]] = []  # (tag, classes) of open elements
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("script", "title"):
            self._in = tag
            if tag == "script":
                self.scripts.append((a, ""))
        if tag == "td":
            self.cells.append("")
        if tag == "a":
            content = any("md-content" in classes for _, classes in self._open)
            self.links.append((a.get("href") or "", "", content))
        if tag not in ("meta", "link", "img", "input", "br", "hr", "source"):
            classes = (a.get("class") or "").split()
            self._open.append((tag, classes))
            for name in classes:
                self.by_class.setdefault(name, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in == "title":
            self.title += data
        if any(t == "td" for t, _ in self._open) and self.cells:
            self.cells[-1] += data
        if any(t == "a" for t, _ in self._open) and self.links:
            href, text, content = self.links[-1]
            self.links[-1] = (href, text + data, content)
        for _, classes in self._open:
            for name in classes:
                self.by_class[name][-1] += data


def _page(site: Path, path: str) -> _Page:
    page = _Page()
    page.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return page


def _text(value: str) -> str:
    return " ".join(value.split())


def test_no_page_gets_a_script_or_event_handler_from_front_matter(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in page.tags:
            handlers = [k for k in attrs if k.startswith("on")]
            assert not handlers, f"{path}: <{tag}> has {handlers}"
            assert tag not in ("img", "svg", "details") or attrs.get("src") != "x", path
        for attrs, text in page.scripts:
            if attrs.get("type") == "application/ld+json":
                json.loads(text)  # data, and the whole block: it swallowed nothing after it
            else:
                assert "alert(" not in text, f"{path}: a script holds {text[:80]!r}"


def test_the_title_is_text_in_every_theme_slot(hostile_site: Path) -> None:
    page = _page(hostile_site, "arguments/hostile")
    assert _text(page.title) == f"{TITLE} - Keep Open"
    assert TITLE in [_text(t) for t in page.by_class["md-header__topic"]]
    heading = [_text(t) for t in page.by_class["md-content__inner"]]
    assert heading and heading[0].startswith(TITLE)  # the theme's <h1>
    nav_titles = {_text(t) for t in page.by_class["md-ellipsis"]}
    assert TITLE in nav_titles and WITNESS_TITLE in nav_titles
    # Another page names it in its navigation and footer, as text.
    other = _page(hostile_site, "arguments/continuity-matters")
    assert TITLE in {_text(t) for t in other.by_class["md-ellipsis"]}
    meta = {a.get("name"): a.get("content") for t, a in page.tags if t == "meta"}
    assert meta["description"] == DESCRIPTION
    assert meta["citation_title"] == TITLE


def test_json_ld_parses_and_holds_the_title(hostile_site: Path) -> None:
    page = _page(hostile_site, "arguments/hostile")
    blocks = [text for attrs, text in page.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    assert "<" not in blocks[0]
    assert json.loads(blocks[0])["name"] == TITLE


def test_search_index_titles_are_escaped_html(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text())
    titles = [d["title"] for d in index["docs"] if d["location"].startswith("arguments/hostile")]
    assert titles and "<" not in "".join(titles)
    assert "&lt;/script&gt;&lt;!--&lt;script&gt;alert(1)" in titles[0]


def test_claim_and_summary_cells_show_their_text_and_keep_the_citation(hostile_site: Path) -> None:
    argument = _page(hostile_site, "arguments/hostile")
    claim = next(c for c in argument.cells if "A | B" in c)
    assert _text(claim).startswith("A | B <img src=x onerror=alert(3)> (see ")
    assert any(a.get("class") == "citation" for t, a in argument.tags if t == "span")
    witness = _page(hostile_site, "testimony/hostile-witness")
    summary = next(c for c in witness.cells if "First line" in c)
    assert (
        _text(summary) == "First line <details open ontoggle=alert(5)> # Injected heading | x | y |"
    )
    assert [t for t, _ in witness.tags if t == "h1"] == ["h1"]  # only the page's own
    assert TAG in {_text(t) for t in witness.by_class["md-tag"]}


def test_evidence_record_links_a_bracketed_title_as_one_link(hostile_site: Path) -> None:
    page = _page(hostile_site, "arguments/hostile")
    in_content = [
        _text(text)
        for href, text, content in page.links
        if content and href.endswith("testimony/hostile-witness/")
    ]
    assert in_content == [WITNESS_TITLE]
    assert not any(href.startswith("javascript") for href, _, _ in page.links)


def test_ris_has_one_record_with_the_title_on_one_line(hostile_site: Path) -> None:
    ris = (hostile_site / "arguments" / "hostile" / "cite.ris").read_bytes().decode("utf-8")
    lines = ris.split("\r\n")
    assert [line for line in lines if line.startswith("TY  -")] == ["TY  - RPRT"]
    assert [line for line in lines if line.startswith("ER  -")] == ["ER  -"]
    assert f"TI  - {TITLE}" in lines
    assert f"AB  - {DESCRIPTION}" in lines


def test_bibtex_braces_balance_and_the_entry_parses(hostile_site: Path) -> None:
    bib = (hostile_site / "arguments" / "hostile" / "cite.bib").read_text(encoding="utf-8")
    depth = 0
    for char in bib:  # BibTeX counts every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    library = bibtexparser.parse_string(bib)
    assert len(library.entries) == 1 and not library.failed_blocks
    title = library.entries[0]["title"]
    assert r"\textbraceright{}\textbraceleft{}" in title and "A | B [x]" in title


def test_check_refuses_markup_and_line_breaks_where_they_are(tmp_path: Path) -> None:
    root = _hostile_library(tmp_path / "lib")
    found = {
        (d.code, d.path, d.line, d.col)
        for d in run_checks(root).diagnostics
        if d.code in ("FM009", "FM010")
    }
    argument, witness = "docs/arguments/hostile.md", "docs/testimony/hostile-witness.md"
    assert (("FM009", argument, 4, 8)) in found  # title
    assert ("FM009", argument, 5, 14) in found  # description
    assert ("FM009", argument, 6, 8) in found  # claim
    assert ("FM009", witness, 5, 8) in found  # the tag
    assert ("FM009", witness, 6, 10) in found  # the summary: markup, but line breaks allowed
    assert not any(
        code == "FM010" and path == witness and line == 6 for code, path, line, _ in found
    )


# --- the writers alone, with values a build without `keepopen check` could pass them --------

FORGED = "Real\r\nER  -\r\nTY  - JOUR\nTI  - Forged}\n@misc{evil, title={x}"


def _record():
    from tests.citepage.test_formats import record

    return record(
        {
            "type": "argument",
            "id": "a",
            "title": FORGED,
            "description": "one\ntwo",
            "tags": ["x\ny"],
        }
    )


def test_ris_writer_keeps_every_value_on_its_line() -> None:
    from keepopen.citepage import to_ris

    lines = to_ris(_record()).split("\r\n")
    assert [ln[:2] for ln in lines if ln.startswith(("TY", "ER"))] == ["TY", "ER"]
    assert "TI  - Real ER - TY - JOUR TI - Forged} @misc{evil, title={x}" in lines
    assert "AB  - one two" in lines and "KW  - x y" in lines


def test_bibtex_writer_balances_braces_and_keeps_one_entry() -> None:
    from keepopen.citepage import to_bibtex

    bib = to_bibtex(_record())
    assert bib.count("\n@") == 0 and bib.startswith("@techreport{")
    library = bibtexparser.parse_string(bib)
    assert len(library.entries) == 1 and not library.failed_blocks
    assert library.entries[0]["title"] == (
        r"{Real ER - TY - JOUR TI - Forged\textbraceright{} @misc\textbraceleft{}evil, "
        r"title=\{x\}}"
    )
