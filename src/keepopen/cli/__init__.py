"""`keepopen` command line: `check`, `new`, `refs`, `export`, `schema`, `site`, `changes`,
`changelog`. Each verb lives in its own module, and each reads the library through one
`keepopen.context.LibraryContext`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from keepopen.cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, CliError
from keepopen.settings import SettingsError

__all__ = ["CliError", "describe_file_error", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="keepopen",
        description="Tools for the Keep Open library: check content, add entries, "
        "tidy references and export submissions.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # Each verb module adds its own subparser and sets `func`.
    from keepopen.cli import check, export, history, new, refs, schema, site

    check.register(sub)
    export.register(sub)
    history.register(sub)
    new.register(sub)
    refs.register(sub)
    schema.register(sub)
    site.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure ends as a one-line message and an exit status.

    0 success, 1 problems found, 2 a wrong argument or an unreadable/unwritable file,
    3 a bug in keepopen (set KEEPOPEN_DEBUG=1 to see its traceback), 130 interrupted.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        _say(exc.format())
        return EXIT_USAGE
    except SettingsError as exc:  # mkdocs.yml cannot be read: say where, as for any file
        _say(f"keepopen: error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _say("keepopen: interrupted")
        return EXIT_INTERRUPTED
    except (OSError, UnicodeDecodeError) as exc:
        if _debug():
            raise
        _say(f"keepopen: error: {describe_file_error(exc)}")
        return EXIT_USAGE
    except Exception as exc:
        if _debug():
            raise
        _say(
            f"keepopen: internal error: {type(exc).__name__}: {exc} "
            "(please report it, with the command you ran; KEEPOPEN_DEBUG=1 shows the details)"
        )
        return EXIT_INTERNAL


def _debug() -> bool:
    return os.environ.get("KEEPOPEN_DEBUG", "") not in ("", "0")


def _say(text: str) -> None:
    # Only the first line: a message must never turn into a wall of text.
    print(text.splitlines()[0] if text else text, file=sys.stderr)


def describe_file_error(exc: OSError | UnicodeDecodeError) -> str:
    """One line naming the file and what is wrong with it, with what to do."""
    if isinstance(exc, UnicodeDecodeError):
        where = _file_in_traceback(exc)
        name = f"{where} " if where else "a file "
        return (
            f"{name}is not UTF-8 text (byte {exc.start + 1} cannot be read) (fix: save it as UTF-8)"
        )
    filename = exc.filename if exc.filename is not None else _file_in_traceback(exc)
    where = f": {filename}" if filename else ""
    return f"{exc.strerror or exc}{where} (fix: check the path and that you may read or write it)"


def _file_in_traceback(exc: BaseException) -> str | None:
    """Best effort: the innermost `Path` to an existing file among the failing frames' variables.

    `UnicodeDecodeError` does not say which file it came from; the frame that read the file
    almost always holds its path in a local variable.
    """
    tb = exc.__traceback__
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Path) and value.is_file():
                return value.as_posix()
    return None
