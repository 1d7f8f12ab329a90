"""The library's settings, read once from `mkdocs.yml` for any engine or command.

`mkdocs.yml` holds them in the `keepopen` plugin block (`bibliography`, `style`, `check`,
`nav_order`, `forums`, `taxonomies`, `cache_dir`) plus the site settings a citation needs
(`site_name`, `site_url`, `repo_url`, `edit_uri`, `theme.language`, `docs_dir`,
`use_directory_urls`). The MkDocs plugin builds its settings from MkDocs' validated config and
its own options (`from_config(config, root, options)`); every other reader (Zensical's Markdown
run, the post-build step, the command line) calls `LibrarySettings.from_mkdocs_yml(root)`, which
needs neither MkDocs nor its plugins.

Which `.bib` files make the bibliography is answered here only: `LibrarySettings.bib_files()`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from keepopen.bibliography.cache import CACHE_DIR
from keepopen.content.safe_yaml import DATA_MAX_BYTES, YamlLimitError, load_yaml
from keepopen.content.textfile import NotUtf8Error, UnreadableFileError, read_text

if TYPE_CHECKING:  # imported when used: the command line reads settings before any page
    from keepopen.citepage.record import SiteInfo

__all__ = ["CONFIG_FILE", "LibrarySettings", "SettingsError", "load_mkdocs_yml"]

CONFIG_FILE = "mkdocs.yml"

#: The plugin's defaults (see `keepopen.mkdocs_plugin.config.KeepOpenConfig`).
DEFAULT_BIBLIOGRAPHY = ("references/",)
DEFAULT_STYLE = "author-year"
DEFAULT_FORUMS = "forums"
DEFAULT_TAXONOMIES = "taxonomies"
#: Where every tool keeps its caches (git-ignored), relative to the root.
DEFAULT_CACHE_DIR = CACHE_DIR.as_posix()


class SettingsError(ValueError):
    """`mkdocs.yml` cannot be read: not UTF-8, not YAML, or beyond the bounded reader's limits."""


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader: `!!python/name:...` tags read as plain values, `!ENV` as MkDocs reads it."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        return value or suffix  # `!!python/name:a.b` has an empty value: keep the name
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, ..., default]` as MkDocs reads it: the first variable set,
    typed like a YAML scalar, else the default (publishing sets `site_url` this way)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [node], None
    elif isinstance(node, yaml.SequenceNode) and node.value:
        many = len(node.value) > 1
        names = node.value[:-1] if many else node.value
        default = loader.construct_object(node.value[-1]) if many else None
    else:
        return None
    for name_node in names:
        name = loader.construct_scalar(name_node)  # type: ignore[arg-type]
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_TolerantLoader.add_multi_constructor("", _tagged)
_TolerantLoader.add_constructor("!ENV", _env)


def load_mkdocs_yml(path: Path, _seen: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """`mkdocs.yml` as plain data, following `INHERIT:` (a child's keys win, shallowly).

    Read like every other YAML file of the library (`keepopen.content.safe_yaml`): bounded in
    size and depth, no anchors or aliases.

    Raises:
        SettingsError: the file is not UTF-8, not YAML, refused by the limits, or inherits
            from itself.
    """
    path = path.resolve()
    if path in _seen:
        raise SettingsError(f"{path}: `INHERIT` leads back to this file")
    try:
        data = load_yaml(read_text(path), loader=_TolerantLoader, max_bytes=DATA_MAX_BYTES)
    except NotUtf8Error as exc:
        raise SettingsError(f"{path}:{exc.line}:{exc.col}: {exc.message}") from None
    except UnreadableFileError as exc:
        raise SettingsError(f"{path}: cannot be read: {exc.reason}") from None
    except YamlLimitError as exc:
        raise SettingsError(
            f"{path}:{exc.line}:{exc.col}: {exc.message} (fix: {exc.fix})"
        ) from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        base = load_mkdocs_yml(path.parent / parent, _seen | {path})
        base.update(data)
        data = base
    return data


def _plugin_options(plugins: object) -> dict[str, Any]:
    """The `keepopen` entry of MkDocs' `plugins:` (a list of names/mappings, or a mapping)."""
    items: Iterable[tuple[Any, Any]] | None = (
        plugins.items() if isinstance(plugins, Mapping) else None
    )
    if items is None and isinstance(plugins, list):
        items = [
            next(iter(p.items())) if isinstance(p, Mapping) and len(p) == 1 else (p, {})
            for p in plugins
        ]
    for name, options in items or ():
        if name == "keepopen":
            return dict(options or {}) if isinstance(options, Mapping) else {}
    return {}


def _site_info(config: Mapping[str, Any]) -> SiteInfo:
    from keepopen.citepage.record import SiteInfo

    return SiteInfo.from_mkdocs_config(config)


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
    site: SiteInfo = field(default_factory=lambda: _site_info({}))
    #: Folders relative to `root`: forum profiles, controlled vocabularies, build caches.
    forums: str = DEFAULT_FORUMS
    taxonomies: str = DEFAULT_TAXONOMIES
    cache: str = DEFAULT_CACHE_DIR

    @property
    def forums_dir(self) -> Path:
        return self.root / self.forums

    @property
    def taxonomies_dir(self) -> Path:
        return self.root / self.taxonomies

    @property
    def cache_dir(self) -> Path:
        return self.root / self.cache

    def bib_files(self) -> list[Path]:
        """The `.bib` files of the bibliography: each configured file, and every `*.bib` under
        each configured folder (subfolders too), sorted, in the configured order.

        The one answer to "which `.bib` files" for the build, the check, the exports and
        `keepopen refs fmt` (`load_bibliography` expands its sources with the same function).
        """
        from keepopen.bibliography.loader import bib_files

        return bib_files(list(self.bibliography))[0]

    @classmethod
    def from_config(
        cls, config: Mapping[str, Any], root: Path, options: Mapping[str, Any] | None = None
    ) -> LibrarySettings:
        """Settings from an already loaded `mkdocs.yml` mapping whose folder is `root`.

        `options` is the plugin's validated block (the MkDocs plugin passes its own config,
        as a validated MkDocs config lists plugin objects, not their options); without it the
        block is found under `plugins:`.
        """
        root = Path(root).resolve()
        if options is None:
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
            site=_site_info(config),
            forums=str(options.get("forums") or DEFAULT_FORUMS),
            taxonomies=str(options.get("taxonomies") or DEFAULT_TAXONOMIES),
            cache=str(options.get("cache_dir") or DEFAULT_CACHE_DIR),
        )

    @classmethod
    def from_mkdocs_yml(cls, root: Path | str, config_file: str = CONFIG_FILE) -> LibrarySettings:
        """Settings of the library whose `mkdocs.yml` (or `config_file`) is in `root`."""
        path = Path(root) / config_file
        config = load_mkdocs_yml(path) if path.exists() else {}
        return cls.from_config(config, path.parent)

    @property
    def docs_rel(self) -> str:
        """`docs_dir` relative to the root (`docs`), as the scanners take it (`..` when the
        docs live beside the project)."""
        return Path(os.path.relpath(self.docs_dir, self.root)).as_posix()
