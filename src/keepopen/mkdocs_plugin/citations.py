"""The citation part of the `keepopen` MkDocs plugin: bibliography, warnings, global list.

- `on_config` takes the build's one bibliography from the library context, reports its
  load problems as warnings, and adds `keepopen.citations` to the site's Markdown extensions
  (so mkdocstrings uses it for docstrings too).
- `on_files` scans every Markdown page for citations: the global bibliography and its
  backlinks come from this scan, never from the order pages are rendered in.
- `on_page_markdown` warns about unknown keys with file, line and "did you mean"; the warnings
  go through the plugin logger, so `mkdocs build --strict` fails on them.
- `on_page_content` replaces `<!-- keepopen:bibliography -->` with every reference of the
  library, each linking back to the pages that cite it.
- `hide_from_search` and `restore_after_search` run just before and just after Material's
  search plugin reads the page (see `keepopen.citations.search_view`): search gets citations
  as their text and no References section, which it would not index anyway; parsing that
  markup had been a third of what the plugin added to a build. When search is the only
  reader in between and will not edit the page (`search_reads_alone`), the page is set
  aside whole and handed back afterwards; otherwise what was hidden is put back into
  whatever the readers left.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.utils import get_relative_url

from keepopen.bibliography import Bibliography
from keepopen.citations import search_view
from keepopen.citations.markdown_ext import CitationsExtension
from keepopen.citations.memo import CitationMemo, fingerprint
from keepopen.citations.site import BIBLIOGRAPHY_MARKER, CitationIndex, bibliography_html
from keepopen.context import LibraryContext
from keepopen.diagnostics import Severity

__all__ = ["Citations", "unknown_key_message"]


def unknown_key_message(where: str, key: str, bib: Bibliography) -> str:
    """`docs/a.md:12: unknown citation key 'x' (did you mean 'y', 'z'?)`."""
    close = bib.suggest(key)
    hint = f" (did you mean {', '.join(repr(k) for k in close)}?)" if close else ""
    return f"{where}: unknown citation key {key!r}{hint}"


class Citations:
    """Hook logic for citations; `KeepOpenPlugin` forwards its events here."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter) -> None:
        self.log = log
        self.bib: Bibliography | None = None
        self.index = CitationIndex()
        self.extension: CitationsExtension | None = None
        self.memo: CitationMemo | None = None
        self._root = Path.cwd()
        self._docs_dir = Path("docs")
        self._page_unknown: list[str] = []
        self._files = None
        self._hidden: dict[str, search_view.Hidden] = {}
        #: Pages set aside while search reads them: `src_uri -> (page, what search read)`.
        self._aside: dict[str, tuple[str, str]] = {}
        #: Set by the plugin when Material's search is the only handler between
        #: `hide_from_search` and `restore_after_search`.
        self.search_reads_alone = False
        #: `(path, line)` of unknown keys `keepopen check` already reported in this build.
        self.reported: set[tuple[str, int]] = set()

    def on_config(self, config, context: LibraryContext) -> None:
        """Take the build's bibliography and register the Markdown extension."""
        settings = context.settings
        self._root, self._docs_dir = settings.root, settings.docs_dir
        self.bib = context.bib
        self.index.cache_dir = settings.cache_dir
        # As `keepopen check` does: errors fail `--strict`, warnings (BIB025...) are shown only.
        for diagnostic in self.bib.diagnostics:
            warn = diagnostic.severity is Severity.ERROR
            (self.log.warning if warn else self.log.info)(diagnostic.format())
        self.extension = CitationsExtension(
            bibliography=self.bib,
            style=settings.style,
            on_unknown=self._page_unknown.append,
        )
        self.extension.memo = self._memo_for(self.bib, settings.style, settings.cache_dir)
        extensions = config.markdown_extensions
        extensions[:] = [e for e in extensions if e != "keepopen.citations"]
        extensions.append(self.extension)

    def _memo_for(self, bib: Bibliography, style: str, cache_dir: Path) -> CitationMemo | None:
        """The citations rendered before with this bibliography: kept from the last `serve`
        rebuild, else saved by the last build."""
        if not bib.fingerprint:  # not read from files: nothing to tell its versions apart
            return None
        stamp = fingerprint(bib.fingerprint, style)
        if self.memo is None or self.memo.fingerprint != stamp:
            self.memo = CitationMemo.load(cache_dir, stamp)
        self.memo.start_build()
        return self.memo

    def save_memo(self) -> None:
        """After a build: keep the citations it rendered for the next one."""
        if self.memo is not None:
            self.memo.save()

    def on_files(self, files) -> None:
        """Scan every Markdown page (changed ones only, on `mkdocs serve` rebuilds)."""
        self._files = files
        pages = {
            f.src_uri: Path(f.abs_src_path)
            for f in files.documentation_pages()
            if f.abs_src_path and not f.generated_by  # generated pages have no source lines
        }
        self.index.update(pages)

    def _where(self, src_uri: str) -> str:
        path = os.path.relpath(self._docs_dir / src_uri, self._root)
        return Path(path).as_posix()

    def on_page_markdown(self, page) -> None:
        """Warn about each unknown key on this page, with its line."""
        self._page_unknown.clear()
        found = self.index.pages.get(page.file.src_uri)
        if found is None or self.bib is None:
            return
        for occurrence in found.occurrences:
            if occurrence.key in self.bib.entries:
                continue
            where = self._where(page.file.src_uri)
            if (where, occurrence.line) not in self.reported:
                at = f"{where}:{occurrence.line}"
                self.log.warning(unknown_key_message(at, occurrence.key, self.bib))

    def on_page_content(self, html: str, page) -> str:
        """Warn about unknown keys outside the page's Markdown (docstrings); fill the marker."""
        if self.bib is None:
            return html
        found = self.index.pages.get(page.file.src_uri)
        scanned = {o.key for o in found.occurrences} if found else set()
        for key in dict.fromkeys(self._page_unknown):
            if key not in scanned:
                where = f"{self._where(page.file.src_uri)} (docstring or generated Markdown)"
                self.log.warning(unknown_key_message(where, key, self.bib))
        self._page_unknown.clear()
        if BIBLIOGRAPHY_MARKER not in html:
            return html

        def url_of(src_uri: str) -> str | None:
            target = self._files.get_file_from_path(src_uri) if self._files else None
            return get_relative_url(target.url, page.file.url) if target else None

        listing = bibliography_html(self.bib, self.bib.entries, self.index, url_of)
        return html.replace(BIBLIOGRAPHY_MARKER, listing)

    def hide_from_search(self, page) -> None:
        """Before search: citations become their text, the References section goes."""
        if not page.content:
            return
        if self.search_reads_alone:
            shown = search_view.search_text(page.content)
            # Material's search removes `data-search-*="..."` attributes from what it read:
            # where there is none, it leaves the page as it was and the original can go back.
            if "data-search-" not in shown:
                if shown is not page.content:
                    self._aside[page.file.src_uri] = (page.content, shown)
                    page.content = shown
                return
        page.content, self._hidden[page.file.src_uri] = search_view.hide(page.content)

    def restore_after_search(self, page) -> None:
        """After search: put back exactly what `hide_from_search` took out."""
        aside = self._aside.pop(page.file.src_uri, None)
        if aside is not None:
            original, shown = aside
            if page.content != shown:
                self.log.warning(
                    f"{self._where(page.file.src_uri)}: a plugin changed the page while search "
                    "read it; keepopen published the page as it rendered it. Run that plugin "
                    "before keepopen or after search (its event priority)."
                )
            page.content = original
            return
        hidden = self._hidden.pop(page.file.src_uri, None)
        if hidden is not None and page.content:
            page.content = search_view.restore(page.content, hidden)
