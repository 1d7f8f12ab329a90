"""Submission packages: from a submission page (or chosen pages) to what a forum accepts.

`export_submission(page, ExportOptions(out_dir=...))` writes `submission.json`,
`submission.docx`, `submission.md` and, when the forum profile asks for it, `submission.pdf`.
See `claims` for what a claim is and when it is left out.
"""

from __future__ import annotations

from keepopen.export.submission.export import (
    ExportFailed,
    ExportOptions,
    ExportResult,
    export_brief,
    export_submission,
    find_root,
)

__all__ = [
    "ExportFailed",
    "ExportOptions",
    "ExportResult",
    "export_brief",
    "export_submission",
    "find_root",
]
