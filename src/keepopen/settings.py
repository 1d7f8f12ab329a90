"""The library's settings, read once from `mkdocs.yml` for any engine or command.

`mkdocs.yml` holds them in the `keepopen` plugin block (`bibliography`, `style`, `check`,
`nav_order`) plus the site settings a citation needs (`site_name`, `site_url`, `repo_url`,
`edit_uri`, `theme.language`, `docs_dir`, `use_directory_urls`). MkDocs reads the block through
the plugin; every other reader (Zensical's Markdown run, the post-build step, the command line)
calls `LibrarySettings.from_mkdocs_yml(root)`, which needs neither MkDocs nor its plugins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from keepopen.citepage.record import SiteInfo

__all__ = ["CONFIG_FILE", "LibrarySettings", "load_mkdocs_yml"]

CONFIG_FILE = "mkdocs.yml"

#: The plugin's defaults (see `keepopen.mkdocs_plugin.config.KeepOpenConfig`).
DEFAULT_BIBLIOGRAPHY = ("references/",)
DEFAULT_STYLE = "author-year"


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads `!!python/name:...` and `!ENV` tags as plain values."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        return value or suffix  # `!!python/name:a.b` has an empty value: keep the name
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("", _tagged)


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    """`mkdocs.yml` as plain data, following `INHERIT:` (a child's keys win, shallowly)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        base = load_mkdocs_yml((path.parent / parent).resolve())
        base.update(data)
        data = base
    return data


def _plugin_options(plugins: object) -> dict[str, Any]:
    """The `keepopen` entry of MkDocs' `plugins:` (a list of names/mappings, or a mapping)."""
    items: Iterable[tuple[Any, Any]] | None
    items = plugins.items() if isinstance(plugins, Mapping) else None
    if items is None and isinstance(plugins, list):
        items = [
            next(iter(p.items())) if isinstance(p, Mapping) and len(p) == 1 else (p, {})
            for p in plugins
        ]
    for name, options in items or ():
        if name == "keepopen":
            return dict(options or {}) if isinstance(options, Mapping) else {}
    return {}


@dataclass(frozen=True)
class LibrarySettings:
    """Everything about a library that comes from its configuration, paths resolved."""

    root: Path
    docs_dir: Path
    bibliography: tuple[Path, ...]
    style: str = DEFAULT_STYLE
    check: bool = False
    nav_order: tuple[str, ...] = ()
    use_directory_urls: bool = True
    site: SiteInfo = field(default_factory=lambda: SiteInfo(name="", url=""))

    @property
    def cache_dir(self) -> Path:
        from keepopen.bibliography.cache import CACHE_DIR

        return self.root / CACHE_DIR

    @classmethod
    def from_config(cls, config: Mapping[str, Any], root: Path) -> LibrarySettings:
        """Settings from an already loaded `mkdocs.yml` mapping whose folder is `root`."""
        root = Path(root).resolve()
        options = _plugin_options(config.get("plugins") or [])
        sources = options.get("bibliography") or list(DEFAULT_BIBLIOGRAPHY)
        if isinstance(sources, str):
            sources = [sources]
        return cls(
            root=root,
            docs_dir=(root / str(config.get("docs_dir") or "docs")).resolve(),
            bibliography=tuple((root / str(s)) for s in sources),
            style=str(options.get("style") or DEFAULT_STYLE),
            check=bool(options.get("check", False)),
            nav_order=tuple(str(p) for p in options.get("nav_order") or ()),
            use_directory_urls=bool(config.get("use_directory_urls", True)),
            site=SiteInfo.from_mkdocs_config(config),
        )

    @classmethod
    def from_mkdocs_yml(cls, root: Path | str, config_file: str = CONFIG_FILE) -> LibrarySettings:
        """Settings of the library whose `mkdocs.yml` (or `config_file`) is in `root`."""
        path = Path(root) / config_file
        config = load_mkdocs_yml(path) if path.exists() else {}
        return cls.from_config(config, path.parent)

    @property
    def docs_rel(self) -> str:
        """`docs_dir` relative to the root (`docs`), as the scanners take it."""
        return self.docs_dir.relative_to(self.root).as_posix()
