"""A tiny library (tests/fixtures/citepage_site) copied into a temporary folder, and built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_FIXTURE = Path(__file__).parents[1] / "fixtures" / "citepage_site"


def make_library(target: Path) -> Path:
    """Copy the fixture library plus the real theme overrides, cite assets and taxonomies."""
    shutil.copytree(SITE_FIXTURE, target)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "taxonomies", target / "taxonomies")
    assets = target / "docs" / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for asset in (ROOT / "docs" / "assets").glob("cite.*"):
        shutil.copy(asset, assets / asset.name)
    return target


def build_site(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`, as tests/conftest.py::build_site runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
    )


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture library built with `mkdocs build --strict` (not in git: build dates)."""
    root = make_library(tmp_path_factory.mktemp("citepage") / "lib")
    result = build_site(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    """A fresh, writable copy of the fixture library."""
    return make_library(tmp_path / "lib")
