"""The cite-this-page part of the `keepopen` MkDocs plugin.

`KeepOpenPlugin` calls these hooks; they only hand work to the core: the cite view, file paths
and data folder of `keepopen.citepage.view` (the same the Zensical path uses), redirects from
`keepopen.citepage.permalinks`, the data package from the library context. Templates stay thin:
they read the `cite` object (the view's data) this module puts into the page context.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from keepopen.citepage.permalinks import redirect_map
from keepopen.citepage.record import CitationRecord
from keepopen.citepage.view import (
    DATA_DIR,
    DOWNLOADS_MARKER,
    FORMATS,
    cite_file_paths,
    cite_record,
    cite_view_data,
)
from keepopen.context import LibraryContext
from keepopen.export.data import package_of

__all__ = ["CitePage"]

log = get_plugin_logger(__name__)


class CitePage:
    """State and hooks for one build."""

    def __init__(self) -> None:
        self.context: LibraryContext | None = None

    def on_config(self, config: MkDocsConfig, context: LibraryContext) -> None:
        """Keep the build's context; feed `redirects.yml` to the redirects plugin."""
        self.context = context
        redirects = config.plugins.get("redirects")
        maps = redirect_map(context.settings.root)
        if redirects is not None:
            merged = dict(redirects.config.get("redirect_maps") or {})
            merged.update(maps)
            redirects.config["redirect_maps"] = merged
        elif maps:
            log.warning("redirects.yml has entries but the `redirects` plugin is not enabled")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the open-data package to the site under `data/`."""
        assert self.context is not None
        for name, content in sorted(package_of(self.context).items()):
            files.append(File.generated(config, f"{DATA_DIR}/{name}", content=content))
        return files

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        """Replace the downloads marker with a table of the data package's files."""
        if DOWNLOADS_MARKER not in markdown or self.context is None:
            return markdown
        from keepopen.export.data import downloads_table

        here = posixpath.dirname(page.file.src_uri)
        table = downloads_table(
            package_of(self.context),
            lambda name: posixpath.relpath(f"{DATA_DIR}/{name}", here or "."),
        )
        return markdown.replace(DOWNLOADS_MARKER, table)

    def record(self, page: Page) -> CitationRecord | None:
        """The citation record of a content page; None for pages without a citable type and id."""
        if self.context is None:
            return None
        src = page.file.src_uri
        return cite_record(
            page.meta or {},
            site=self.context.settings.site,
            src_uri=src,
            dest=page.file.dest_uri,
            changed=self.context.dates.get(src),
            today=self.context.today,
        )

    def on_page_context(self, context: dict, page: Page) -> dict:
        record = self.record(page)
        context["cite"] = cite_view_data(record, page.file.dest_uri) if record else None
        return context

    def on_post_page(self, page: Page, config: MkDocsConfig) -> None:
        """Write the page's BibTeX, RIS and CSL-JSON files next to its HTML."""
        record = self.record(page)
        if record is None:
            return
        site_dir = Path(config.site_dir)
        paths = cite_file_paths(page.file.dest_uri)
        for suffix, _, writer in FORMATS:
            target = site_dir / paths[suffix]
            target.parent.mkdir(parents=True, exist_ok=True)
            # newline="" keeps RIS's CR LF line ends as written.
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(writer(record))
