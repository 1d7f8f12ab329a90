"""When each page last changed, from git.

One `git log` call covers the whole docs folder (one call per page would slow large builds).
A file that is untracked or has uncommitted edits has no trustworthy commit date: callers get
`None` for it and fall back to the build date, which the cite box says plainly.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

__all__ = ["build_date", "last_changed_dates"]


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError:  # git not installed
        return None
    return result.stdout if result.returncode == 0 else None


def last_changed_dates(docs_dir: Path) -> dict[str, dt.date]:
    """Docs-relative path (`arguments/x.md`) -> date of the last commit that touched it.

    Files with uncommitted changes (or untracked ones) are left out.
    """
    docs_dir = docs_dir.resolve()
    top = _git(["rev-parse", "--show-toplevel"], docs_dir)
    if top is None:
        return {}
    top_dir = Path(top.strip())
    log = _git(["log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."], docs_dir)
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in (log or "").splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line.strip() and current is not None:
            rel = _relative_to_docs(top_dir / line.strip(), docs_dir)
            if rel is not None:
                dates.setdefault(rel, current)  # newest commit comes first
    status = _git(["status", "--porcelain", "--untracked-files=all", "--", "."], docs_dir)
    for line in (status or "").splitlines():
        path = line[3:].split(" -> ")[-1].strip().strip('"')
        rel = _relative_to_docs(top_dir / path, docs_dir)
        if rel is not None:
            dates.pop(rel, None)
    return dates


def _relative_to_docs(path: Path, docs_dir: Path) -> str | None:
    try:
        return path.relative_to(docs_dir).as_posix()
    except ValueError:
        return None


def build_date() -> dt.date:
    """Today (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()
