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

from mkdocs.exceptions import PluginError

from keepopen.context import LibraryContext
from keepopen.diagnostics import Diagnostic, Severity

__all__ = ["drop_unchecked_files", "refuse_outside_links", "refuse_unreadable", "report_checks"]

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

    result = run_checks(context=context)
    for d in result.diagnostics:
        (log.warning if d.severity is Severity.ERROR else log.info)(d.format())
    refuse_unreadable(result.diagnostics)
    return result.diagnostics
