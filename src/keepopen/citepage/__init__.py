"""Cite this page: citation records, head meta tags, citation files and permanent addresses.

Pure core (no MkDocs imports): the plugin's hooks are in `keepopen.mkdocs_plugin.citepage`.
"""

from __future__ import annotations

from keepopen.citepage.formats import (
    suggested_citation,
    suggested_citation_html,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from keepopen.citepage.head import dublin_core_tags, highwire_tags, json_ld, meta_tags
from keepopen.citepage.permalinks import check_published, redirect_map, update_published
from keepopen.citepage.record import CitationRecord, Creator, SiteInfo, build_record

__all__ = [
    "CitationRecord",
    "Creator",
    "SiteInfo",
    "build_record",
    "check_published",
    "dublin_core_tags",
    "highwire_tags",
    "json_ld",
    "meta_tags",
    "redirect_map",
    "suggested_citation",
    "suggested_citation_html",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
    "update_published",
]
