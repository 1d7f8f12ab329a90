"""A tiny library (tests/fixtures/citepage_site) copied into a temporary folder, and built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import build_site

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
