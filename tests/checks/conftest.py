"""A small real library (`tests/fixtures/check/_library`) and cases that break one rule each."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

CHECK_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"
BASE = CHECK_FIXTURES / "_library"
CASES = CHECK_FIXTURES / "cases"


def copy_library(dest: Path, case: str | None = None) -> Path:
    """The clean fixture library at `dest`, with the files of `case` laid over it."""
    shutil.copytree(BASE, dest)
    if case is not None:
        for path in (CASES / case).rglob("*"):
            rel = path.relative_to(CASES / case)
            if path.is_symlink():  # a case about links keeps its link as a link
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                (dest / rel).symlink_to(os.readlink(path))
            elif path.is_file() and rel.as_posix() != "expected.txt":
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest / rel)
    return dest


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str | None], Path]:
    """Make a fixture library (optionally with a case) and make it the working folder."""

    def make(case: str | None = None) -> Path:
        root = copy_library(tmp_path / "lib", case)
        monkeypatch.chdir(root)
        return root

    return make
