"""`keepopen export submission PAGE --out DIR` and `keepopen export brief PAGE... --forum NAME`.

Registered under the `export` verb by `keepopen.cli.export` through `register(export_sub)`.
Exit status: 0 when everything was written, 1 when the export stopped (each problem is printed
as `path:line:col: CODE message (fix: ...)` and nothing is written), 2 when an argument is wrong
(a missing page, an unknown forum, an unsafe `--out`: `keepopen: error: ... (fix: ...)`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from keepopen.cli.errors import CliError
from keepopen.cli.page_args import forum_name, page_file, page_files
from keepopen.cli.shared import add_force, library_root
from keepopen.content.library import find_root
from keepopen.context import load_context
from keepopen.export.submission import (
    ExportFailed,
    ExportOptions,
    ExportResult,
    export_brief,
    export_submission,
)

__all__ = ["register", "run_brief", "run_submission"]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="folder to write into")
    add_force(p)
    p.add_argument(
        "--include-unverified",
        action="store_true",
        help="also include claims citing `unverified` references, each marked [Unverified]",
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help="export even if placeholders (TO BE CONFIRMED, example.org) remain; "
        "every page of the output is marked DRAFT",
    )
    p.add_argument("--root", type=Path, help="the library (default: found from the page)")
    p.add_argument(
        "--forums",
        type=Path,
        help="forum profiles folder (default: the `forums` setting in mkdocs.yml, ROOT/forums)",
    )


def register(export_sub: argparse._SubParsersAction) -> None:
    """Add `submission` and `brief` to `keepopen export`."""
    sub = export_sub.add_parser(
        "submission",
        help="export a submission page as the files its forum accepts (JSON, DOCX, MD, PDF)",
    )
    sub.add_argument(
        "page", help="a `type: submission` page under docs/submissions/ (its file or its id)"
    )
    _common(sub)
    sub.set_defaults(func=run_submission)

    brief = export_sub.add_parser(
        "brief", help="export an ad-hoc list of pages for a forum, like `export submission`"
    )
    brief.add_argument("pages", nargs="+", help="page files or page ids, in order")
    brief.add_argument("--forum", required=True, help="a forum profile id (file in forums/)")
    brief.add_argument("--title", default="Keep Open brief", help="title of the brief")
    brief.add_argument(
        "--full",
        action="store_true",
        help="keep whole argument pages instead of the condensed brief (claim, key evidence, "
        "strongest objection, asks); fails if over the forum's limit",
    )
    brief.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help="a forum field; repeat the same ID for a field that takes a list",
    )
    _common(brief)
    brief.set_defaults(func=run_brief)


def _options(args: argparse.Namespace, on_step) -> ExportOptions:
    return ExportOptions(
        out_dir=args.out,
        include_unverified=args.include_unverified,
        root=args.root,
        forums_dir=args.forums,
        context=args.context,
        on_step=on_step,
        force=args.force,
        full=getattr(args, "full", False),
        draft=args.draft,
    )


def _root(args: argparse.Namespace, first: str) -> Path:
    """`--root`, or the library around the first page, else around the current folder."""
    if args.root is None and os.path.lexists(first):
        around_page = find_root(Path(first))
        if (around_page / "docs").is_dir():
            return around_page
    return library_root(args.root)


def _run(args: argparse.Namespace, job) -> int:
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    try:
        if console.is_terminal:
            with Progress(
                SpinnerColumn(), TextColumn("{task.description}"), console=console, transient=True
            ) as progress:
                task = progress.add_task("exporting", total=None)
                result = job(_options(args, lambda m: progress.update(task, description=m)))
        else:
            result = job(_options(args, lambda _m: None))
    except ExportFailed as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        print(
            f"export stopped: {len(exc.diagnostics)} problem(s); nothing written", file=sys.stderr
        )
        return 1
    _summary(result)
    return 0


def _summary(result: ExportResult) -> None:
    """What was written, its size, and every claim left out with the reason."""
    for warning in result.warnings:
        print(warning.format())
    for path in result.written:
        print(f"wrote {path.as_posix()} ({path.stat().st_size:,} bytes)")
    fig = result.figures
    pdf = f", PDF {fig['pdf_pages']} page(s)" if "pdf_pages" in fig else ""
    pages = (
        f"DOCX {fig['docx_pages']} page(s) as LibreOffice lays it out"
        if fig.get("docx_pages") is not None
        else f"DOCX estimated at {result.estimate.describe()}"
    )
    print(
        f"{fig['paragraphs']} numbered paragraphs, {fig['words']:,} words, "
        f"{fig['characters']:,} characters; {pages}{pdf}"
    )
    doc = result.document
    if doc.mode == "condensed":
        budget = f" of a {doc.budget_words:,}-word budget" if doc.budget_words else ""
        print(f"condensed brief: {doc.used_words:,} words{budget}")
    if doc.draft:
        print("DRAFT: placeholders allowed; every page is marked DRAFT")
    print(
        f"{doc.included_claims} cited claim(s) included"
        + (
            f", {doc.unverified_claims} of them unverified (marked)"
            if doc.unverified_claims
            else ""
        )
    )
    if doc.left_out:
        print(f"left out ({len(doc.left_out)}):")
        for item in doc.left_out:
            print(f"  {item.format()}")


def run_submission(args: argparse.Namespace) -> int:
    """`keepopen export submission`."""
    args.root = _root(args, args.page)
    args.context = load_context(args.root)
    page = page_file(args.page, args.root)
    return _run(args, lambda options: export_submission(page, options))


def run_brief(args: argparse.Namespace) -> int:
    """`keepopen export brief`."""
    args.root = _root(args, args.pages[0])
    args.context = load_context(args.root)
    forum = forum_name(args.forum, args.forums or args.context.settings.forums_dir)
    pages = [p.as_posix() for p in page_files(args.pages, args.root)]
    fields: dict[str, object] = {}
    for raw in args.field:
        key, sep, value = raw.partition("=")
        if not sep or not key:
            raise CliError(f"--field {raw!r} has no ID", "write it as --field ID=VALUE")
        if key in fields:
            previous = fields[key]
            fields[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[key] = value
    return _run(
        args,
        lambda options: export_brief(pages, forum, options, args.title, fields),
    )
