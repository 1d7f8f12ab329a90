"""The real library passes `keepopen check`: any error fails `make test` with its exact line."""

from __future__ import annotations

from pathlib import Path

from keepopen.checks.runner import run_checks

ROOT = Path(__file__).resolve().parents[2]


def test_real_library_has_no_errors():
    result = run_checks(ROOT)
    assert len(result.library.pages) > 0
    lines = "\n".join(d.format() for d in result.errors)
    assert not result.errors, f"keepopen check found {len(result.errors)} error(s):\n{lines}"
