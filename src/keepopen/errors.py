"""Problems the person running a tool can correct: a message and its fix, never a traceback.

Core code (the exports, the output-folder guard) raises `UserError`; the command line shows it as
`keepopen: error: MESSAGE (fix: FIX)` (it is `keepopen.cli.errors.CliError`). It lives here, not in
`keepopen.cli`, so the core never imports the command line.
"""

from __future__ import annotations

__all__ = ["UserError"]


class UserError(Exception):
    """A problem with what a command was given, with the fix in plain words."""

    def __init__(self, message: str, fix: str = ""):
        super().__init__(message)
        self.message = message
        self.fix = fix

    def format(self) -> str:
        """`keepopen: error: MESSAGE (fix: FIX)` on one line."""
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"keepopen: error: {self.message}{fix}"
