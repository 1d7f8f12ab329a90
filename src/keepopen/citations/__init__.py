"""Pandoc citations in Markdown: syntax, rendering, per-page References and the bibliography.

The core here knows no site engine. `parse()` and `find_citations()` read Pandoc's citation
syntax; `markdown_ext.CitationsExtension` renders it inside Python-Markdown (and so inside MkDocs
pages and mkdocstrings docstrings); `site` builds the site-wide bibliography with backlinks.
"""

from __future__ import annotations

from keepopen.citations.locator import parse_locator
from keepopen.citations.model import Citation, CitationOccurrence, Locator, Mode
from keepopen.citations.scan import find_citations
from keepopen.citations.syntax import parse

__all__ = [
    "Citation",
    "CitationOccurrence",
    "Locator",
    "Mode",
    "find_citations",
    "parse",
    "parse_locator",
]
