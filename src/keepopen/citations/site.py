"""Site-wide citation results: which page cites which key, and the global bibliography.

Computed from a scan of every Markdown file under `docs/` (re-read only when a file changes,
and with a cache folder, re-scanned only when its bytes change), never from the order in which
a site engine happens to render pages.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.bibliography import cache
from keepopen.citations.model import CitationOccurrence
from keepopen.citations.render import BibliographyLike, reference_list_html
from keepopen.citations.scan import find_citations

__all__ = ["BIBLIOGRAPHY_MARKER", "CitationIndex", "PageCitations", "bibliography_html"]

#: Put this comment in a page to get every reference of the library listed there.
BIBLIOGRAPHY_MARKER = "<!-- keepopen:bibliography -->"

_TITLE = re.compile(r"^title:[ \t]*(?P<title>.+?)[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

#: The modules whose code decides a scan's result: a change to any of them empties the cache.
_SCANNER = tuple(
    f"keepopen.citations.{m}" for m in ("locator", "model", "scan", "site", "skip", "syntax")
)


@dataclass(frozen=True)
class PageCitations:
    """The citations of one Markdown file (`src_uri` relative to the docs folder)."""

    src_uri: str
    title: str
    occurrences: tuple[CitationOccurrence, ...]

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(o.key for o in self.occurrences))


def page_title(markdown: str, fallback: str) -> str:
    """The front matter `title`, else the first `# heading`, else `fallback`."""
    front = _FRONT.match(markdown)
    if front and (m := _TITLE.search(front.group("body"))):
        return m.group("title").strip("'\"")
    m = _HEADING.search(markdown)
    return m.group("title") if m else fallback


@dataclass
class CitationIndex:
    """Citations of every page of a docs folder, refreshed file by file on change.

    With `cache_dir`, each file's scan is also kept on disk by the hash of its bytes, so a new
    process (the next `mkdocs build`) re-scans only the files that changed.
    """

    pages: dict[str, PageCitations] = field(default_factory=dict)
    cache_dir: Path | None = None
    _stamps: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    _digests: dict[str, str] = field(default_factory=dict, repr=False)

    def update(self, files: dict[str, Path]) -> None:
        """Scan these Markdown files (`src_uri` -> path); unchanged ones (same size and mtime)
        keep their earlier results, and files no longer listed are forgotten."""
        stored: dict[str, tuple[str, PageCitations]] | None = None  # read on the first change
        scanned = False
        for src_uri, path in files.items():
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            if self._stamps.get(src_uri) == stamp:
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(src_uri.encode() + b"\0" + data).hexdigest()
            known = None
            if src_uri not in self.pages:  # the cache file holds nothing newer than memory
                stored = self._load_cache() if stored is None else stored
                known = stored.get(src_uri)
            if known is not None and known[0] == digest:
                self.pages[src_uri] = known[1]
            else:
                text = data.decode("utf-8-sig")
                title = page_title(text, src_uri)
                self.pages[src_uri] = PageCitations(src_uri, title, tuple(find_citations(text)))
                scanned = True
            self._stamps[src_uri], self._digests[src_uri] = stamp, digest
        for gone in set(self.pages) - set(files):
            del self.pages[gone]
            self._stamps.pop(gone, None)
            self._digests.pop(gone, None)
            scanned = True
        if scanned and self.cache_dir is not None:
            scans = {uri: (self._digests[uri], page) for uri, page in self.pages.items()}
            cache.store(self.cache_dir, "citations:scan", self._code(), scans)

    def _load_cache(self) -> dict[str, tuple[str, PageCitations]]:
        if self.cache_dir is None:
            return {}
        known = cache.load(self.cache_dir, "citations:scan", self._code())
        return known if isinstance(known, dict) else {}

    @staticmethod
    def _code() -> bytes:
        return cache.source_hash(*_SCANNER).encode()

    def citing(self, key: str) -> list[PageCitations]:
        """The pages that cite `key`, by path."""
        return [self.pages[s] for s in sorted(self.pages) if key in self.pages[s].keys]

    def backlinks(self) -> dict[str, list[PageCitations]]:
        """Key -> pages citing it, for every cited key."""
        result: dict[str, list[PageCitations]] = {}
        for src_uri in sorted(self.pages):
            page = self.pages[src_uri]
            for key in page.keys:
                result.setdefault(key, []).append(page)
        return result


def bibliography_html(
    bib: BibliographyLike,
    keys: Iterable[str],
    index: CitationIndex,
    url_of: Callable[[str], str | None],
) -> str:
    """Every key's reference (author-year order), each with links to the pages citing it.

    `url_of(src_uri)` gives the link to a page relative to the page showing the list (None
    leaves the page unlinked).
    """
    backlinks = index.backlinks()

    def cited_on(key: str) -> str:
        pages = backlinks.get(key, [])
        if not pages:
            return ""
        links = []
        for page in pages:
            url = url_of(page.src_uri)
            title = html.escape(page.title)
            links.append(f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title)
        return f' <span class="citation-backlinks">Cited on: {", ".join(links)}.</span>'

    ordered = sorted(keys, key=lambda k: (bib.formatted(k).sort_key, k))
    return reference_list_html(ordered, bib, "author-year", cited_on, element_id="all-references")
