"""Run `keepopen check` during `mkdocs build`, so a build reports what the CLI reports.

Errors are logged as warnings (so `mkdocs build --strict` fails on them); rule warnings such as
a reference nobody cites are logged as info, as `keepopen check` only fails on them with
`--strict`.

A page that cannot be read as text (ENC001/ENC002) stops the build at once with a message naming
the file: MkDocs would otherwise crash on it with a bare `UnicodeDecodeError` traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.exceptions import PluginError

from keepopen.context import LibraryContext
from keepopen.diagnostics import Diagnostic, Severity

__all__ = ["refuse_unreadable", "report_checks"]

#: Problems after which MkDocs cannot read the file at all.
_UNREADABLE = ("ENC001", "ENC002")


def refuse_unreadable(diagnostics: Iterable[Diagnostic]) -> None:
    """Stop the build with a message when a file under `docs/` cannot be read as text.

    Raises:
        PluginError: naming each such file, its line and the fix (MkDocs prints it, no traceback).
    """
    bad = [d for d in diagnostics if d.code in _UNREADABLE and d.path.endswith(".md")]
    if bad:
        raise PluginError("keepopen: " + "\nkeepopen: ".join(d.format() for d in bad))


def report_checks(
    context: LibraryContext, log: logging.Logger | logging.LoggerAdapter
) -> list[Diagnostic]:
    """Check the library the build has read (`context`) and log every problem; returns them."""
    from keepopen.checks.runner import run_checks

    result = run_checks(context=context)
    for d in result.diagnostics:
        (log.warning if d.severity is Severity.ERROR else log.info)(d.format())
    refuse_unreadable(result.diagnostics)
    return result.diagnostics
