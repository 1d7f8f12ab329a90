"""Results of the check's page-local rules, kept by each page's text (and on disk by its hash).

A page-local rule reads one page at a time and reports only in that page (raw HTML, citations
inside links, placeholders, issue-form words): its findings for an unchanged page are the same
as last time. `PageResults.run` runs such a rule only over the pages whose text changed since
the results it holds (this process's previous build under `mkdocs serve`, or the last build's
cache file), and reuses the rest. Rules that read across pages (ids, links, references) always
run over the whole library.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

from keepopen.bibliography import cache
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic

__all__ = ["PageResults", "Rule"]

Rule = Callable[[Library], list[Diagnostic]]
#: The modules whose code decides the page-local rules' findings: any edit empties the cache.
_RULES_CODE = (
    "keepopen.checks.safety",
    "keepopen.checks.htmlpolicy",
    "keepopen.checks.htmlscan",
    "keepopen.checks.mdrender",
    "keepopen.checks.mdscan",
    "keepopen.checks.citations_in_links",
    "keepopen.checks.placeholders",
    "keepopen.checks.answers",
    "keepopen.checks.boundary",
    "keepopen.checks.issue_drafts",
    "keepopen.checks.text",
    "keepopen.citations.scan",
    "keepopen.citations.syntax",
    "keepopen.rules",
    "keepopen.checks.memo",  # the layout of what is stored
)
_SLOT = "checks:pages"
#: `(rule, page.rel)` -> ((what else the rule read, hash of the page's text), findings).
_Stored = dict[tuple[str, str], tuple[tuple[str, str], list[Diagnostic]]]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class PageResults:
    """Findings of each rule on each page (`_Stored`), optionally saved in `cache_dir`."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self._results: _Stored | None = None
        self._changed = False
        #: `page.rel` -> (text, its hash): each text is hashed once, not once per rule.
        self._hashes: dict[str, tuple[str, str]] = {}

    def _hash(self, rel: str, text: str) -> str:
        known = self._hashes.get(rel)
        if known is None or known[0] != text:
            known = self._hashes[rel] = (text, _digest(text))
        return known[1]

    def _code(self) -> bytes:
        return cache.source_hash(*_RULES_CODE).encode()

    def _known(self) -> _Stored:
        if self._results is None:
            stored = cache.load(self.cache_dir, _SLOT, self._code()) if self.cache_dir else None
            self._results = stored if isinstance(stored, dict) else {}
        return self._results

    def run(
        self, rule: Rule, library: Library, *, name: str = "", depends: str = ""
    ) -> list[Diagnostic]:
        """`rule`'s findings over `library`, running it only over pages that changed.

        `depends` names what else the findings depend on (the bibliography's keys): when it
        changes, every page is checked again. `name` tells apart rules made on the spot.
        """
        known = self._known()
        name = name or f"{rule.__module__}.{rule.__qualname__}"
        digests = {page.rel: (depends, self._hash(page.rel, page.text)) for page in library}
        fresh = [p for p in library if known.get((name, p.rel), ("",))[0] != digests[p.rel]]
        if fresh:
            found: dict[str, list[Diagnostic]] = {page.rel: [] for page in fresh}
            for diagnostic in rule(dataclasses.replace(library, pages=fresh)):
                found.setdefault(diagnostic.path, []).append(diagnostic)
            for rel, diagnostics in found.items():
                known[(name, rel)] = (digests.get(rel, ("", "")), diagnostics)
            self._changed = True
        return [d for page in library for d in known.get((name, page.rel), ("", []))[1]]

    def save(self) -> None:
        """Write the results to the cache file, if any changed since it was read."""
        if self._changed and self.cache_dir is not None and self._results is not None:
            cache.store(self.cache_dir, _SLOT, self._code(), self._results)
            self._changed = False
