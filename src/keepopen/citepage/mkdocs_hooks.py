"""The cite-this-page part of the `keepopen` MkDocs plugin.

`KeepOpenPlugin` calls these hooks; they only gather site settings and hand work to the pure
modules (`record`, `head`, `formats`, `permalinks`, `keepopen.export.data`). Templates stay
thin: they read the `cite` context object this module builds.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from keepopen.citepage.formats import (
    ACCESSED_PLACEHOLDER,
    long_date,
    suggested_citation,
    suggested_citation_html,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from keepopen.citepage.gitdates import build_date, last_changed_dates
from keepopen.citepage.head import json_ld, meta_tags
from keepopen.citepage.permalinks import redirect_map
from keepopen.citepage.record import CITABLE_TYPES, CitationRecord, SiteInfo, build_record
from keepopen.content.library import Library

__all__ = ["CitePage", "CiteView", "DATA_DIR", "cite_file_paths"]

log = get_plugin_logger(__name__)

#: Where the open-data package is published inside the site.
DATA_DIR = "data"

#: Where a page asks for the table of data downloads (see `docs/evidence/data.md`).
DOWNLOADS_MARKER = "<!-- keepopen:data-downloads -->"

#: Download formats: (suffix, label, writer, media type).
FORMATS = (
    ("bib", "BibTeX", to_bibtex),
    ("ris", "RIS", to_ris),
    ("json", "CSL-JSON", to_csl_json),
)


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    filename: str


@dataclass(frozen=True)
class CiteView:
    """Everything the templates show: meta tags, JSON-LD, the cite box and the history link."""

    record: CitationRecord
    text: str
    html: str
    accessed_placeholder: str
    changed_iso: str
    changed_long: str
    changed_from_git: bool
    history: str
    meta: list[tuple[str, str]]
    json_ld: str
    downloads: list[Download] = field(default_factory=list)


def cite_file_paths(dest_uri: str) -> dict[str, str]:
    """Site paths of a page's citation files: `a/b/index.html` -> `a/b/cite.bib`, ...

    Without directory URLs (`a/b.html`) the files are `a/b.cite.bib`, ....
    """
    folder, name = posixpath.split(dest_uri)
    stem = "cite" if name == "index.html" else name.rsplit(".", 1)[0] + ".cite"
    return {suffix: posixpath.join(folder, f"{stem}.{suffix}") for suffix, _, _ in FORMATS}


class CitePage:
    """State and hooks for one build."""

    def __init__(self) -> None:
        self.site: SiteInfo | None = None
        self.dates: dict[str, dt.date] = {}
        self.today = build_date()
        self.package: dict[str, bytes] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        """Read site settings and git dates; feed `redirects.yml` to the redirects plugin."""
        root = Path(config.config_file_path).parent
        self.site = SiteInfo.from_mkdocs_config(config)
        self.dates = last_changed_dates(Path(config.docs_dir))
        self.today = build_date()
        redirects = config.plugins.get("redirects")
        maps = redirect_map(root)
        if redirects is not None:
            merged = dict(redirects.config.get("redirect_maps") or {})
            merged.update(maps)
            redirects.config["redirect_maps"] = merged
        elif maps:
            log.warning("redirects.yml has entries but the `redirects` plugin is not enabled")

    def on_files(self, files: Files, config: MkDocsConfig, library: Library | None = None) -> Files:
        """Add the open-data package to the site under `data/` (from `library` if scanned)."""
        from keepopen.export.data import build_package

        root = Path(config.config_file_path).parent
        self.package = build_package(root, site=self.site, library=library)
        for name, content in sorted(self.package.items()):
            files.append(File.generated(config, f"{DATA_DIR}/{name}", content=content))
        return files

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        """Replace the downloads marker with a table of the data package's files."""
        if DOWNLOADS_MARKER not in markdown:
            return markdown
        from keepopen.export.data import downloads_table

        here = posixpath.dirname(page.file.src_uri)
        table = downloads_table(
            self.package, lambda name: posixpath.relpath(f"{DATA_DIR}/{name}", here or ".")
        )
        return markdown.replace(DOWNLOADS_MARKER, table)

    def view(self, page: Page) -> CiteView | None:
        """The cite view of a content page; None for pages without a citable type and id."""
        meta = page.meta or {}
        if self.site is None or meta.get("type") not in CITABLE_TYPES or not meta.get("id"):
            return None
        src = page.file.src_uri
        changed = self.dates.get(src)
        record = build_record(
            meta,
            site=self.site,
            url_path=page.url,
            src_path=src,
            changed=changed or self.today,
            changed_from_git=changed is not None,
        )
        here = posixpath.dirname(page.file.dest_uri) or "."
        downloads = [
            Download(label, posixpath.relpath(path, here), f"{record.key}.{suffix}")
            for (suffix, label, _), path in zip(
                FORMATS, cite_file_paths(page.file.dest_uri).values(), strict=True
            )
        ]
        return CiteView(
            record=record,
            text=suggested_citation(record),
            html=suggested_citation_html(record),
            accessed_placeholder=ACCESSED_PLACEHOLDER,
            changed_iso=record.changed.isoformat(),
            changed_long=long_date(record),
            changed_from_git=record.changed_from_git,
            history=record.history,
            meta=meta_tags(record),
            json_ld=json_ld(record),
            downloads=downloads,
        )

    def on_page_context(self, context: dict, page: Page) -> dict:
        context["cite"] = self.view(page)
        return context

    def on_post_page(self, page: Page, config: MkDocsConfig) -> None:
        """Write the page's BibTeX, RIS and CSL-JSON files next to its HTML."""
        view = self.view(page)
        if view is None:
            return
        site_dir = Path(config.site_dir)
        paths = cite_file_paths(page.file.dest_uri)
        for suffix, _, writer in FORMATS:
            target = site_dir / paths[suffix]
            target.parent.mkdir(parents=True, exist_ok=True)
            # newline="" keeps RIS's CR LF line ends as written.
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(writer(view.record))
