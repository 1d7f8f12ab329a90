"""Labels that identify, highlighted targets and back-links (issue 17, point 3; issue 15).

Two works of one author and year cited on one page get `2020a`/`2020b` (the same labels the
whole library uses) and collapse as citeproc does; each reference links back to every
citation of it on the page; the highlighted target keeps AA contrast in both colour schemes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from keepopen.bibliography import load_bibliography
from keepopen.bibliography.labels import citation_label
from keepopen.citations.markdown_ext import CitationsExtension

ROOT = Path(__file__).resolve().parents[2]
CONSTRUCTED = ROOT / "tests" / "fixtures" / "citeproc" / "constructed.bib"


@pytest.fixture(scope="module")
def bib():
    return load_bibliography([CONSTRUCTED])


def render(text: str, bib) -> str:
    return markdown.Markdown(extensions=[CitationsExtension(bibliography=bib)]).convert(text)


def test_same_author_same_year_on_one_page(bib) -> None:
    out = render("First [@sameYearB; @sameYearA]. Then [@sameYearA, p. 4]. @sameYearB says.", bib)
    # One group, collapsed: (Osei 2020a, 2020b)
    assert re.search(r">Osei 2020a</a>, <a [^>]+>2020b</a>\)", out)
    assert ">Osei 2020b</a>, p. 4)" in out
    assert ">Osei</a> (2020a)" in out
    # The reference list prints the same suffixes, in reference-list order.
    shown = html.unescape(out)
    assert shown.index("Osei, Kwame. 2020a. “First Thoughts.”") < shown.index(
        "Osei, Kwame. 2020b. “Second Thoughts.”"
    )
    assert citation_label(bib, "sameYearB") == "Osei 2020a"


def test_each_reference_links_back_to_each_citation_of_it(bib) -> None:
    out = render("A [@sameYearA]. B [@childChapter]. C [see @sameYearA, p. 2].", bib)
    ids = re.findall(r'<span class="citation" data-cites="[^"]*" id="(citation-\d+)"', out)
    assert ids == ["citation-1", "citation-2", "citation-3"]
    entry = re.search(r'<div class="csl-entry" id="ref-sameYearA"[^>]*>(.*?)</div>', out).group(1)
    backlinks = re.findall(
        r'<a class="citation-backlink" href="#([^"]+)" aria-label="([^"]+)"', entry
    )
    assert backlinks == [
        ("citation-1", "Back to citation 1"),
        ("citation-3", "Back to citation 3"),
    ]
    chapter = re.search(r'id="ref-childChapter"[^>]*>(.*?)</div>', out).group(1)
    assert 'href="#citation-2" aria-label="Back to citation 2"' in chapter


def test_numbers_start_again_on_each_page(bib) -> None:
    md = markdown.Markdown(extensions=[CitationsExtension(bibliography=bib)])
    md.convert("[@sameYearA] and [@sameYearB]")
    second = md.reset().convert("[@childChapter]")
    assert 'id="citation-1"' in second and 'href="#citation-1"' in second
    assert "citation-2" not in second


# -- the highlight's contrast, read from the stylesheet ---------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _over(hex_colour: str, alpha: float, background: str) -> str:
    mixed = [
        round(int(hex_colour[i : i + 2], 16) * alpha + int(background[i : i + 2], 16) * (1 - alpha))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _scheme_colours(css: str, scheme: str) -> dict[str, str]:
    selector = (
        r':root,\s*\[data-md-color-scheme="default"\]'
        if scheme == "default"
        else r'\[data-md-color-scheme="slate"\]'
    )
    colours: dict[str, str] = {}
    for block in re.findall(selector + r"\s*\{([^}]*)\}", css):
        colours.update(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b", block))
    return colours


@pytest.mark.parametrize(
    ("scheme", "text"),
    [
        ("default", _over("#000000", 0.87, "#fff4c2")),  # Material's body text on the tint
        ("slate", _over("#e2e4e9", 0.82, "#3d3500")),
    ],
)
def test_highlighted_reference_keeps_aa_contrast(scheme: str, text: str) -> None:
    css = (ROOT / "docs" / "assets" / "keepopen.css").read_text(encoding="utf-8")
    assert ".csl-entry:target" in css and ".citation:target" in css
    colours = _scheme_colours(css, scheme)
    background = colours["--ko-target-bg-color"]
    foregrounds = {"text": text} | {
        name: colours[name]
        for name in (
            "--md-typeset-a-color",
            "--md-accent-fg-color",
            "--ko-verified-primary",
            "--ko-verified-secondary",
            "--ko-verified-unverified",
        )
        if name in colours
    }
    assert len(foregrounds) >= 5
    for name, colour in foregrounds.items():
        assert _contrast(colour, background) >= 4.5, f"{scheme}: {name} {colour} on {background}"
