"""Bibliography: `.bib` files in, checked entries and formatted references out.

Public interface (used by the citations engine, `keepopen check` and the exports):

- `load_bibliography(sources, root=None, cache_dir=None) -> Bibliography`
- `check_bibliography(bib, include_load=True) -> list[Diagnostic]`
- `Bibliography.entries`, `.diagnostics`, `.get(key)`, `.suggest(key, n=3)`, `.formatted(key)`
  (with the year suffix that makes its label unique: `2020a`), `.resolved(key)` (`crossref`
  and `xdata` inherited), `.ordered_keys()`
- `labels.citation_label(bib, key) -> str`: THE author-year label (`Smith 2020a`), unique over
  the whole bibliography; every place that prints a label uses it (or `formatted(key)`)
- `Entry` (`key`, `type`, `fields`, `path`, `line`, `field_lines`, `verification`) and
  `FormattedEntry` (`html`, `text`, `author`, `year`, `sort_key`)
- `format_bib(text) -> str` (the canonical layout written by `keepopen refs fmt`)

Diagnostic codes: BIB001-BIB007 come from loading (`loader.py`), BIB010-BIB019 from the
project's rules (`rules.py`); each module's docstring lists its codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keepopen.bibliography.loader import load_bibliography
from keepopen.bibliography.model import Bibliography, Entry, FormattedEntry
from keepopen.bibliography.rules import check_bibliography

if TYPE_CHECKING:
    from keepopen.bibliography.fmt import format_bib
    from keepopen.bibliography.render import format_entry

__all__ = [
    "Bibliography",
    "Entry",
    "FormattedEntry",
    "check_bibliography",
    "format_bib",
    "format_entry",
    "load_bibliography",
]


def __getattr__(name: str) -> Any:
    # The formatters load bibtexparser and pybtex, which a build from the cache never needs.
    if name == "format_bib":
        from keepopen.bibliography.fmt import format_bib

        return format_bib
    if name == "format_entry":
        from keepopen.bibliography.render import format_entry

        return format_entry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
