"""Page and forum arguments of the export commands, checked before any work starts.

A page may be given as a file or as its id (the file name without `.md`). Anything else (a
missing file, a folder, a binary file, an unknown id, the same page twice, a forum name that is
not a plain id) is a `CliError` naming the value and the fix, never a traceback. Forum names are
plain ids, so they cannot reach a file outside the forums folder.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from keepopen.cli.errors import CliError
from keepopen.content.choices import ID_PATTERN

__all__ = ["FORUM_PATTERN", "forum_name", "page_file", "page_files", "page_ids", "shown"]

#: A forum profile id: the name of a file in `forums/`, never a path.
FORUM_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


def shown(value: object) -> str:
    """`value` as text for a message, with control characters (newlines...) made visible."""
    text = str(value)
    return text if text.isprintable() else repr(text)


def page_ids(root: Path) -> list[str]:
    """Every page id under `root/docs` (file names, and section names for `index.md`)."""
    ids = set()
    for path in (root / "docs").rglob("*.md"):
        ids.add(path.parent.name if path.name == "index.md" else path.stem)
    return sorted(ids)


def _suggest(value: str, root: Path) -> str:
    close = difflib.get_close_matches(value, page_ids(root), n=3, cutoff=0.6)
    if close:
        return f"did you mean {' or '.join(close)}? Give a page file or a page id"
    return "give a page file (docs/.../NAME.md) or a page id (its file name without .md)"


def page_file(value: str, root: Path) -> Path:
    """The page file that `value` (a path or a page id) names; `CliError` when there is none."""
    from keepopen.export.submission.sources import find_page

    path = Path(value)
    if not os.path.lexists(path):
        if re.fullmatch(ID_PATTERN, value):
            found = find_page(root, value)
            if found is not None:
                return found
            raise CliError(
                f"no page with the id '{value}' in {(root / 'docs').as_posix()}",
                _suggest(value, root),
            )
        raise CliError(f"no such page file: {shown(value)}", _suggest(path.stem, root))
    if path.is_dir():
        raise CliError(
            f"{shown(value)} is a folder, not a page", "give a page file (.md) or a page id"
        )
    if not path.is_file():
        raise CliError(f"{shown(value)} is not a regular file", "give a page file (.md)")
    if path.suffix != ".md":
        raise CliError(
            f"{shown(value)} is not a Markdown page (.md)", "give a page file (.md) or a page id"
        )
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{shown(value)} is not UTF-8 text (byte {exc.start + 1} cannot be read)",
            "give a Markdown page saved as UTF-8",
        ) from exc
    except OSError as exc:
        raise CliError(f"cannot read {shown(value)}: {exc.strerror}", "check the file") from exc
    return path


def page_files(values: list[str], root: Path) -> list[Path]:
    """Each value's page file, in order; the same page given twice is refused."""
    seen: dict[Path, str] = {}
    files = []
    for value in values:
        path = page_file(value, root)
        key = path.resolve()
        if key in seen:
            first = seen[key]
            what = (
                f"{shown(value)} is given twice"
                if first == value
                else f"{shown(first)} and {shown(value)} are the same page"
            )
            raise CliError(what, "give each page once")
        seen[key] = value
        files.append(path)
    return files


def forum_name(name: str, forums_dir: Path) -> str:
    """`name` when it is the id of a profile in `forums_dir`; `CliError` otherwise."""
    known = (
        sorted({p.stem for p in forums_dir.glob("*.y*ml") if p.suffix in (".yml", ".yaml")})
        if forums_dir.is_dir()
        else []
    )
    choices = f"use one of: {', '.join(known)}" if known else f"add a profile to {forums_dir}"
    if not re.fullmatch(FORUM_PATTERN, name):
        raise CliError(
            f"--forum {shown(name)} is not a forum id (lower-case letters, digits and hyphens, "
            "the name of a file in forums/)",
            choices,
        )
    if name not in known:
        raise CliError(f"no forum profile named '{name}' in {forums_dir.as_posix()}", choices)
    return name
