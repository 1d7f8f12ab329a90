"""`keepopen export`: the library in other shapes.

Subcommands:

- `keepopen export data --out DIR [--force]`: the open-data package (Frictionless Data).
- `keepopen export published`: record the current page ids in `published.yml`.
- `keepopen export submission ...` / `export brief ...`: in `keepopen.cli.export_submission`.

Every export that writes into `--out` checks the folder first (`keepopen.export.outdir`) and
takes `--force` to replace a previous export there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from keepopen.cli.shared import add_force, library_root
from keepopen.diagnostics import Reporter, errors_in

__all__ = ["add_force", "library_root", "register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add `export` with its own subcommands to the top-level parser."""
    p = sub.add_parser("export", help="export the library: open data, submissions")
    export_sub = p.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    data = export_sub.add_parser(
        "data", help="write the whole library as a Frictionless Data package"
    )
    data.add_argument("--out", type=Path, required=True, help="folder to write into")
    add_force(data)
    data.add_argument(
        "--root",
        type=Path,
        default=None,
        help="repository (default: found from the current folder)",
    )
    data.set_defaults(func=run_data)

    published = export_sub.add_parser(
        "published",
        help="record every current page id in published.yml (run when publishing a release)",
    )
    published.add_argument(
        "--root",
        type=Path,
        default=None,
        help="repository (default: found from the current folder)",
    )
    published.set_defaults(func=run_published)

    from keepopen.cli import export_submission  # `export submission`, `export brief`

    export_submission.register(export_sub)


def _root(args: argparse.Namespace) -> Path:
    return library_root(args.root)


def run_data(args: argparse.Namespace) -> int:
    from keepopen.context import load_context
    from keepopen.export.data import export_data

    context = load_context(_root(args))
    written = export_data(context, args.out, force=args.force)
    for path in written:
        print(path.as_posix())
    print(f"wrote {len(written)} files to {args.out.as_posix()}")
    # An entry the bibliography could not read is missing from the package: say which and why.
    problems = errors_in(context.bib.diagnostics)
    for diagnostic in problems:
        print(diagnostic.format(), file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} problem(s) in references/: the entries they name are not in the "
            "package; run `keepopen check`",
            file=sys.stderr,
        )
    return 1 if problems else 0


def run_published(args: argparse.Namespace) -> int:
    from keepopen.citepage.permalinks import LEDGER_FILE, update_published
    from keepopen.context import load_context

    root = _root(args)
    ledger, diagnostics = update_published(root, load_context(root).library)
    reporter = Reporter()
    reporter.extend(diagnostics)
    for diagnostic in reporter.sorted():
        print(diagnostic.format())
    print(f"{LEDGER_FILE}: {len(ledger)} published ids")
    return 1 if reporter.failed else 0
