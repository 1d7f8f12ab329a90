"""The anchors a page defines, exactly as the build makes them.

Slugs are not recomputed from the Markdown source: a heading with code, a link, emphasis, an
entity, an attr_list `{#id}` or a duplicate title is easy to get wrong that way. The body is
rendered with the site's own Markdown set-up (`toc` with its configured slugify, `attr_list`,
`md_in_html`, ...), and the anchors are the `toc` extension's ids plus every `id` (and
`<a name>`) in the output, which is what MkDocs' own `validation.anchors` collects.
Rendering costs a few milliseconds a page, so only pages that links point into are rendered,
and the result is kept by body hash for the rest of the process (`mkdocs serve` rebuilds).
"""

from __future__ import annotations

import hashlib
import html.parser
from collections.abc import Iterable
from typing import Any

from keepopen.checks.mdrender import Renderer

__all__ = ["AnchorIndex"]

#: Bodies kept per process; past this the cache starts afresh (a library has a few hundred).
_MAX_CACHED = 4096
_CACHE: dict[tuple[str, str], frozenset[str] | None] = {}


class _Ids(html.parser.HTMLParser):
    """Collects every `id` attribute and every `<a name>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.found.add(value)


def _toc_ids(tokens: Iterable[dict[str, Any]]) -> set[str]:
    ids: set[str] = set()
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.get("id"):
            ids.add(str(token["id"]))
        stack.extend(token.get("children") or [])
    return ids


class AnchorIndex:
    """`index(body)`: the anchors of a page body, or None when the body could not be rendered."""

    def __init__(self, render: Renderer) -> None:
        self.render = render

    def __call__(self, body: str) -> frozenset[str] | None:
        key = (self.render.signature(), hashlib.sha256(body.encode("utf-8")).hexdigest())
        if key not in _CACHE:
            if len(_CACHE) >= _MAX_CACHED:
                _CACHE.clear()
            _CACHE[key] = self._compute(body)
        return _CACHE[key]

    def _compute(self, body: str) -> frozenset[str] | None:
        output = self.render(body)
        if not output and body.strip():
            return None  # an extension crashed: unknown, so no anchor is reported missing
        parser = _Ids()
        parser.feed(output)
        parser.close()
        return frozenset(parser.found | _toc_ids(self.render.toc_tokens()))
