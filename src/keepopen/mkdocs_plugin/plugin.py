"""`keepopen` MkDocs plugin: page context, build-wide warnings, and `--strict` failure.

Each hook only hands work to the pure core (`keepopen.citations`, `keepopen.bibliography`,
`keepopen.content`, ...). `on_config` builds the build's one `LibraryContext` from MkDocs' own
config and the plugin's options, and every part (records, citations, cite page, check) reads
the library from it: one scan of `docs/` and one bibliography load per build. Site-wide results
come from that scan, never from the order in which MkDocs happens to process pages.
"""

from __future__ import annotations

import gc
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from keepopen.context import LibraryContext
from keepopen.mkdocs_plugin.checks import (
    BackgroundCheck,
    drop_unchecked_files,
    log_diagnostics,
    refuse_outside_links,
    refuse_unreadable,
    report_checks,
)
from keepopen.mkdocs_plugin.citations import Citations
from keepopen.mkdocs_plugin.citepage import CitePage
from keepopen.mkdocs_plugin.config import KeepOpenConfig
from keepopen.mkdocs_plugin.incremental import BibliographyChanges
from keepopen.mkdocs_plugin.listing import TestimonyListing
from keepopen.mkdocs_plugin.nav_cache import NavCache
from keepopen.mkdocs_plugin.navigation import order_navigation
from keepopen.mkdocs_plugin.records import Records
from keepopen.mkdocs_plugin.titles import SafeTitles
from keepopen.settings import LibrarySettings

log = get_plugin_logger(__name__)

#: Modules of the search plugins `hide_from_search` knows to read pages without editing them.
_SEARCH = ("material.plugins.search.plugin", "mkdocs.contrib.search")


class KeepOpenPlugin(BasePlugin[KeepOpenConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.cite = CitePage()  # cite this page, redirects, open-data package
        self.citations = Citations(log)  # bibliography, citation warnings, global list
        self.records = Records()  # front-matter facts and evidence shown on each page
        self.titles = SafeTitles()  # titles reach the theme escaped
        self.listing = TestimonyListing()  # testimony listed by period, out of the sidebar
        self.nav_cache = NavCache()  # one sidebar for all the pages not in it
        self.context: LibraryContext | None = None
        self.serving = False
        self.bib_changes = BibliographyChanges()  # `serve`: pages citing a changed entry
        self.background = BackgroundCheck()  # `build`: the check on the second core

    def on_startup(self, *, command, dirty):
        # Having this hook keeps one plugin object for all of `mkdocs serve`'s rebuilds, so each
        # build's context reuses what the one before read (pages and check results of unchanged
        # files); `mkdocs build` runs once either way.
        self.serving = command == "serve"

    def on_config(self, config):
        # MkDocs keeps `-f` as given (maybe relative): resolve it before relating paths to it.
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        settings = LibrarySettings.from_config(config, root, options=self.config)
        self.context = context = LibraryContext(settings, previous=self.context)
        # Reading the library and the bibliography makes objects that all live on: the
        # collector would walk them again and again while they are made (0.06 s of 0.1 s of
        # collection in a build of 2,000 references).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.cite.on_config(config, context)
            self.citations.on_config(config, context)
            self.records.on_config(context)
            self.listing.on_config(context)
        finally:
            if collecting:
                gc.enable()
        return config

    def on_pre_build(self, config):
        assert self.context is not None
        # A link out of the library, or an unreadable page, must not reach MkDocs.
        refuse_outside_links(self.context)
        refuse_unreadable(self.context.library.diagnostics)
        self.citations.search_reads_alone = _only_search_between(
            config.plugins.events["page_context"], self._before_search, self._after_search
        )
        if not self.serving:
            # What the build has loaded by now (theme, library, bibliography) lives until it
            # ends: full collections need not walk it for every page. `on_post_build` thaws
            # it, for processes that build more than once (tests, tools using MkDocs).
            gc.freeze()
        if not self.config.check:
            return
        if self.serving:  # its per-page results are kept for the next rebuild: run it here
            reported = report_checks(self.context, log)
        else:  # `keepopen check` alongside the build, reported in `on_post_build`
            self.background.start(self.context)
            from keepopen.checks.references import check_references

            context = self.context
            reported = check_references(
                context.library, context.references, context.settings.forums_dir
            )
        # The check prints each unknown key with its file and line: the pages do not again.
        self.citations.reported = {(d.path, d.line) for d in reported if d.code == "REF001"}

    def on_post_build(self, config):
        gc.unfreeze()
        if not self.serving:  # a `serve` rebuild renders only some pages: keep the memo whole
            self.citations.save_memo()
        if self.config.check and not self.serving and self.context is not None:
            log_diagnostics(self.background.finish(self.context), log)

    def on_build_error(self, error):
        gc.unfreeze()
        self.background.cancel()

    def on_files(self, files, config):
        files = drop_unchecked_files(files, log)
        if self.serving:
            assert self.context is not None
            self.bib_changes.on_files(files, self.context, log)
        self.citations.on_files(files)
        files = self.listing.on_files(files, config)
        self.records.topics = self.listing.topic_pages()
        return self.cite.on_files(files, config)

    def on_nav(self, nav, config, files):
        ordered = order_navigation(nav, self.config.nav_order, self.config.nav_exclude)
        return self.titles.on_nav(self.listing.on_nav(ordered))

    def on_page_markdown(self, markdown, page, config, files):
        self.citations.on_page_markdown(page)
        markdown = self.records.on_page_markdown(markdown, page)
        markdown = self.listing.on_page_markdown(markdown, page)
        return self.cite.on_page_markdown(markdown, page)

    def on_page_content(self, html, page, config, files):
        return self.citations.on_page_content(html, page)

    # Before Material's tags plugin renders its listings (priority 100) with page titles.
    @event_priority(150)
    def on_env(self, env, config, files):
        self.titles.on_env(files)  # every page is read, no template has rendered yet
        if env.bytecode_cache is None and self.context is not None:
            # Compiling the theme's templates took most of a `serve` rebuild after one edit:
            # keep them compiled (Jinja checks each template's source before reusing it).
            folder = self.context.settings.cache_dir / "templates"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        self.nav_cache.install(env)
        return env

    # Material's search plugin reads page.content in its on_page_context (priority 0).
    @event_priority(100)
    def _before_search(self, context, page, config, nav):
        self.citations.hide_from_search(page)
        return context

    @event_priority(-100)
    def _after_search(self, context, page, config, nav):
        self.citations.restore_after_search(page)
        with self.titles.raw(page):  # the citation formats escape for themselves
            return self.cite.on_page_context(context, page)

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_page(self, output, page, config):
        with self.titles.raw(page):
            self.cite.on_post_page(page, config)
        return output


def _only_search_between(handlers, first, last) -> bool:
    """Whether every `on_page_context` handler running after `first` and before `last` is a
    search plugin: MkDocs' reads the page, Material's also drops `data-search-*` attributes."""
    try:
        between = handlers[handlers.index(first) + 1 : handlers.index(last)]
    except ValueError:
        return False
    return all(type(getattr(h, "__self__", None)).__module__ in _SEARCH for h in between)
