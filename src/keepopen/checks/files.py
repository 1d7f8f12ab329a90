"""Rules on files under `docs/` that no page rule reads (SEC011-SEC013).

MkDocs publishes everything under `docs/`: it renders every Markdown suffix (the library reads
only `.md`), copies other files byte for byte, and follows symbolic links. So a `.markdown` page,
a raw `.html` or `.svg` file, or a link to `/etc` would reach readers without any check and, for
copied files, without the site's Content-Security-Policy. These rules find them; the MkDocs plugin
also refuses links that leave the library before MkDocs walks them, and leaves the other files out
of the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = [
    "ACTIVE_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "check_docs_files",
    "docs_entries",
    "outside_links",
]

#: Markdown suffixes MkDocs renders besides `.md` (`mkdocs.utils.markdown_extensions`).
MARKDOWN_SUFFIXES = frozenset({".markdown", ".mdown", ".mkdn", ".mkd"})
#: Files a browser runs as documents of the site's origin (scripts, handlers, redirects).
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl"})
_UNCHECKED = MARKDOWN_SUFFIXES | ACTIVE_SUFFIXES


def _shown(path: Path, root: Path) -> str:
    # Not `diagnostics.display_path`: it resolves the path, which names a link by its target.
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def docs_entries(docs_dir: Path) -> Iterator[os.DirEntry[str]]:
    """Everything under `docs_dir`, each folder's entries sorted by name.

    `os.scandir` knows from the directory listing whether an entry is a link or a folder, so
    a library of thousands of pages costs one listing per folder, not a `stat` per file.
    Linked folders are listed, never entered: a link to `/` costs one entry, not the disk.
    """
    pending = [str(docs_dir)]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            yield entry
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)


def outside_links(root: Path, docs_dir: Path) -> list[Diagnostic]:
    """SEC011: symbolic links under `docs_dir` whose target lies outside `root`."""
    root = root.resolve()
    out: list[Diagnostic] = []
    for entry in docs_entries(docs_dir):
        if not entry.is_symlink():
            continue
        path = Path(entry.path)
        target = path.resolve()
        if target == root or root in target.parents:
            continue
        out.append(
            make(
                "SEC011",
                _shown(path, root),
                0,
                0,
                f"is a link to `{target.as_posix()}`, outside the library; the build would "
                "publish what it points to",
                "replace the link with a copy of the file, or remove it",
            )
        )
    return out


def check_docs_files(root: Path, docs_dir: Path) -> list[Diagnostic]:
    """SEC011 (links leaving the library), SEC012 (other Markdown suffixes), SEC013 (HTML/SVG)."""
    out = outside_links(root, docs_dir)
    for entry in docs_entries(docs_dir):
        suffix = os.path.splitext(entry.name)[1].lower()
        # `os.walk` counted a link to a folder as a folder: so does this.
        if entry.is_dir() or suffix not in _UNCHECKED:
            continue
        shown = _shown(Path(entry.path), root)
        if suffix in MARKDOWN_SUFFIXES:
            out.append(
                make(
                    "SEC012",
                    shown,
                    0,
                    0,
                    f"a `{suffix}` page is published by MkDocs but read by no check",
                    "rename it to end in `.md`",
                )
            )
        else:
            out.append(
                make(
                    "SEC013",
                    shown,
                    0,
                    0,
                    f"a `{suffix}` file is published as it is, where its scripts would run "
                    "unchecked",
                    "write it as a Markdown page, or use a PNG or PDF instead of SVG or HTML",
                )
            )
    return out
