"""What a site search should read of a page: citations as plain text, no References section.

Material for MkDocs' search parses every page's HTML. Citation markup (a span and a link with
the whole reference as its `title`) and the per-page References section (excluded from the
index anyway) roughly doubled that parse. `hide` swaps them for HTML comments and the
citation's visible text, so the index gets the same text; `restore` puts back the exact
bytes it took. `search_text` gives the same view without the comments, for a caller that
keeps the page aside and knows nothing edits it while search reads (the comments cost the
search parser as much again as the citations' text). No site engine is involved: the MkDocs
plugin calls these around the search plugin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Hidden", "hide", "restore", "search_text"]

_CITATION = re.compile(
    r'<span class="citation" data-cites="[^"]*"(?: id="[^"]*")?>(?P<inner>.*?)</span>', re.S
)
#: The section's heading; mkdocstrings may shift its level inside a docstring.
_HEADING = re.compile(r'<h([1-6]) class="references-heading"')
_LIST = re.compile(r'<div class="references csl-bib-body" data-search-exclude=""[^>]*>')
_DIV = re.compile(r"<div\b|</div>")
_TAG = re.compile(r"<[^>]*>")
_PLACEHOLDER = re.compile(
    r"<!--keepopen:cite:(\d+)-->.*?<!--/keepopen:cite-->|<!--keepopen:section:(\d+)-->", re.S
)


@dataclass
class Hidden:
    """The pieces taken out of one page, in placeholder order."""

    pieces: list[str] = field(default_factory=list)

    def keep(self, piece: str) -> int:
        self.pieces.append(piece)
        return len(self.pieces) - 1


def _section_end(html: str, heading: re.Match[str]) -> int:
    """Where the References list after this heading ends (-1 if it is not right there)."""
    close = f"</h{heading.group(1)}>"
    heading_end = html.find(close, heading.end())
    if heading_end < 0:
        return -1
    listing = _LIST.search(html, heading_end)
    if listing is None or html[heading_end + len(close) : listing.start()].strip():
        return -1
    depth = 0
    for tag in _DIV.finditer(html, listing.start()):
        depth += 1 if tag.group() == "<div" else -1
        if depth == 0:
            return tag.end()
    return -1


def hide(html: str) -> tuple[str, Hidden]:
    """The page as search should read it, and what was taken out (for `restore`)."""
    hidden = Hidden()

    def citation(piece: str, text: str) -> str:
        return f"<!--keepopen:cite:{hidden.keep(piece)}-->{text}<!--/keepopen:cite-->"

    def section(piece: str) -> str:
        return f"<!--keepopen:section:{hidden.keep(piece)}-->"

    return _rewrite(html, citation, section), hidden


def search_text(html: str) -> str:
    """The page as search should read it, with nothing to put back: the same object when
    there is nothing to hide."""
    return _rewrite(html, lambda piece, text: text, lambda piece: "")


def _rewrite(html: str, citation: Callable[[str, str], str], section: Callable[[str], str]) -> str:
    """`html` with each citation replaced by `citation(markup, its text)` and each References
    section (heading and list) by `section(markup)`."""
    if 'class="citation"' not in html:
        return html
    html = _CITATION.sub(
        lambda match: citation(match.group(), _TAG.sub("", match.group("inner"))), html
    )
    out, at = [], 0
    while heading := _HEADING.search(html, at):
        end = _section_end(html, heading)
        if end < 0:
            out.append(html[at : heading.end()])
            at = heading.end()
            continue
        out.append(html[at : heading.start()] + section(html[heading.start() : end]))
        at = end
    out.append(html[at:])
    return "".join(out)


def restore(html: str, hidden: Hidden) -> str:
    """Put back every piece `hide` took out, byte for byte."""
    if not hidden.pieces:
        return html

    def piece(match: re.Match[str]) -> str:
        return hidden.pieces[int(match.group(1) or match.group(2))]

    return _PLACEHOLDER.sub(piece, html)
