"""Run `keepopen check` during `mkdocs build`, so a build reports what the CLI reports.

Errors are logged as warnings (so `mkdocs build --strict` fails on them); rule warnings such as
a reference nobody cites are logged as info, as `keepopen check` only fails on them with
`--strict`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from keepopen.bibliography.cache import CACHE_DIR
from keepopen.diagnostics import Diagnostic, Severity

__all__ = ["report_checks"]


def report_checks(config: object, log: logging.Logger | logging.LoggerAdapter) -> list[Diagnostic]:
    """Check the library the MkDocs `config` builds and log every problem; returns them."""
    from keepopen.checks.runner import run_checks

    root = Path(config["config_file_path"]).resolve().parent  # type: ignore[index]
    docs_dir = Path(config["docs_dir"]).resolve()  # type: ignore[index]
    result = run_checks(root, docs_dir=os.path.relpath(docs_dir, root), cache_dir=root / CACHE_DIR)
    for d in result.diagnostics:
        (log.warning if d.severity is Severity.ERROR else log.info)(d.format())
    return result.diagnostics
