"""`keepopen check`: every rule over the library, each with a stable code (see `codes.RULES`).

The entry point is `keepopen.checks.runner.run_checks(root, paths=())`.
"""

from __future__ import annotations

from typing import Any

from keepopen.checks.codes import RULES, Rule

__all__ = ["RULES", "Rule", "run_checks"]


def __getattr__(name: str) -> Any:
    # Lazy: the runner imports `keepopen.content`, which imports `codes` from this package.
    if name == "run_checks":
        from keepopen.checks.runner import run_checks

        return run_checks
    raise AttributeError(name)
