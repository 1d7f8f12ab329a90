"""Read the front matter of every page under `docs/` (ids, types, paths), tolerant of bad input.

The content-model checks (`keepopen check`) report malformed front matter; this reader only
needs ids and paths, so a page it cannot read is skipped here and reported there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

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
    if text.startswith("---"):
        lines = text.splitlines(keepends=True)
        for end in range(1, len(lines)):
            if lines[end].rstrip() in {"---", "..."}:
                try:
                    meta = yaml.safe_load("".join(lines[1:end])) or {}
                except yaml.YAMLError:
                    meta = {}
                body = "".join(lines[end + 1 :])
                return DocPage(rel_path, meta if isinstance(meta, dict) else {}, body)
    return DocPage(rel_path, {}, text)


def iter_pages(docs_dir: Path) -> Iterator[DocPage]:
    """Every `.md` page under `docs_dir`, sorted by path so results never depend on the disk."""
    for file in sorted(docs_dir.rglob("*.md")):
        yield read_page(file, file.relative_to(docs_dir).as_posix())
