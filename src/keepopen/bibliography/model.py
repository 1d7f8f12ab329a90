"""The loaded bibliography: entries, their formatted forms and the problems found on the way.

This is the interface the citations engine, `keepopen check` and the exports consume. Entries are
plain data (picklable, so they can be cached by file hash); nothing here knows a site engine.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.bibliography import cache
from keepopen.bibliography.entry import Entry, FormattedEntry
from keepopen.bibliography.labels import year_suffixes
from keepopen.bibliography.resolve import resolve_entry
from keepopen.diagnostics import Diagnostic

__all__ = ["Bibliography", "Entry", "FormattedEntry"]

#: The cache slot of entries formatted with a year suffix (one for the whole bibliography).
_LABELLED = "year-suffixed entries"
#: The same, with the suffixes, for one bibliography fingerprint (all files as they were).
_LABELLED_BY_FILES = "year suffixes and suffixed entries, by the files' fingerprint"


def _format_entry(entry: Entry, suffix: str = "") -> FormattedEntry:
    """pybtex formats the entry; it is imported for the first entry the cache does not hold."""
    from keepopen.bibliography.render import format_entry

    return format_entry(entry, suffix)


@dataclass
class Bibliography:
    """Every entry of the loaded `.bib` files, keyed by citation key.

    Attributes:
        entries: Key to entry. When a key occurs twice, the first occurrence (in source order)
            is kept and the other is reported in `diagnostics`.
        diagnostics: Problems found while reading (unreadable blocks, duplicate keys and fields,
            undefined macros, unreadable files). Project rules live in `check_bibliography`.
        files: The `.bib` files read, relative to the root, in load order.
        fingerprint: A hash of those files' paths and bytes and of the code that formats
            them (set by the loader): results derived from the whole bibliography, such as
            rendered citations, may be kept while it stays the same.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    fingerprint: str = ""
    #: Entries formatted on their own (no year suffix), as cached by the loader.
    _formatted: dict[str, FormattedEntry] = field(default_factory=dict, repr=False)
    #: Entries as shown: with the year suffix that makes their label unique.
    _labelled: dict[str, FormattedEntry] = field(default_factory=dict, repr=False)
    _suffixes: dict[str, str] | None = field(default=None, repr=False)
    #: Where `_suffixed` keeps entries formatted with their suffix (set by the loader).
    _cache_dir: Path | None = field(default=None, repr=False)
    # `@` signs found in implicit comments; reported by `check_bibliography`.
    _comment_findings: list[Diagnostic] = field(default_factory=list, repr=False)

    def get(self, key: str) -> Entry | None:
        """The entry for `key`, or None."""
        return self.entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def suggest(self, key: str, n: int = 3) -> list[str]:
        """Up to `n` known keys closest to `key` (for "did you mean ...?"), best first."""
        folded = {k.casefold(): k for k in self.entries}
        exact_case = folded.get(key.casefold())
        close = difflib.get_close_matches(key.casefold(), list(folded), n=n, cutoff=0.6)
        result = [exact_case] if exact_case and exact_case != key else []
        result += [folded[c] for c in close if folded[c] not in result and folded[c] != key]
        return result[:n]

    def resolved(self, key: str) -> Entry:
        """The entry of `key` with what it inherits through `crossref`/`xdata` filled in."""
        return resolve_entry(self.entries[key], self.entries)

    def _base(self, key: str) -> FormattedEntry:
        if key not in self._formatted:
            self._formatted[key] = _format_entry(self.resolved(key))
        return self._formatted[key]

    def formatted(self, key: str) -> FormattedEntry:
        """The formatted reference for `key`, its year suffixed (`2020a`) when another entry of
        the whole bibliography has the same author label and year. Raises `KeyError` for an
        unknown key."""
        shown = self._labelled.get(key)
        if shown is not None:
            return shown
        if key not in self.entries:
            raise KeyError(key)
        if self._suffixes is None:
            self._labelled.update(self._labels())
            if key in self._labelled:
                return self._labelled[key]
        shown = self._labelled[key] = self._base(key)
        return shown

    def _labels(self) -> dict[str, FormattedEntry]:
        """The entries shown with a year suffix, for the whole bibliography. Kept in the cache
        folder by the bibliography's fingerprint: the same files give the same labels, so a
        rebuild neither compares every entry's label nor looks at the entries again."""
        slot = (_LABELLED_BY_FILES, self.fingerprint.encode())
        if self._cache_dir is not None and self.fingerprint:
            stored = cache.load(self._cache_dir, *slot)
            if isinstance(stored, tuple) and len(stored) == 2:
                self._suffixes, labelled = stored
                return labelled
        self._suffixes = year_suffixes(self.entries, self._base)
        labelled = self._suffixed(self._suffixes)
        if self._cache_dir is not None and self.fingerprint:
            cache.store(self._cache_dir, *slot, (self._suffixes, labelled))
        return labelled

    def _suffixed(self, suffixes: dict[str, str]) -> dict[str, FormattedEntry]:
        """Every entry that needs a year suffix, formatted with it: from the cache folder
        when the entry and its suffix are as they were (a rebuild formats none of them)."""
        stored = cache.load(self._cache_dir, _LABELLED, b"") if self._cache_dir else None
        known: dict[str, tuple[tuple, FormattedEntry]] = stored if isinstance(stored, dict) else {}
        out: dict[str, tuple[tuple, FormattedEntry]] = {}
        for key, suffix in suffixes.items():
            entry = self.resolved(key)
            stamp = (suffix, entry.type, tuple(entry.fields.items()))
            kept = known.get(key)
            out[key] = kept if kept is not None and kept[0] == stamp else (
                stamp, _format_entry(entry, suffix)
            )  # fmt: skip
        if self._cache_dir is not None and out != known:
            cache.store(self._cache_dir, _LABELLED, b"", out)
        return {key: shape for key, (_, shape) in out.items()}

    def ordered_keys(self) -> list[str]:
        """All keys in reference-list order (full author list, year, title, then key)."""
        return sorted(self.entries, key=lambda k: (self.formatted(k).sort_key, k))
