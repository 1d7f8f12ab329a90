"""The library as one build or command needs it: settings, bibliography, pages, citations, dates.

Every adapter reads the library through one `LibraryContext`: the MkDocs plugin builds it in
`on_config` from MkDocs' validated config, each command line verb from `mkdocs.yml`
(`load_context(root)`), and an engine that renders each page with a new Markdown instance
(Zensical) through `library_context(root)`, which keeps it per process and per library root and
loads it again only when a page, a `.bib` file, a taxonomy or `mkdocs.yml` changes.

Each part is read on first use and then kept, so a build scans the pages once and loads the
bibliography once, however many parts (records, citations, the check, the data package) use
them, and a command that needs only the bibliography never scans the pages.
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.citepage.gitdates import build_date, last_changed_dates
from keepopen.content.library import Library, LibraryPage, ScanMemo, scan
from keepopen.settings import CONFIG_FILE, LibrarySettings

if TYPE_CHECKING:
    from keepopen.checks.memo import PageResults
    from keepopen.checks.references import References
    from keepopen.citations.site import CitationIndex

__all__ = ["LibraryContext", "library_context", "load_context"]


class LibraryContext:
    """The settings, and each part of the library read at most once.

    `formatted=False` loads the bibliography without formatting every entry up front (the
    check only needs keys and fields; an entry is formatted when first asked for).
    """

    def __init__(
        self,
        settings: LibrarySettings,
        *,
        formatted: bool = True,
        previous: LibraryContext | None = None,
    ) -> None:
        self.settings = settings
        self.formatted = formatted
        #: Pages read by earlier contexts of this process, by their bytes (`mkdocs serve`
        #: rebuilds, Zensical): an unchanged page is not parsed again.
        self.scan_memo: ScanMemo = previous.scan_memo if previous is not None else {}
        # Only what is reused is kept: a chain of earlier contexts would grow with every rebuild.
        self._check_memo = previous.__dict__.get("check_memo") if previous is not None else None
        #: Per-page results of library-wide work (link checks, data-package rows, listing
        #: pages), by name, kept from the previous context of this process: a `serve` rebuild
        #: recomputes only what depends on the pages that changed.
        self.memos: dict[str, dict] = previous.memos if previous is not None else {}
        self.today: dt.date = build_date()
        #: Results that higher layers derive from this context once per build (the data
        #: package); kept here so the context itself imports none of them.
        self.derived: dict[str, object] = {}

    def memo(self, name: str) -> dict:
        """The dict kept under `name` across this process's rebuilds (see `memos`)."""
        return self.memos.setdefault(name, {})

    @cached_property
    def bib(self) -> Bibliography:
        """The one bibliography load: every file of `settings.bib_files()`, cached by hash."""
        settings = self.settings
        return load_bibliography(
            list(settings.bibliography),
            root=settings.root,
            cache_dir=settings.cache_dir,
            formatted=self.formatted,
        )

    @cached_property
    def library(self) -> Library:
        """The one scan of `docs/`: every page, its front matter and its problems."""
        settings = self.settings
        return scan(
            settings.root,
            docs_dir=settings.docs_rel,
            taxonomies=settings.taxonomies,
            memo=self.scan_memo,
        )

    @cached_property
    def check_memo(self) -> PageResults:
        """Page-local check results by page text: from the previous context of this process
        (`mkdocs serve`), else from the cache folder (the last build)."""
        if self._check_memo is not None:
            return self._check_memo
        from keepopen.checks.memo import PageResults

        return PageResults(self.settings.cache_dir)

    @cached_property
    def references(self) -> References:
        """The bibliography as the check sees it: entries plus the project's BibTeX rules."""
        from keepopen.checks.references import references_from

        return references_from(self.bib)

    @cached_property
    def index(self) -> CitationIndex:
        """Citations of every Markdown file under `docs/` (for the global bibliography)."""
        from keepopen.citations.site import CitationIndex

        index = CitationIndex(cache_dir=self.settings.cache_dir)
        docs_dir = self.settings.docs_dir
        index.update({p.relative_to(docs_dir).as_posix(): p for p in _markdown_files(docs_dir)})
        return index

    @cached_property
    def dates(self) -> dict[str, dt.date]:
        """Docs-relative path -> date of the last commit that changed the page."""
        return last_changed_dates(self.settings.docs_dir)

    def verification_of(self, key: str) -> str | None:
        """The verification level a reference states (`primary`...), None if unknown."""
        entry = self.bib.get(key)
        return entry.verification if entry else None

    @property
    def by_src(self) -> dict[str, LibraryPage]:
        return self.library.by_src()


def load_context(
    root: Path | str, config_file: str = CONFIG_FILE, *, formatted: bool = True
) -> LibraryContext:
    """A new context for the library at `root`, its settings read from `config_file`.

    Raises:
        keepopen.settings.SettingsError: the configuration cannot be read.
    """
    return LibraryContext(LibrarySettings.from_mkdocs_yml(root, config_file), formatted=formatted)


def _markdown_files(docs_dir: Path) -> list[Path]:
    return sorted(docs_dir.rglob("*.md"))


_LOCK = threading.Lock()
_CONTEXTS: dict[Path, tuple[tuple, LibraryContext]] = {}


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
        return (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return (str(path), -1, -1)


def _fingerprint(settings: LibrarySettings, config: Path) -> tuple:
    """Size and time of every file the context is read from (the config first)."""
    paths = [config, settings.root / "redirects.yml"]
    paths += _markdown_files(settings.docs_dir)
    paths += settings.bib_files()
    paths += sorted(settings.taxonomies_dir.glob("*.yml"))
    return tuple(_stat(path) for path in paths)


def library_context(root: Path | str, config_file: str = CONFIG_FILE) -> LibraryContext:
    """The context of the library at `root`, loaded once while its files stay unchanged.

    For engines that render every page in a new Markdown instance of the same process; the
    parts every page needs are loaded at once, under the lock.
    """
    root = Path(root).resolve()
    with _LOCK:
        known = _CONTEXTS.get(root)
        settings = known[1].settings if known is not None else None
        if known is None or settings is None or _stat(root / config_file) != known[0][0]:
            settings = LibrarySettings.from_mkdocs_yml(root, config_file)
        stamp = _fingerprint(settings, root / config_file)
        if known is not None and known[0] == stamp:
            return known[1]
        context = LibraryContext(settings, previous=known[1] if known is not None else None)
        for part in ("bib", "library", "index", "dates"):
            getattr(context, part)
        _CONTEXTS[root] = (stamp, context)
        return context
