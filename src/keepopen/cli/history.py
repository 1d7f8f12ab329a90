"""`keepopen changes` (what a pull request changes, for its job summary) and
`keepopen changelog` (what an edition added, changed or withdrew), both read from git."""

from __future__ import annotations

import argparse
from pathlib import Path

from keepopen.cli.errors import CliError

__all__ = ["register", "run_changelog", "run_changes"]


def register(sub: argparse._SubParsersAction) -> None:
    changes = sub.add_parser(
        "changes",
        help="summarise in Markdown what a branch changes in the library",
        description="Pages added, changed or removed and references added or removed since "
        "the branch left BASE, in Markdown (for a pull request's job summary).",
    )
    changes.add_argument("--base", required=True, help="the branch merged into, e.g. origin/main")
    changes.add_argument("--head", default="HEAD", help="the revision to report (default HEAD)")
    changes.add_argument(
        "--check", action="store_true", help="also run `keepopen check` and give its counts"
    )
    changes.add_argument("--root", type=Path, default=None, help="repository root")
    changes.set_defaults(func=run_changes)

    log = sub.add_parser(
        "changelog",
        help="the content changelog of an edition, in Markdown",
        description="Published pages (published.yml) added, changed, moved or withdrawn "
        "between two editions (git tags or any revisions).",
    )
    log.add_argument("--until", default="HEAD", help="the edition (default HEAD)")
    log.add_argument(
        "--since", default=None, help="the previous edition (default: the newest earlier tag)"
    )
    log.add_argument("--title", default=None, help="the heading (default: the --until revision)")
    log.add_argument("--root", type=Path, default=None, help="repository root")
    log.set_defaults(func=run_changelog)


def _root(args: argparse.Namespace) -> Path:
    from keepopen.content.library import find_root

    return (args.root or find_root(Path.cwd())).resolve()


def _git_error(exc: Exception) -> CliError:
    return CliError(str(exc), "run it inside the library's git clone, with both revisions fetched")


def run_changes(args: argparse.Namespace) -> int:
    from keepopen.history.changes import library_changes, summary_markdown
    from keepopen.history.git import GitError

    root = _root(args)
    try:
        changes = library_changes(root, args.base, args.head)
    except GitError as exc:
        raise _git_error(exc) from None
    counts = None
    if args.check:
        from keepopen.checks.runner import run_checks
        from keepopen.context import load_context

        result = run_checks(paths=[], context=load_context(root, formatted=False))
        counts = (len(result.errors), len(result.warnings))
    print(summary_markdown(changes, counts, base=args.base))
    return 0


def run_changelog(args: argparse.Namespace) -> int:
    from keepopen.history.changelog import changelog_markdown, edition_changes, previous_edition
    from keepopen.history.git import GitError

    root = _root(args)
    try:
        since = args.since or previous_edition(root, args.until)
        changes = edition_changes(root, args.until, since)
    except GitError as exc:
        raise _git_error(exc) from None
    print(changelog_markdown(changes, args.title))
    return 0
