"""Expected command-line errors: a message and its fix, never a traceback.

Anything the person running `keepopen` can correct (a bad `--out`, a missing page, an unknown
forum) is raised as `CliError`; `keepopen.cli.main` prints it as
`keepopen: error: MESSAGE (fix: FIX)` and exits with status 2.
"""

from __future__ import annotations

from keepopen.errors import UserError as CliError

__all__ = ["EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_USAGE", "CliError"]

EXIT_USAGE = 2  # the same status argparse uses for a bad option
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
