"""CIT001: a citation inside a link's text or an image's alt text.

The site renders it harmlessly (plain text in alt text, an unlinked label in link text; see
`keepopen.citations.enclosing`), but the reader cannot follow it to its reference there, so the
contributor is told where to move it. A warning, not an error: the page is legal Markdown and
builds correctly, and a photo credit in alt text may be exactly what the author wants.
"""

from __future__ import annotations

import bisect
import re

from keepopen.checks.links import REF_DEF
from keepopen.checks.text import LineIndex, mask_code
from keepopen.citations.enclosing import enclosing, reference_label
from keepopen.citations.scan import mask_non_prose
from keepopen.citations.skip import para_end
from keepopen.citations.syntax import scan
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["check_citations_in_links"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")

_WHERE = {
    "link": (
        "a link's text",
        "it shows as plain text, not linked to its reference",
        "move the citation after the link: `[the report](https://...) [@key]`",
    ),
    "image": (
        "an image's description (alt text)",
        "it shows there as plain text only",
        "move the citation into the sentence or caption next to the image",
    ),
}


def check_citations_in_links(library: Library) -> list[Diagnostic]:
    """CIT001, once per citation group, at its `[` or `@`."""
    out: list[Diagnostic] = []
    for page in library:
        body = page.body
        if "@" not in body or "[" not in body and "<a" not in body.lower():
            continue
        # Code, comments and code blocks blanked: their brackets open no link.
        text = mask_code(mask_non_prose(body))
        references = {reference_label(m.group(1)) for m in REF_DEF.finditer(text)}
        paragraphs = [0] + [m.end() for m in _BLANK_LINE.finditer(text)]
        at = LineIndex(text, page.body_line)
        for group in scan(text):
            lo = paragraphs[bisect.bisect_right(paragraphs, group.start) - 1]
            hi = para_end(text, group.end)
            inside = enclosing(text, group.start, group.end, references, lo, hi)
            if inside is None:
                continue
            where, effect, fix = _WHERE[inside]
            line, col = at(group.start)
            source = " ".join(text[group.start : group.end].split())
            message = f"citation `{source}` is inside {where}; {effect}"
            out.append(make("CIT001", page.rel, line, col, message, fix))
    return out
