"""`keepopen schema`: write (or verify) `schemas/*.json` and the content-model docs page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["generated_files", "register", "run"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help="write the JSON Schemas and the content-model page",
        description="Generate schemas/*.schema.json and "
        "docs/contribute/content-model.md from the content model.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the files")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if a committed file differs from the model"
    )
    p.add_argument("--root", type=Path, default=Path("."), help="repository root")
    p.set_defaults(func=run)


def generated_files(root: Path) -> dict[Path, str]:
    """Path -> expected text of every generated file."""
    from keepopen.content.docs_page import DOCS_PAGE, render_docs_page
    from keepopen.content.schema import SCHEMA_DIR, generate_schemas, render

    files = {root / SCHEMA_DIR / name: render(s) for name, s in generate_schemas(root).items()}
    files[root / DOCS_PAGE] = render_docs_page(root)
    return files


def run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if not (root / "docs").is_dir():
        print(f"keepopen schema: error: {root} has no docs/ folder", file=sys.stderr)
        return 2
    stale = []
    for path, text in generated_files(root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(root).as_posix())
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "wrote" if args.write else "out of date"
    for name in stale:
        print(f"{verb}: {name}")
    if not args.write and stale:
        print("run `keepopen schema --write` and commit the result", file=sys.stderr)
        return 1
    if not stale:
        print("schemas and content-model page are up to date")
    return 0
