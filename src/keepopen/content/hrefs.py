"""Links from one page under `docs/` to another, as generated Markdown writes them.

Generated listings (the timeline, theme and model pages, records, testimony listings, the
evidence overview) link thousands of entries: each link is a relative `.md` path, percent-encoded
so a file name cannot end the link early. The relative path is kept per pair of folders and
targets, since `posixpath.relpath` was a tenth of a 2,000-entry build's listing work.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

__all__ = ["page_href", "url_href"]


@lru_cache(maxsize=1 << 16)
def _relative(target: str, folder: str) -> str:
    return quote(posixpath.relpath(target, folder), safe="/.-_~")


def page_href(here: str, target: str, fragment: str = "") -> str:
    """The link from the page `here` to `target` (both relative to `docs/`), with `#fragment`.

    Examples:
        >>> page_href("evidence/themes.md", "testimony/a b.md", "top")
        '../testimony/a%20b.md#top'
    """
    href = _relative(target, posixpath.dirname(here) or ".")
    return href + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=1 << 16)
def url_href(here: str, target: str) -> str:
    """The built link from the page `here` to `target` (both `docs/`-relative `.md` paths), for
    raw HTML, which MkDocs does not rewrite: `../x/`, as directory URLs place the pages.

    Examples:
        >>> url_href("testimony/period/2025.md", "testimony/a b.md")
        '../../a%20b/'
        >>> url_href("testimony/index.md", "testimony/x.md")
        'x/'
    """
    from keepopen.content.library import page_url

    href = posixpath.relpath(page_url(target) or ".", page_url(here) or ".")
    return quote(href + "/" if href != "." else "./", safe="/.-_~")
