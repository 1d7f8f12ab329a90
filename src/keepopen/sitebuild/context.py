"""The library as one build needs it: settings, bibliography, pages, citations, dates.

An engine renders each page with a new Markdown instance, so the context is kept per process
and per library root, and rebuilt only when a page, a `.bib` file or `mkdocs.yml` changes
(`zensical serve` renders again in the same process).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.citations.site import CitationIndex
from keepopen.citepage.gitdates import build_date, last_changed_dates
from keepopen.content.library import Library, LibraryPage, scan
from keepopen.settings import CONFIG_FILE, LibrarySettings

__all__ = ["LibraryContext", "library_context"]

_LOCK = threading.Lock()
_CONTEXTS: dict[Path, tuple[tuple, LibraryContext]] = {}


@dataclass
class LibraryContext:
    """Everything read once per build: the one scan and the one bibliography load."""

    settings: LibrarySettings
    bib: Bibliography
    library: Library
    index: CitationIndex
    dates: dict[str, dt.date]
    today: dt.date
    _package: dict[str, bytes] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, settings: LibrarySettings) -> LibraryContext:
        cache_dir = settings.cache_dir
        bib = load_bibliography(
            list(settings.bibliography), root=settings.root, cache_dir=cache_dir
        )
        library = scan(settings.root, docs_dir=settings.docs_rel)
        index = CitationIndex(cache_dir=cache_dir)
        index.update(_markdown_files(settings.docs_dir))
        return cls(
            settings=settings,
            bib=bib,
            library=library,
            index=index,
            dates=last_changed_dates(settings.docs_dir),
            today=build_date(),
        )

    @property
    def by_src(self) -> dict[str, LibraryPage]:
        return self.library.by_src()

    @property
    def package(self) -> dict[str, bytes]:
        """The open-data package (file name -> bytes), built on first use."""
        if self._package is None:
            from keepopen.export.data import build_package

            self._package = build_package(
                self.settings.root, site=self.settings.site, library=self.library
            )
        return self._package


def _markdown_files(docs_dir: Path) -> dict[str, Path]:
    return {p.relative_to(docs_dir).as_posix(): p for p in sorted(docs_dir.rglob("*.md"))}


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
        return (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return (str(path), -1, -1)


def _fingerprint(settings: LibrarySettings, config: Path) -> tuple:
    """Size and time of every file the context is read from (the config first)."""
    paths = [config, settings.root / "redirects.yml"]
    paths += sorted(settings.docs_dir.rglob("*.md"))
    for source in settings.bibliography:
        paths += sorted(source.rglob("*.bib")) if source.is_dir() else [source]
    return tuple(_stat(path) for path in paths)


def library_context(root: Path | str, config_file: str = CONFIG_FILE) -> LibraryContext:
    """The context of the library at `root`, loaded once while its files stay unchanged."""
    root = Path(root).resolve()
    with _LOCK:
        known = _CONTEXTS.get(root)
        settings = known[1].settings if known is not None else None
        if known is None or settings is None or _stat(root / config_file) != known[0][0]:
            settings = LibrarySettings.from_mkdocs_yml(root, config_file)
        stamp = _fingerprint(settings, root / config_file)
        if known is not None and known[0] == stamp:
            return known[1]
        context = LibraryContext.load(settings)
        _CONTEXTS[root] = (stamp, context)
        return context
