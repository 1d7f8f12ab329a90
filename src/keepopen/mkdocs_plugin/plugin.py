"""`keepopen` MkDocs plugin: page context, build-wide warnings, and `--strict` failure.

Each hook only hands work to the pure core (`keepopen.citations`, `keepopen.bibliography`,
`keepopen.content`, ...). Site-wide results come from a scan of `docs/`, never from the order
in which MkDocs happens to process pages.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin, get_plugin_logger

from keepopen.mkdocs_plugin.config import KeepOpenConfig

log = get_plugin_logger(__name__)


class KeepOpenPlugin(BasePlugin[KeepOpenConfig]):
    pass
