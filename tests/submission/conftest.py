"""Shared pieces of the submission-export tests: the fixture library and a copy helper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from submission_paths import LIBRARY


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture library (for tests that change a page)."""
    target = tmp_path / "library"
    shutil.copytree(LIBRARY, target)
    return target
