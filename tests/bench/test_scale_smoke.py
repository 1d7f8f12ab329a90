"""`bench/scale.py` grows a library with valid clones; the plain config builds the same pages."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _scale():
    spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_grow_clones_entries_under_new_ids_matching_their_files(tmp_path: Path) -> None:
    scale = _scale()
    folder = tmp_path / "docs" / "testimony"
    shutil.copytree(ROOT / "docs" / "testimony", folder)
    originals = len(list(folder.glob("*.md"))) - 1
    assert scale.grow(tmp_path, originals + 5) == originals + 5
    clones = sorted(folder.glob("*-c[0-9][0-9][0-9][0-9].md"))
    assert len(clones) == 5
    for clone in clones:
        front = clone.read_text(encoding="utf-8").split("---\n")[1]
        assert yaml.safe_load(front)["id"] == clone.stem


def test_plain_config_is_material_with_search_and_no_project_plugin(tmp_path: Path) -> None:
    scale = _scale()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    config = yaml.safe_load(scale.plain_config(tmp_path).read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    assert config["plugins"] == ["search"]
    assert "keepopen.citations" not in config["markdown_extensions"]
    assert "toc" in str(config["markdown_extensions"])
