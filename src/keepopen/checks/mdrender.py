"""Render a page body with the site's Markdown extensions, as `mkdocs build` would.

The HTML rules read the rendered page too, so a construct Markdown turns into HTML in a way the
source reading did not foresee (an unclosed fence, code inside a raw HTML block) is still found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown

__all__ = ["Renderer"]

#: MkDocs always adds these; the rest come from `markdown_extensions` in `mkdocs.yml`.
_BUILTIN: list[Any] = ["toc", "tables", "fenced_code"]
_DEFAULT: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.superfences",
]


def _configured(root: Path) -> list[Any]:
    """`markdown_extensions` of the library's `mkdocs.yml`, read as every tool reads it."""
    from keepopen.settings import SettingsError, load_mkdocs_yml

    try:
        config = load_mkdocs_yml(root / "mkdocs.yml")
    except SettingsError:  # the check reports a broken mkdocs.yml elsewhere; render the default
        return _DEFAULT
    extensions = config.get("markdown_extensions")
    return extensions if isinstance(extensions, list) else _DEFAULT


def _markdown(entries: list[Any]) -> markdown.Markdown:
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in [*_BUILTIN, *entries]:
        if isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
            configs[name] = config if isinstance(config, dict) else {}
        else:
            name = entry
        if isinstance(name, str) and name not in names:
            names.append(name)
    try:
        return markdown.Markdown(extensions=names, extension_configs=configs)
    except Exception:  # noqa: BLE001 - a theme's extension we cannot load here: keep the rest
        usable = []
        for name in names:
            try:
                markdown.Markdown(extensions=[name])
            except Exception:  # noqa: BLE001, S112
                continue
            usable.append(name)
        return markdown.Markdown(extensions=usable)


class Renderer:
    """Renders bodies with the library's Markdown set-up (read once, on first use)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._md: markdown.Markdown | None = None
        self._entries: list[Any] | None = None

    def _configuration(self) -> list[Any]:
        if self._entries is None:
            self._entries = _configured(self.root)
        return self._entries

    def _ready(self) -> markdown.Markdown:
        if self._md is None:
            self._md = _markdown(self._configuration())
        return self._md

    def signature(self) -> str:
        """The library and Markdown set-up, as text: same signature and body, same output."""
        return repr((str(self.root.resolve()), self._configuration()))

    def toc_tokens(self) -> list[dict[str, Any]]:
        """The `toc` extension's headings of the last body rendered (ids, names, children)."""
        return list(getattr(self._md, "toc_tokens", []) or [])

    def __call__(self, body: str) -> str:
        md = self._ready()
        md.reset()
        try:
            return md.convert(body)
        except Exception:  # noqa: BLE001 - an extension's crash is not ours to report here
            return ""
