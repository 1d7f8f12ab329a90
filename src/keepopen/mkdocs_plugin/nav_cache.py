"""Render the sidebar once for all the pages that are not in it.

Material renders the whole (pruned) navigation into every page. Thousands of testimony entries
and listing pages are not in the sidebar, so for each of them nothing in it is the current
page: pages in one folder get the same HTML, yet each paid for rendering it (a tenth of a
2,000-entry build). `NavCache.install` puts a `partials/nav.html` in front of the theme's that
asks `keepopen_nav()` for the sidebar; it renders Material's partial (the theme's own, reached
as `keepopen-theme/partials/nav.html`) and keeps the result for pages that are not in the
navigation, keyed by what the HTML depends on: the page's folder (links are relative to it),
`base_url`, and which sections are open. A page that is in the sidebar is always rendered.
"""

from __future__ import annotations

import bisect
import posixpath

from jinja2 import ChoiceLoader, DictLoader, Environment, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

__all__ = ["NavCache"]

_ORIGINAL = "keepopen-theme/partials/nav.html"


def _walk(items):
    for item in items or ():
        yield item
        yield from _walk(getattr(item, "children", None))


class _Sidebar:
    """One navigation's items in order, the ids of those items and their URLs, sorted."""

    def __init__(self, nav) -> None:
        self.nav = nav
        self.items = list(_walk(nav.items))
        self.members = {id(item) for item in self.items}
        urls = [url for item in self.items if isinstance(url := getattr(item, "url", None), str)]
        self.urls = sorted(urls)

    def starts_a_url(self, prefix: str) -> bool:
        """Whether some item's URL starts with `prefix`: the first URL not below it does."""
        n = bisect.bisect_left(self.urls, prefix)
        return n < len(self.urls) and self.urls[n].startswith(prefix)


class NavCache:
    """One build's rendered sidebars (a new cache for each `on_env`)."""

    def __init__(self) -> None:
        self.html: dict[tuple, Markup] = {}
        self.rendered = 0  # sidebars actually rendered (tests read it)
        self._known: _Sidebar | None = None

    def install(self, env: Environment) -> None:
        self.html, self.rendered, self._known = {}, 0, None
        theme = env.loader
        assert theme is not None
        env.loader = ChoiceLoader(
            [
                DictLoader({"partials/nav.html": "{{ keepopen_nav() }}"}),
                PrefixLoader({"keepopen-theme": theme}),
                theme,
            ]
        )

        @pass_context
        def keepopen_nav(context: Context) -> Markup:
            return self._nav(context)

        env.globals["keepopen_nav"] = keepopen_nav

    def _sidebar(self, nav) -> _Sidebar:
        """The navigation's items and what tells a page in it apart, worked out once a build
        (asking each page's question of every item made a 300-page site pay 90,000 steps)."""
        if self._known is None or self._known.nav is not nav:
            self._known = _Sidebar(nav)
        return self._known

    def _key(self, context: Context) -> tuple | None:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or getattr(page, "url", None) is None:
            return None
        sidebar = self._sidebar(nav)
        here = page.url
        # In the sidebar, or the parent of a link in it: its HTML is its own.
        if id(page) in sidebar.members or (here and sidebar.starts_a_url(here)):
            return None
        folder = posixpath.dirname(here.rstrip("/"))
        items = sidebar.items
        opened = tuple(i for i, item in enumerate(items) if getattr(item, "active", False))
        return (folder, context.get("base_url"), opened)

    def _nav(self, context: Context) -> Markup:
        key = self._key(context)
        if key is not None and key in self.html:
            return self.html[key]
        template = context.environment.get_template(_ORIGINAL)
        html = Markup(template.render(context.get_all()))
        self.rendered += 1
        if key is not None:
            self.html[key] = html
        return html
