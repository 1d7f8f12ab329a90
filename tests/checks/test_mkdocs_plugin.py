"""`mkdocs build --strict` reports the same problems as `keepopen check` and fails on errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import build_site

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
    return build_site(root / "mkdocs.yml", root / "site")


def test_build_fails_strict_and_prints_the_check_line(broken_build):
    assert broken_build.returncode != 0
    assert (
        "keepopen: docs/testimony/quiet-loss.md:10:28: VOC001 unknown theme `continuty` "
        "(fix: did you mean `continuity`?)"
    ) in broken_build.stderr
