"""`keepopen` command line: `check`, `new`, `refs`, `export`. Each verb lives in its own module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="keepopen",
        description="Tools for the Keep Open library: check content, add entries, "
        "tidy references and export submissions.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # Each verb module adds its own subparser and sets `func`.
    from keepopen.cli import check, export, new, refs, schema, site

    check.register(sub)
    export.register(sub)
    new.register(sub)
    refs.register(sub)
    schema.register(sub)
    site.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
