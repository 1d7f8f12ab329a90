"""The cite view of a page as plain data: what the templates show, for every engine.

The MkDocs plugin (`keepopen.mkdocs_plugin.citepage`) puts this view into the page context as
`cite`; Zensical passes only the page's metadata to its templates, so the Markdown extension
stores the same view in `page.meta["keepopen_cite"]` (`META_KEY`). The templates read
`cite or page.meta.keepopen_cite`, so one template serves both engines. Both the plugin and the
post-build step (`keepopen.sitebuild`) write the citation files with `FORMATS` and
`cite_file_paths`, and publish the data package under `DATA_DIR`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from typing import Any

from keepopen.citepage.formats import (
    ACCESSED_PLACEHOLDER,
    long_date,
    suggested_citation,
    suggested_citation_html,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from keepopen.citepage.head import json_ld, meta_tags
from keepopen.citepage.record import CITABLE_TYPES, CitationRecord, SiteInfo, build_record

__all__ = [
    "DATA_DIR",
    "DOWNLOADS_MARKER",
    "FORMATS",
    "META_KEY",
    "cite_file_paths",
    "cite_record",
    "cite_view_data",
    "dest_uri",
]

#: Where the open-data package is published inside the site.
DATA_DIR = "data"

#: Where a page asks for the table of data downloads (see `docs/evidence/data.md`).
DOWNLOADS_MARKER = "<!-- keepopen:data-downloads -->"

#: Where the view goes in `page.meta`.
META_KEY = "keepopen_cite"

#: Download formats: (suffix, label, writer).
FORMATS = (
    ("bib", "BibTeX", to_bibtex),
    ("ris", "RIS", to_ris),
    ("json", "CSL-JSON", to_csl_json),
)


def dest_uri(src_uri: str, use_directory_urls: bool = True) -> str:
    """The HTML file of a page: `a/b.md` -> `a/b/index.html`, `a/index.md` -> `a/index.html`."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if posixpath.basename(stem) in {"index", "README"}:
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html" if use_directory_urls else f"{stem}.html"


def url_of_dest(dest: str) -> str:
    """Site-relative URL of an HTML file (`a/b/index.html` -> `a/b/`)."""
    return dest[: -len("index.html")] if posixpath.basename(dest) == "index.html" else dest


def cite_file_paths(dest: str) -> dict[str, str]:
    """Site paths of a page's citation files: `a/b/index.html` -> `a/b/cite.bib`, ...

    Without directory URLs (`a/b.html`) the files are `a/b.cite.bib`, ....
    """
    folder, name = posixpath.split(dest)
    stem = "cite" if name == "index.html" else name.rsplit(".", 1)[0] + ".cite"
    return {suffix: posixpath.join(folder, f"{stem}.{suffix}") for suffix, _, _ in FORMATS}


def cite_record(
    meta: Mapping[str, Any],
    *,
    site: SiteInfo,
    src_uri: str,
    dest: str,
    changed: dt.date | None,
    today: dt.date,
) -> CitationRecord | None:
    """The citation record of a page; None for pages without a citable type and id."""
    if meta.get("type") not in CITABLE_TYPES or not meta.get("id"):
        return None
    return build_record(
        meta,
        site=site,
        url_path=url_of_dest(dest),
        src_path=src_uri,
        changed=changed or today,
        changed_from_git=changed is not None,
    )


def cite_view_data(record: CitationRecord, dest: str) -> dict[str, Any]:
    """What the templates show (same names as the MkDocs `cite` object), as JSON-safe data."""
    here = posixpath.dirname(dest) or "."
    downloads = [
        {
            "label": label,
            "href": posixpath.relpath(path, here),
            "filename": f"{record.key}.{suffix}",
        }
        for (suffix, label, _), path in zip(FORMATS, cite_file_paths(dest).values(), strict=True)
    ]
    return {
        "record": {"id": record.id, "key": record.key, "title": record.title, "url": record.url},
        "text": suggested_citation(record),
        "html": suggested_citation_html(record),
        "accessed_placeholder": ACCESSED_PLACEHOLDER,
        "changed_iso": record.changed.isoformat(),
        "changed_long": long_date(record),
        "changed_from_git": record.changed_from_git,
        "review": record.review,
        "status_note": record.status_note,
        "history": record.history,
        "meta": [[name, content] for name, content in meta_tags(record)],
        "json_ld": json_ld(record),
        "downloads": downloads,
    }
