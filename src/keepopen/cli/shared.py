"""Options and argument checks that several `keepopen` verbs share."""

from __future__ import annotations

import argparse
from pathlib import Path

from keepopen.cli.errors import CliError

__all__ = ["add_force", "library_root"]


def add_force(p: argparse.ArgumentParser) -> None:
    """`--force`, the same on every export that writes into `--out`."""
    p.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty, replacing only files a previous "
        "keepopen export wrote there",
    )


def library_root(root: Path | None, start: Path | None = None) -> Path:
    """`--root`, or the library found from `start` (default: the current folder); checked."""
    from keepopen.content.library import find_root

    found = root if root is not None else find_root(start or Path.cwd())
    if not (found / "docs").is_dir():
        raise CliError(
            f"{found.as_posix()} is not a Keep Open library (it has no docs/ folder)",
            "run the command inside the library, or give --root with the library's folder",
        )
    return found
