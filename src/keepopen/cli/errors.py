"""Expected command-line errors: a message and its fix, never a traceback.

Anything the person running `keepopen` can correct (a bad `--out`, a missing page, an unknown
forum) is raised as `CliError`; `keepopen.cli.main` prints it as
`keepopen: error: MESSAGE (fix: FIX)` and exits with status 2.
"""

from __future__ import annotations

__all__ = ["EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_USAGE", "CliError"]

EXIT_USAGE = 2  # the same status argparse uses for a bad option
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


class CliError(Exception):
    """A problem with what the command was given, with the fix in plain words."""

    def __init__(self, message: str, fix: str = ""):
        super().__init__(message)
        self.message = message
        self.fix = fix

    def format(self) -> str:
        """`keepopen: error: MESSAGE (fix: FIX)` on one line."""
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"keepopen: error: {self.message}{fix}"
