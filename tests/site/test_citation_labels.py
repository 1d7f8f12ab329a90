"""In the built library, no visible citation label stands for two references on one page, and
each reference of a page links back to the citations of it (issue 17, point 3).

Labels come from `keepopen.bibliography.labels.citation_label`, computed over the whole
bibliography: the page, the bibliography page and the exports print the same `2024a`.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

from keepopen.bibliography import load_bibliography
from keepopen.bibliography.labels import citation_label

ROOT = Path(__file__).resolve().parents[2]
_LINK = re.compile(r'<a class="citation-ref" href="#ref-([^"]+)"[^>]*>([^<]*)</a>')
_ENTRY = re.compile(r'<div class="csl-entry" id="ref-([^"]+)"[^>]*>(.*?)</div>', re.S)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_no_label_stands_for_two_references_on_a_page(built_site: Path) -> None:
    bib = load_bibliography([ROOT / "references"])
    checked = 0
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        links = [(key, html.unescape(shown)) for key, shown in _LINK.findall(text)]
        if not links:
            continue
        checked += 1
        keys_by_label: dict[str, set[str]] = defaultdict(set)
        for key, shown in links:
            label = citation_label(bib, key)
            keys_by_label[label].add(key)
            formatted = bib.formatted(key)
            # The link shows the label, its year (`2024b` after the same authors) or, in
            # `@key` form, its authors (the year follows as text).
            assert shown in {label, formatted.year, formatted.author}, (page, key, shown)
        clashes = {label: keys for label, keys in keys_by_label.items() if len(keys) > 1}
        assert not clashes, f"{page.relative_to(built_site)}: {clashes}"
    assert checked > 10


def test_page_references_link_back_to_their_citations(built_site: Path) -> None:
    pages_with_lists = 0
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        if 'id="refs"' not in text:
            continue
        pages_with_lists += 1
        ids = set(re.findall(r'<span class="citation" data-cites="[^"]*" id="([^"]+)"', text))
        for key, body in _ENTRY.findall(text.split('id="refs"', 1)[1]):
            targets = re.findall(
                r'<a class="citation-backlink" href="#(citation-\d+)" '
                r'aria-label="Back to citation (\d+)"',
                body,
            )
            assert targets, f"{page.relative_to(built_site)}: {key} has no back-link"
            for target, number in targets:
                assert target == f"citation-{number}" and target in ids, (page, key, target)
    assert pages_with_lists > 10
