"""`mkdocs build --strict` reports the same problems as `keepopen check` and fails on errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECK_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"

MKDOCS_YML = """\
site_name: Fixture
site_url: https://example.org/
docs_dir: docs
plugins:
  - keepopen:
      check: true
"""


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("plugin") / "lib"
    shutil.copytree(CHECK_FIXTURES / "_library", root)
    case = CHECK_FIXTURES / "cases" / "voc001-unknown-theme"
    shutil.copytree(case / "docs", root / "docs", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    # As tests/conftest.py::build_site runs it (that module is not importable from here).
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
    )


def test_build_fails_strict_and_prints_the_check_line(broken_build):
    assert broken_build.returncode != 0
    assert (
        "keepopen: docs/testimony/quiet-loss.md:10:28: VOC001 unknown theme `continuty` "
        "(fix: did you mean `continuity`?)"
    ) in broken_build.stderr
