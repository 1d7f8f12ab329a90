"""Author-year labels that identify one reference each: `Smith 2020a`, `Smith 2020b`.

Computed once over the WHOLE bibliography, so a key has the same label on every page, in the
bibliography page and in every export. As Pandoc's citeproc does (Chicago author-date), two
references whose author label and year coincide get year suffixes `a`, `b`, ... in reference-
list order (full author list, year, title); `n.d.` becomes `n.d.-a`, `n.d.-b`. Works alike in
all three (a paper and its preprint) go in citeproc's order (`render._same_work_order`, then
the date), then by key, as citeproc assigns the suffixes of full ties.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterable

from keepopen.bibliography.entry import FormattedEntry

__all__ = ["citation_label", "year_suffixes"]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letters(n: int) -> str:
    """0 -> `a`, 25 -> `z`, 26 -> `aa` (as citeproc continues after `z`)."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = string.ascii_lowercase[rest] + out
    return out


def year_suffixes(keys: Iterable[str], base: Callable[[str], FormattedEntry]) -> dict[str, str]:
    """Key -> its suffix (`a`, `b`, or `-a` after `n.d.`) for every key whose author label and
    year another key shares; keys with a label of their own are absent.

    `base(key)` is the entry formatted without a suffix.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        formatted = base(key)
        groups.setdefault((_fold(formatted.author), formatted.year), []).append(key)
    suffixes: dict[str, str] = {}
    for (_, year), members in groups.items():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda k: (base(k).sort_key, k))
        for n, key in enumerate(ordered):
            suffixes[key] = ("-" if not year[-1:].isdigit() else "") + _letters(n)
    return suffixes


def citation_label(bib: object, key: str) -> str:
    """THE display label of `key` in `bib` (a `Bibliography`): `Smith 2020a`, `OECD n.d.-b`.

    Unique over the whole bibliography: every place that prints an author-year label (page
    citations, reference lists, the bibliography page, exports) uses this, or the `author` and
    `year` of `bib.formatted(key)`, which carry the same suffix.
    """
    formatted = bib.formatted(key)  # type: ignore[attr-defined]
    return f"{formatted.author} {formatted.year}"
