"""`mkdocs serve --dirty` (`make serve`): a changed `.bib` entry re-renders the pages citing it.

MkDocs' dirty rebuild renders a page again when its file is newer than its built HTML. A `.bib`
edit changes no page file, so this removes the built HTML of the pages that cite a changed
entry (`keepopen.incremental.pages_citing`): MkDocs then renders exactly those again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import Files

from keepopen.context import LibraryContext
from keepopen.incremental import Fingerprints, changed_keys, entry_fingerprints, pages_citing

__all__ = ["BibliographyChanges"]


class BibliographyChanges:
    """The entries of the previous build, kept by the plugin across `serve` rebuilds."""

    def __init__(self) -> None:
        self.fingerprints: Fingerprints | None = None

    def on_files(
        self, files: Files, context: LibraryContext, log: logging.Logger | logging.LoggerAdapter
    ) -> None:
        now = entry_fingerprints(context.bib)
        before, self.fingerprints = self.fingerprints, now
        if before is None:
            return  # the first build renders every page anyway
        keys = changed_keys(before, now)
        if not keys:
            return
        stale = pages_citing(keys, context.library)
        for src in stale:
            file = files.get_file_from_path(src)
            if file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        log.info(f"changed references {', '.join(sorted(keys))}: {len(stale)} pages re-rendered")
