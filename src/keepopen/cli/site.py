"""`keepopen site finish`: complete a site built by an engine without MkDocs plugins.

`zensical build` renders the pages (citations, References, the bibliography page, the cite box
and meta tags come from `keepopen.citations` and the templates); this step adds the per-page
citation files, the open-data package and the redirect pages, and runs the library check.
Exit 0 when done, 1 when the check found errors (or warnings, with `--strict`), 2 on a usage
error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run_finish"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "site",
        help="work on a built site (for engines other than MkDocs, such as Zensical)",
        description="Work on a site built by an engine that runs no MkDocs plugin.",
    )
    verbs = p.add_subparsers(dest="site_command", metavar="STEP", required=True)
    finish = verbs.add_parser(
        "finish",
        help="add citation files, the data package and redirects; run the check",
        description="Add each page's cite.bib/.ris/.json, the open-data package under data/ "
        "and the redirect pages of redirects.yml to a built site, then check the library.",
    )
    finish.add_argument(
        "--site-dir", type=Path, default=Path("site-zensical"), help="the built site"
    )
    finish.add_argument(
        "--root",
        type=Path,
        default=None,
        help="repository root (default: found from the current folder)",
    )
    check = finish.add_mutually_exclusive_group()
    check.add_argument(
        "--check",
        dest="check",
        action="store_true",
        default=None,
        help="run the check (default: the `check` option of the keepopen block in mkdocs.yml)",
    )
    check.add_argument("--no-check", dest="check", action="store_false", help="skip the check")
    finish.add_argument("--strict", action="store_true", help="fail on check warnings too")
    finish.set_defaults(func=run_finish)


def run_finish(args: argparse.Namespace) -> int:
    from keepopen.cli.check import format_diagnostics
    from keepopen.content.library import find_root
    from keepopen.sitebuild.finish import finish_site

    root = (args.root or find_root(Path.cwd())).resolve()
    site_dir = args.site_dir if args.site_dir.is_absolute() else root / args.site_dir
    if not (site_dir / "index.html").is_file():
        print(f"keepopen site finish: error: no built site in {site_dir}", file=sys.stderr)
        return 2
    result = finish_site(root, site_dir, check=args.check)
    if result.diagnostics:
        print(format_diagnostics(result.diagnostics, "text"))
    added = f", head tags added to {len(result.head_tags_added)} page(s)" * bool(
        result.head_tags_added
    )
    print(
        f"keepopen site finish: {len(result.written)} file(s) written into {site_dir}{added}; "
        f"check: {len(result.errors)} error(s), {len(result.warnings)} warning(s)",
        file=sys.stderr,
    )
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return 1 if failed else 0
