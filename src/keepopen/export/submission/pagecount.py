"""Real page counts: LibreOffice lays the DOCX out, where it is installed.

`soffice --headless --convert-to pdf` runs with a private profile in a temporary folder (so it
neither needs nor touches a user's LibreOffice settings, and two exports can run at once) and
a time limit. Without LibreOffice the export falls back on the estimate (`layout`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from keepopen.export.submission.pdf_writer import count_pdf_pages

__all__ = ["LayoutFailed", "docx_to_pdf", "find_soffice", "real_page_count"]


class LayoutFailed(Exception):
    """LibreOffice was found but could not lay the document out; the message says why."""


def find_soffice() -> str | None:
    """The LibreOffice executable (`KEEPOPEN_SOFFICE`, then `soffice`/`libreoffice`), or None."""
    explicit = os.environ.get("KEEPOPEN_SOFFICE")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx: Path, out_dir: Path, soffice: str, timeout: float = 120) -> Path:
    """Convert `docx` to `out_dir/<stem>.pdf` with LibreOffice; return the PDF's path."""
    with tempfile.TemporaryDirectory(prefix="keepopen-soffice-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise LayoutFailed(f"LibreOffice did not finish within {timeout:.0f} s") from exc
    pdf = out_dir / (docx.stem + ".pdf")
    if result.returncode != 0 or not pdf.is_file():
        raise LayoutFailed(
            f"LibreOffice could not convert {docx.name} (exit {result.returncode}): "
            f"{(result.stderr or result.stdout).strip()[-300:]}"
        )
    return pdf


def real_page_count(docx: Path, soffice: str | None = None) -> int | None:
    """Pages of `docx` as LibreOffice lays it out; None when LibreOffice is not installed."""
    soffice = soffice or find_soffice()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="keepopen-pages-") as tmp:
        return count_pdf_pages(docx_to_pdf(docx, Path(tmp), soffice))
