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


def test_clean_library_builds_with_a_relative_config_path(tmp_path: Path) -> None:
    # `mkdocs build -f mkdocs.yml` keeps the path relative; the plugin must still find docs/.
    import os
    import subprocess
    import sys

    root = tmp_path / "lib"
    shutil.copytree(CHECK_FIXTURES / "_library", root)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    assert result.returncode == 0, result.stderr
    event = (root / "site/evidence/events/2024-05-13-gpt-4o-release/index.html").read_text("utf-8")
    assert "keepopen-record--event" in event


def test_an_unknown_citation_key_is_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    shutil.copytree(CHECK_FIXTURES / "_library", root)
    case = CHECK_FIXTURES / "cases" / "ref001-unknown-citation-key"
    shutil.copytree(case / "docs", root / "docs", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    result = build_site(root / "mkdocs.yml", root / "site")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "openai2024helo" in line]
    assert len(lines) == 1, lines
    assert "docs/testimony/quiet-loss.md:28:38: REF001" in lines[0]
    assert "did you mean `openai2024hello`?" in lines[0]


def test_the_background_check_finds_what_the_check_finds_even_if_its_process_dies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from keepopen.checks.runner import run_checks
    from keepopen.context import load_context
    from keepopen.mkdocs_plugin import checks

    root = tmp_path / "lib"
    shutil.copytree(CHECK_FIXTURES / "_library", root)
    case = CHECK_FIXTURES / "cases" / "voc001-unknown-theme"
    shutil.copytree(case / "docs", root / "docs", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    expected = run_checks(root).diagnostics
    assert any(d.code == "VOC001" for d in expected)
    background = checks.BackgroundCheck()
    context = load_context(root)
    background.start(context)
    assert background.finish(context) == expected
    monkeypatch.setattr(checks, "_check_in_child", lambda context, send: os._exit(3))
    background.start(context)
    assert background.finish(context) == expected  # run here instead: never skipped
