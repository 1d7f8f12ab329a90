"""Citations rendered by an earlier build, reused while their text and the bibliography stay.

A finished author-year citation's markup depends on the text it stands in (the paragraph as
Python-Markdown's inline pass holds it, and the citation's offset there), the page's
reference-link labels, the bibliography and this code. Only its `citation-N` id depends on
the rest of the page. `CitationMemo` keeps the markup by those inputs, with the number left
open, so an unchanged paragraph is neither parsed nor rendered again. A page's References
list is kept the same way, by the keys its citations cite and where. A memo belongs to one
bibliography and one version of the code (`fingerprint`): the MkDocs plugin loads it from the
cache folder when a build starts and saves what the build used when it ends.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Generic, TypeVar

from keepopen.bibliography import cache as _cache

__all__ = ["CitationMemo", "Kept", "Key", "ListKey", "Rendered", "Rows", "fingerprint"]

#: The paragraph text, the citation's offset in it, and the page's reference-link labels.
Key = tuple[str, int, frozenset[str]]
#: Length of the citation's source, markup before its number, markup after it, its keys.
Rendered = tuple[int, str, str, tuple[str, ...]]
#: A page's cited keys in reading order, and each key's citation numbers.
ListKey = tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...]]
#: The References list's `(key, entry HTML)` rows.
Rows = tuple[tuple[str, str], ...]

K = TypeVar("K")
V = TypeVar("V")

#: The cache slot's name (the cache keys each slot by a name and the bytes it depends on).
_SLOT = "keepopen.citations.memo"
#: Modules whose code shapes a citation's markup or a References row (the verification
#: badges' wording lives in `content.choices`; the formatting code is in the bibliography's
#: own fingerprint).
_CODE = (
    *(f"keepopen.citations.{name}"
      for name in ("enclosing", "locator", "markdown_ext", "memo", "model", "render", "skip",
                   "syntax")),
    "keepopen.content.choices",
)  # fmt: skip


def fingerprint(bibliography_fingerprint: str, style: str) -> str:
    """What a memo's markup depends on besides its keys: bibliography, style and code."""
    h = hashlib.sha256(bibliography_fingerprint.encode())
    h.update(style.encode() + b"\0" + _cache.source_hash(*_CODE).encode())
    return h.hexdigest()


class Kept(Generic[K, V]):
    """Values by key, and the keys this build looked up or added."""

    def __init__(self, found: dict[K, V] | None = None) -> None:
        self.found: dict[K, V] = found if found is not None else {}
        self.used: set[K] = set()
        self.added = 0

    def get(self, key: K) -> V | None:
        value = self.found.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: K, value: V) -> None:
        self.found[key] = value
        self.used.add(key)
        self.added += 1

    def start_build(self) -> None:
        self.used, self.added = set(), 0

    def changed(self) -> bool:
        """Whether what this build used differs from what was found."""
        return bool(self.added) or len(self.used) != len(self.found)

    def keep_used(self) -> dict[K, V]:
        """Forget what this build did not use (paragraphs since edited); what is left."""
        self.found = {key: self.found[key] for key in self.used}
        return self.found


class CitationMemo:
    """Rendered citations by `Key` and References rows by `ListKey`, for one `fingerprint`."""

    def __init__(
        self,
        fingerprint: str,
        citations: dict[Key, Rendered] | None = None,
        lists: dict[ListKey, Rows] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.fingerprint = fingerprint
        self.citations: Kept[Key, Rendered] = Kept(citations)
        self.lists: Kept[ListKey, Rows] = Kept(lists)
        #: Where `load` found it and `save` keeps it (None: kept in memory only).
        self.cache_dir = cache_dir

    @classmethod
    def load(cls, cache_dir: Path | None, fingerprint: str) -> CitationMemo:
        """The memo saved in `cache_dir` for `fingerprint`, or an empty one there (no cache
        folder, or a miss)."""
        found = _cache.load(cache_dir, _SLOT, fingerprint.encode()) if cache_dir else None
        if isinstance(found, tuple) and len(found) == 2:
            return cls(fingerprint, *found, cache_dir=cache_dir)
        return cls(fingerprint, cache_dir=cache_dir)

    def start_build(self) -> None:
        self.citations.start_build()
        self.lists.start_build()

    def save(self) -> None:
        """Keep what this build used in the cache folder, when that differs from what was
        loaded: paragraphs since edited drop out, so the memo stays the size of the library."""
        if self.cache_dir is None or not (self.citations.changed() or self.lists.changed()):
            return
        kept = (self.citations.keep_used(), self.lists.keep_used())
        _cache.store(self.cache_dir, _SLOT, self.fingerprint.encode(), kept)
