"""Paths the submission-export tests share (a uniquely named module: tests have no packages)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FORUMS = REPO / "forums"
LIBRARY = REPO / "tests" / "fixtures" / "submission" / "library"
TEST_FORUMS = REPO / "tests" / "fixtures" / "submission" / "forums"
#: Every field the real `ohchr-upr` profile requires, for briefs that must export cleanly.
UPR_FIELDS: dict[str, object] = {
    "country_under_review": "Exampleland",
    "submitter": "Keep Open editors",
    "submitter_description": "A fixture coalition.",
    "language": "English",
    "keywords": ["continuity"],
}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(name: str, found: str | None) -> str:
    """The tool's path; skip locally (fail under CI=true) with a clear message when missing."""
    if found:
        return found
    message = (
        f"{name} not found: install it (Debian: chromium, poppler-utils, "
        "libreoffice-writer-nogui) or set KEEPOPEN_CHROMIUM / KEEPOPEN_SOFFICE; this test needs it"
    )
    if IN_CI:
        pytest.fail(f"CI=true and {message}")
    pytest.skip(message)


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")
