"""Diagnostics: the one shape every problem takes, from `.bib` parsing to front matter.

Each problem names the file, the line, a stable code, what is wrong and how to fix it, so a
contributor who is not a programmer can act on it. Tools collect them in a `Reporter`; tests use
`capture()` to assert the exact lines.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

__all__ = [
    "Diagnostic",
    "HasDiagnostics",
    "Reporter",
    "Severity",
    "capture",
    "errors_in",
    "warnings_in",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """`path:line:col: CODE message (fix: ...)`, the form compilers and ruff print."""
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}{fix}"

    def __str__(self) -> str:
        return self.format()

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix,
        }


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The errors among `diagnostics`, in their order."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def warnings_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The warnings among `diagnostics`, in their order."""
    return [d for d in diagnostics if d.severity is Severity.WARNING]


def display_path(path: str | Path, root: Path | None = None) -> str:
    """A path relative to `root` (or the working directory) when it lies below it."""
    p = Path(path)
    base = root or Path.cwd()
    try:
        return p.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


class HasDiagnostics:
    """`errors` and `warnings` for anything holding a `diagnostics` list."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return errors_in(self.diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return warnings_in(self.diagnostics)


@dataclass
class Reporter(HasDiagnostics):
    """Collects diagnostics. With `strict`, warnings count as failures too."""

    strict: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.diagnostics.extend(diagnostics)

    def error(self, path: str, line: int, code: str, message: str, fix: str = "", col: int = 1):
        self.add(Diagnostic(path, line, col, code, message, fix, Severity.ERROR))

    def warning(self, path: str, line: int, code: str, message: str, fix: str = "", col: int = 1):
        self.add(Diagnostic(path, line, col, code, message, fix, Severity.WARNING))

    @property
    def failed(self) -> bool:
        return bool(self.errors) or (self.strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics))


_active: list[Reporter] = []


@contextlib.contextmanager
def capture() -> Iterator[Reporter]:
    """Collect, for a test, every diagnostic reported through `report()` inside the block."""
    reporter = Reporter()
    _active.append(reporter)
    try:
        yield reporter
    finally:
        _active.remove(reporter)


def report(diagnostic: Diagnostic) -> None:
    """Send a diagnostic to every active `capture()` (a no-op outside one)."""
    for reporter in _active:
        reporter.add(diagnostic)
