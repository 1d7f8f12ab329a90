"""Page titles reach the theme as escaped HTML, in every slot at once.

Material prints `page.title`, `page.meta.title` and `nav_item.title` unescaped (Jinja's
autoescape is off in MkDocs) in `<title>`, the header, the navigation, the footer, the tags
listing and the search index; `page.meta.description` goes into an attribute. Overriding each
template would miss the next slot a theme release adds, so the plugin hands the theme escaped
text instead: a `markupsafe.Markup`, which Jinja's `|e` leaves as it is (no double escaping) and
which escaping again leaves unchanged.

The citation formats escape for themselves (BibTeX, RIS, JSON), so `raw()` gives them the text as
written while they read the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager

from markupsafe import Markup, escape
from mkdocs.structure.nav import Link, Navigation, Section

__all__ = ["SafeTitles"]

#: Front-matter fields the theme prints as HTML or into an attribute.
_META_TEXT = ("title", "description", "subtitle")


def _escape_nav(items: list) -> None:
    for item in items:
        if isinstance(item, Section | Link) and isinstance(item.title, str):
            item.title = escape(item.title)
        if isinstance(item, Section):
            _escape_nav(item.children)


class SafeTitles:
    """Escapes titles after every page is read and before any template renders."""

    def __init__(self) -> None:
        #: id(page) -> the front-matter values as written, for the citation formats.
        self._raw: dict[int, dict[str, object]] = {}
        #: `src_uri` -> the escaped title of each page read by an earlier build (`serve`).
        self._known: dict[str, Markup] = {}

    def on_nav(self, nav: Navigation) -> Navigation:
        """Section and link titles come from folder names and `mkdocs.yml`: plain text too."""
        _escape_nav(nav.items)
        return nav

    def on_env(self, files) -> None:
        """Escape each page's title and meta text (MkDocs has read and rendered every page)."""
        self._raw.clear()
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.markdown is None and file.src_uri in self._known:
                # `serve --dirty` did not read this unchanged page: without its title from
                # the last build, the sidebar and footer of the page rebuilt would show none.
                page.title = self._known[file.src_uri]
            if page is None or page.markdown is None:
                continue
            raw = {k: v for k, v in page.meta.items() if k in _META_TEXT and v is not None}
            self._raw[id(page)] = raw
            for key, value in raw.items():  # a list or number would print as its repr
                page.meta[key] = escape(value if isinstance(value, str) else str(value))
            title = page.title
            if "title" in raw:
                page.title = page.meta["title"]
            elif title is not None and not isinstance(title, Markup):
                # From the first heading (already HTML text) or the file name (plain text):
                # unescaping first makes both plain text, so each is escaped exactly once.
                page.title = escape(html.unescape(str(title)))
            if isinstance(page.title, Markup):
                self._known[file.src_uri] = page.title

    @contextmanager
    def raw(self, page) -> Iterator[None]:
        """Within the block, `page.meta` holds the text as written; escaped again after."""
        raw = self._raw.get(id(page), {})
        escaped = {key: page.meta.get(key) for key in raw}
        page.meta.update(raw)
        try:
            yield
        finally:
            page.meta.update(escaped)
