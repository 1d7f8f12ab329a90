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
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from keepopen.context import LibraryContext
from keepopen.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:  # multiprocessing loads only for a build that runs the check
    import multiprocessing.process
    from multiprocessing.connection import Connection

__all__ = [
    "BackgroundCheck",
    "drop_unchecked_files",
    "log_diagnostics",
    "refuse_outside_links",
    "refuse_unreadable",
    "report_checks",
]

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


def refuse_outside_links(context: LibraryContext) -> None:
    """Stop the build before MkDocs walks `docs/` when a link there leaves the library.

    MkDocs follows links: one to `/etc` would publish it, one to `/` would walk the whole disk.

    Raises:
        PluginError: naming each link, where it points and the fix.
    """
    from keepopen.checks.files import outside_links

    bad = outside_links(context.settings.root, context.settings.docs_dir)
    if bad:
        raise PluginError("keepopen: " + "\nkeepopen: ".join(d.format() for d in bad))


def drop_unchecked_files(files, log: logging.Logger | logging.LoggerAdapter):
    """Leave out of the build what no check reads: other Markdown suffixes, HTML, SVG, XML.

    The check reports each (SEC012, SEC013); this keeps a build without the check safe too.
    """
    from keepopen.checks.files import ACTIVE_SUFFIXES, MARKDOWN_SUFFIXES

    for file in list(files):
        suffix = Path(file.src_uri).suffix.lower()
        if suffix in MARKDOWN_SUFFIXES or suffix in ACTIVE_SUFFIXES:
            log.warning(f"docs/{file.src_uri} is left out of the site (SEC012/SEC013)")
            files.remove(file)
    return files


def report_checks(
    context: LibraryContext, log: logging.Logger | logging.LoggerAdapter
) -> list[Diagnostic]:
    """Check the library the build has read (`context`) and log every problem; returns them."""
    from keepopen.checks.runner import run_checks

    diagnostics = run_checks(context=context).diagnostics
    log_diagnostics(diagnostics, log)
    return diagnostics


def log_diagnostics(
    diagnostics: list[Diagnostic], log: logging.Logger | logging.LoggerAdapter
) -> None:
    """Log errors as warnings (`--strict` fails on them), the rest as info; stop on an
    unreadable page."""
    for d in diagnostics:
        (log.warning if d.severity is Severity.ERROR else log.info)(d.format())
    refuse_unreadable(diagnostics)


class BackgroundCheck:
    """`keepopen check` in a forked process while MkDocs renders the pages (`mkdocs build`).

    A build is one process on one core; the check reads only the library already scanned, so
    on a second core it costs the build nothing (a cold check of 2,000 entries took seconds).
    Its findings are read in `on_post_build`, where they still fail `--strict`. Where `fork`
    is missing, or the child dies, the check runs in the build itself: never skipped.
    """

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._results: Connection | None = None

    def start(self, context: LibraryContext) -> None:
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return
        fork = multiprocessing.get_context("fork")
        receive, send = fork.Pipe(duplex=False)
        self._process = fork.Process(target=_check_in_child, args=(context, send), daemon=True)
        self._process.start()
        send.close()
        self._results = receive

    def finish(self, context: LibraryContext) -> list[Diagnostic]:
        """The findings: the child's, or the check run here if it could not give them."""
        from keepopen.checks.runner import run_checks

        found: list[Diagnostic] | None = None
        if self._results is not None and self._process is not None:
            try:
                found = self._results.recv()
            except (EOFError, OSError):
                found = None
            self._process.join()
            self._results.close()
        self._process = self._results = None
        return found if found is not None else run_checks(context=context).diagnostics

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
        self._process = self._results = None


def _check_in_child(context: LibraryContext, send: Connection) -> None:
    from keepopen.checks.runner import run_checks

    send.send(run_checks(context=context).diagnostics)  # saves the page-rule cache too
    send.close()
