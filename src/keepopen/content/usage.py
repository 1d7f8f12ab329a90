"""Which arguments use which evidence: the "Cited by" of events and testimony.

An argument uses an event or a testimony when its evidence record lists the page's id
(`evidence.events`, `evidence.testimony`) or when its text links to the page's file. Both count,
so a reader of an event sees every argument that leans on it, whichever way the argument said so.
Knows no site engine: pages are the scanned `Library`'s.
"""

from __future__ import annotations

import posixpath
import re

from keepopen.content.library import Library, LibraryPage
from keepopen.content.model import Argument

__all__ = ["arguments_using", "evidence_of"]

# A Markdown link's target ending in `.md` (with an optional `#anchor`): `](../x.md#y)`.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


def _linked_srcs(page: LibraryPage) -> set[str]:
    """`docs/`-relative files the page's text links to."""
    here = posixpath.dirname(page.src)
    found = set()
    for target in _LINK_TARGET.findall(page.body):
        if "://" in target or target.startswith("/"):
            continue
        found.add(posixpath.normpath(posixpath.join(here, target)))
    return found


def evidence_of(argument: LibraryPage, library: Library) -> list[LibraryPage]:
    """Events and testimony `argument` uses: its evidence record first, then its links."""
    model = argument.model
    if not isinstance(model, Argument):
        return []
    by_id = library.derived("by_id", Library.by_id)
    by_src = library.derived("by_src", Library.by_src)
    listed = [by_id[i] for i in [*model.evidence.events, *model.evidence.testimony] if i in by_id]
    linked = [by_src[src] for src in sorted(_linked_srcs(argument)) if src in by_src]
    out: dict[str, LibraryPage] = {}
    for page in [*listed, *linked]:
        if page.type in ("event", "testimony"):
            out.setdefault(page.src, page)
    return list(out.values())


def arguments_using(library: Library) -> dict[str, list[LibraryPage]]:
    """`docs/`-relative path of each event or testimony -> the arguments that use it, by title.

    Built once per library: every event and testimony page asks for it.
    """
    return library.derived("arguments_using", _arguments_using)


def _arguments_using(library: Library) -> dict[str, list[LibraryPage]]:
    using: dict[str, list[LibraryPage]] = {}
    arguments = [p for p in library.pages if isinstance(p.model, Argument)]
    for argument in sorted(arguments, key=lambda p: str(p.data.get("title") or p.src)):
        for page in evidence_of(argument, library):
            using.setdefault(page.src, []).append(argument)
    return using
