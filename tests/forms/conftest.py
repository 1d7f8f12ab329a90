"""The forms tests' library: the real forms, taxonomies and templates in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from issue_form_bodies import FORMS, ROOT


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library with the real forms, taxonomies and templates, and no pages yet."""
    root = tmp_path / "library"
    (root / "docs").mkdir(parents=True)
    shutil.copytree(FORMS, root / ".github" / "ISSUE_TEMPLATE")
    shutil.copytree(ROOT / "taxonomies", root / "taxonomies")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root
