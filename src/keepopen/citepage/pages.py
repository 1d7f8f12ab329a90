"""Read the front matter of every page under `docs/` (ids, types, paths), tolerant of bad input.

The content-model checks (`keepopen check`) report malformed front matter; this reader only
needs ids and paths, so a page it cannot read is skipped here and reported there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from keepopen.content.frontmatter import FrontMatterError, split_front_matter

# libyaml when present: this reader runs over every page at every check and build.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["DocPage", "iter_pages", "read_page"]


@dataclass(frozen=True)
class DocPage:
    """One Markdown page: its docs-relative path, front matter and body."""

    path: str
    meta: dict[str, object]
    body: str

    @property
    def id(self) -> str:
        return str(self.meta.get("id") or "")

    @property
    def type(self) -> str:
        return str(self.meta.get("type") or "")


def read_page(file: Path, rel_path: str) -> DocPage:
    """Split a Markdown file into front matter (a dict, empty when absent or invalid) and body."""
    text = file.read_text(encoding="utf-8")
    try:
        parts = split_front_matter(text)
    except FrontMatterError:
        parts = None
    if parts is None:
        return DocPage(rel_path, {}, text)
    yaml_text, body, _ = parts
    try:
        meta = yaml.load(yaml_text, Loader=_FAST_LOADER) or {}
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2026-13-01
        meta = {}
    return DocPage(rel_path, meta if isinstance(meta, dict) else {}, body)


def iter_pages(docs_dir: Path) -> Iterator[DocPage]:
    """Every `.md` page under `docs_dir`, sorted by path so results never depend on the disk."""
    for file in sorted(docs_dir.rglob("*.md")):
        yield read_page(file, file.relative_to(docs_dir).as_posix())
