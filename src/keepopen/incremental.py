"""What a change touches, so a preview rebuilds only that (`make serve`, MkDocs' `--dirty`).

MkDocs' dirty rebuild renders again only the pages whose file changed. A changed `.bib` entry
changes no page file, yet every page citing it shows its formatted reference: those pages, and
the pages listing the whole bibliography, must be rendered again too. Everything here is pure;
the MkDocs plugin removes the built HTML of the pages named, which makes MkDocs render them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from keepopen.bibliography import Bibliography
from keepopen.citations.site import BIBLIOGRAPHY_MARKER
from keepopen.content.library import LibraryPage

__all__ = ["Fingerprints", "changed_keys", "entry_fingerprints", "pages_citing"]

#: Citation key -> everything the entry says (type, fields, file): equal means unchanged.
Fingerprints = dict[str, tuple[object, ...]]


def entry_fingerprints(bib: Bibliography) -> Fingerprints:
    """What each entry of `bib` says, to compare with the next load."""
    return {
        key: (entry.type, tuple(sorted(entry.fields.items())), entry.path)
        for key, entry in bib.entries.items()
    }


def changed_keys(before: Mapping[str, object], after: Mapping[str, object]) -> set[str]:
    """Keys added, removed, or whose entry changed between two loads."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def pages_citing(keys: Iterable[str], pages: Iterable[LibraryPage]) -> list[str]:
    """`docs/`-relative paths of the pages that may show one of `keys`.

    A page whose text holds the key anywhere (a citation, a front-matter reference list) or
    the whole-bibliography marker. Reading the key as plain text can name a page too many,
    never one too few.
    """
    wanted = sorted(set(keys))
    if not wanted:
        return []
    return [
        page.src
        for page in pages
        if BIBLIOGRAPHY_MARKER in page.text or any(key in page.text for key in wanted)
    ]
