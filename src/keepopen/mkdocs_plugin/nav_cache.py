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


class NavCache:
    """One build's rendered sidebars (a new cache for each `on_env`)."""

    def __init__(self) -> None:
        self.html: dict[tuple, Markup] = {}
        self.rendered = 0  # sidebars actually rendered (tests read it)

    def install(self, env: Environment) -> None:
        self.html, self.rendered = {}, 0
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

    def _key(self, context: Context) -> tuple | None:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or getattr(page, "url", None) is None:
            return None
        items = list(_walk(nav.items))
        here = page.url
        for item in items:
            url = getattr(item, "url", None)
            # In the sidebar, or the parent of a link in it: its HTML is its own.
            if item is page or (here and isinstance(url, str) and url.startswith(here)):
                return None
        folder = posixpath.dirname(here.rstrip("/"))
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
