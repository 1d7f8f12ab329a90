"""`keepopen check [PATH...]`: print every problem in the library with its fix.

Exit 0 when clean, 1 when errors were found (or warnings, with `--strict`), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from keepopen.diagnostics import Diagnostic, Severity

__all__ = ["format_diagnostics", "register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check the library and print every problem with its fix",
        description="Check pages, references and links; print `path:line:col: CODE message "
        "(fix: ...)` per problem. Exit 0 clean, 1 problems, 2 usage error.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or folders to report on (default: the whole repository)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json for tools, github for pull-request annotations",
    )
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument(
        "--root",
        type=Path,
        default=None,
        help="repository root (default: found from the first PATH or the current folder)",
    )
    p.set_defaults(func=run)


def _github(d: Diagnostic) -> str:
    level = "error" if d.severity is Severity.ERROR else "warning"

    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    message = esc(f"{d.code} {d.message}" + (f" (fix: {d.fix})" if d.fix else ""))
    props = esc(d.path).replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={props},line={d.line},col={d.col},title={d.code}::{message}"


def format_diagnostics(diagnostics: list[Diagnostic], fmt: str) -> str:
    """Render diagnostics as `text`, `json` or `github` annotations."""
    if fmt == "json":
        return json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(_github(d) for d in diagnostics)
    return "\n".join(d.format() for d in diagnostics)


def _print_text(diagnostics: list[Diagnostic]) -> None:
    if not sys.stdout.isatty():
        for d in diagnostics:
            print(d.format())
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for d in diagnostics:
        style = "bold red" if d.severity is Severity.ERROR else "bold yellow"
        line = Text(f"{d.path}:{d.line}:{d.col}: ", style="bold")
        line.append(d.code, style=style)
        line.append(f" {d.message}")
        if d.fix:
            line.append(f" (fix: {d.fix})", style="dim")
        console.print(line, soft_wrap=True)


def run(args: argparse.Namespace) -> int:
    from keepopen.checks.runner import run_checks
    from keepopen.content.library import find_root
    from keepopen.context import load_context

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"keepopen check: error: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    root = (args.root or find_root(args.paths[0] if args.paths else Path.cwd())).resolve()
    if not (root / "docs").is_dir():
        print(f"keepopen check: error: {root} has no docs/ folder (use --root)", file=sys.stderr)
        return 2
    only = [p for p in args.paths if p.resolve() != root]
    # The settings and cache the site build uses: `.bib` files are parsed again only when they
    # change, and formatted only when a rule needs an entry's text.
    result = run_checks(paths=only, context=load_context(root, formatted=False))
    diagnostics = result.diagnostics
    if args.format == "text":
        _print_text(diagnostics)
        errors, warnings = len(result.errors), len(result.warnings)
        summary = (
            f"{errors} error(s), {warnings} warning(s) in {len(result.library.pages)} pages"
            if diagnostics
            else f"no problems in {len(result.library.pages)} pages"
        )
        print(summary, file=sys.stderr)
    elif diagnostics or args.format == "json":
        print(format_diagnostics(diagnostics, args.format))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0
