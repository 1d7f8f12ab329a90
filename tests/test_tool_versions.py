"""pre-commit runs the same ruff as `make lint` and the tests (pyproject's `test` extra)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _test_requirement(name: str) -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [Requirement(r) for r in project["optional-dependencies"]["test"]]
    return next(r for r in found if r.name == name)


def test_pre_commit_ruff_is_inside_the_pyproject_range() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [r for r in config["repos"] if r["repo"].endswith("/ruff-pre-commit")]
    rev = Version(re.sub(r"^v", "", hook["rev"]))
    spec = _test_requirement("ruff").specifier
    assert spec.contains(rev), f"pre-commit ruff {rev} is outside pyproject's ruff{spec}"
    # A range without an upper bound lets `pip install` take a ruff with new rules.
    assert any(s.operator == "<" for s in spec), f"ruff{spec} needs an upper bound"
