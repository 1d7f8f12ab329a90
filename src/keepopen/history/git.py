"""A thin, read-only wrapper around the `git` command for the history modules."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["GitError", "changed_files", "file_at", "files_at", "git"]


class GitError(RuntimeError):
    """`git` is missing, or a revision or path it was asked about does not exist."""


def git(root: Path, *args: str) -> str:
    """`git ARGS` run in `root`; its standard output, or `GitError` with git's own message."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise GitError(f"git cannot be run: {exc.strerror or exc}") from None
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["failed"])[0]
        raise GitError(f"git {' '.join(args)}: {message}")
    return result.stdout


def changed_files(root: Path, base: str, head: str) -> list[tuple[str, str]]:
    """`(status letter, path)` of each file changed from `base` to `head` (A, M or D).

    Renames are reported as a deletion and an addition: a moved page is a new address.
    """
    out = git(root, "diff", "--name-status", "--no-renames", "-z", base, head, "--")
    fields = out.split("\0")
    return [(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]


def file_at(root: Path, revision: str, path: str) -> str | None:
    """The text of `path` at `revision`, or None when it does not exist there."""
    try:
        return git(root, "show", f"{revision}:{path}")
    except GitError:
        return None


def files_at(root: Path, revision: str, folder: str) -> set[str]:
    """Every file path under `folder` at `revision`."""
    out = git(root, "ls-tree", "-r", "--name-only", "-z", revision, "--", folder)
    return {p for p in out.split("\0") if p}
