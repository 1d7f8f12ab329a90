"""Every `make` command the README and the contributor guides give exists and runs what it says."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted(ROOT.glob("docs/contribute/*.md"))]
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def test_every_documented_make_target_exists() -> None:
    targets = _targets()
    for guide in GUIDES:
        named = set(re.findall(r"`make ([a-z][\w-]*)", guide.read_text(encoding="utf-8")))
        assert named <= targets, f"{guide.relative_to(ROOT)}: no target {sorted(named - targets)}"


def _dry_run(*target: str) -> subprocess.CompletedProcess[str]:
    """`make -n TARGET`: the commands printed, not run (nor the install step's pip)."""
    command = ["make", "-n", "-o", ".venv/.installed", *target]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


@needs_make
def test_make_new_runs_keepopen_new_from_the_venv() -> None:
    result = _dry_run("new", "KIND=testimony")
    assert result.returncode == 0, result.stderr
    assert ".venv/bin/keepopen new testimony" in result.stdout


@needs_make
def test_make_new_without_a_kind_says_how() -> None:
    result = subprocess.run(
        ["make", "-o", ".venv/.installed", "new"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0 and "make new KIND=testimony" in result.stderr


@needs_make
def test_make_serve_rebuilds_only_what_a_change_touches() -> None:
    result = _dry_run("serve")
    assert result.returncode == 0, result.stderr
    assert "mkdocs serve --dirty" in result.stdout


@needs_make
def test_make_bench_scale_takes_the_number_of_testimonies() -> None:
    result = _dry_run("bench-scale", "N=50")
    assert result.returncode == 0, result.stderr
    assert "bench/scale.py --n 50" in result.stdout
