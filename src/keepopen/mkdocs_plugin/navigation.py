"""Order the automatic navigation by reader tasks, not by the alphabet.

MkDocs sorts an unlisted `docs/` alphabetically ("About" before "Arguments"). Listing every page in
`nav` would make each new testimony a code change, so the plugin instead takes a short list of
path prefixes (`nav_order`) and sorts each level of the navigation by it. MkDocs links each
page's Previous/Next before plugins see the navigation, so after sorting they are relinked in
sidebar order: the footer must lead where the sidebar does.

`nav_exclude` lists prefixes left out of the sidebar altogether (the developers' pages): they
are still built and linked from the pages that mention them, but a reader never meets them in
the navigation or the footer's Previous/Next.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

__all__ = ["hide_pages", "order_navigation"]


def _item_path(item: object) -> str | None:
    """`docs/`-relative path of a page, or the folder (ending in `/`) of a section."""
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Section):
        paths = [p for p in (_item_path(child) for child in item.children) if p]
        if not paths:
            return None
        folder = posixpath.commonpath([posixpath.dirname(p) or "." for p in paths])
        return folder.rstrip("/") + "/"
    return None


def _rank(path: str | None, order: Sequence[str]) -> int:
    """Position of the longest prefix in `order` that matches `path`; unmatched items go last."""
    if path is None:
        return len(order)
    best, best_len = len(order), -1
    for position, prefix in enumerate(order):
        if (path == prefix or path.startswith(prefix)) and len(prefix) > best_len:
            best, best_len = position, len(prefix)
    return best


def _sort(items: list, order: Sequence[str]) -> None:
    items.sort(key=lambda item: _rank(_item_path(item), order))  # stable: ties keep MkDocs' order
    for item in items:
        if isinstance(item, Section):
            _sort(item.children, order)


def _pages_in_order(items: list) -> list[Page]:
    """Pages depth-first, as the sidebar lists them."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages += _pages_in_order(item.children)
    return pages


def _relink(nav: Navigation) -> None:
    """Set `nav.pages` and each page's previous/next to the sidebar's order."""
    pages = _pages_in_order(nav.items)
    nav.pages = pages
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page = before
        page.next_page = after


def _leave_out(items: list, exclude: Sequence[str]) -> None:
    """Drop every page or section whose path starts with one of `exclude`, at any depth."""
    items[:] = [
        item
        for item in items
        if not any((_item_path(item) or "\0").startswith(prefix) for prefix in exclude)
    ]
    for item in items:
        if isinstance(item, Section):
            _leave_out(item.children, exclude)


def order_navigation(
    nav: Navigation, order: Sequence[str], exclude: Sequence[str] = ()
) -> Navigation:
    """Sort every level of `nav` by `order` and drop `exclude` (`docs/`-relative prefixes)."""
    if exclude:
        _leave_out(nav.items, exclude)
    if order:
        _sort(nav.items, order)
    if order or exclude:
        _relink(nav)
    return nav


def _without(items: list, hidden: set[str]) -> list:
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in hidden:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, hidden)
            if not item.children:
                continue
        kept.append(item)
    return kept


def hide_pages(nav: Navigation, sequences: Sequence[Sequence[str]]) -> Navigation:
    """Take the pages of each sequence (`docs/`-relative paths) out of the sidebar.

    The sidebar's pages keep Previous/Next in sidebar order; a hidden page's footer leads to
    its neighbours in its own sequence (a listing's next page, the next entry of the listing),
    and to nothing past either end.
    """
    hidden = {src for sequence in sequences for src in sequence}
    if not hidden:
        return nav
    pages = {page.file.src_uri: page for page in nav.pages}
    nav.items = _without(nav.items, hidden)
    _relink(nav)
    for sequence in sequences:
        chain = [pages[src] for src in sequence if src in pages]
        for before, page, after in zip([None, *chain[:-1]], chain, [*chain[1:], None], strict=True):
            page.previous_page = before
            page.next_page = after
    return nav
