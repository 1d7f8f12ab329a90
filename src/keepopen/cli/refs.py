"""`keepopen refs fmt [FILE...] [--check]`: rewrite `.bib` files in the canonical layout.

The layout is described in `keepopen.bibliography.fmt`. Nothing is lost: every entry, field,
`@string`, `@preamble` and comment survives, and a second run changes nothing. A file with blocks
that cannot be parsed is left untouched and reported (run `keepopen check` for the details).
Exit status: 0 when every file is (now) formatted, 1 when `--check` found files to reformat or a
file could not be formatted, 2 when a named file does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from keepopen.bibliography.fmt import UnformattableBib, format_bib
from keepopen.diagnostics import Diagnostic, display_path

__all__ = ["register", "run"]

DEFAULT_FILES = "the bibliography's .bib files (mkdocs.yml's `bibliography` setting)"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `refs` (with its `fmt` verb) to the `keepopen` parser."""
    refs = sub.add_parser("refs", help="tidy the reference files (.bib)")
    verbs = refs.add_subparsers(dest="refs_command", metavar="VERB", required=True)
    fmt = verbs.add_parser(
        "fmt",
        help="rewrite .bib files in the canonical layout (loses nothing)",
        description="Rewrite .bib files in one canonical layout: fields in a fixed order, "
        "lower-case names, values in braces, one blank line between entries. Entries keep "
        "their order and comments stay with what follows them.",
    )
    fmt.add_argument("files", nargs="*", type=Path, help=f"files (default: {DEFAULT_FILES})")
    fmt.add_argument(
        "--check", action="store_true", help="only list files that would change (exit 1 if any)"
    )
    fmt.set_defaults(func=run)


def _library_bib_files() -> list[Path]:
    """Every `.bib` file of the library around the current folder, as the build reads them."""
    from keepopen.content.library import find_root
    from keepopen.settings import LibrarySettings

    return LibrarySettings.from_mkdocs_yml(find_root(Path.cwd())).bib_files()


def run(args: argparse.Namespace) -> int:
    """Format (or with `--check`, inspect) the files; print one line per file acted on."""
    files: list[Path] = list(args.files) or _library_bib_files()
    missing = [f for f in files if not f.is_file()]
    for f in missing:
        what = f"{f} is a folder, not a .bib file" if f.is_dir() else f"no such file: {f}"
        print(f"keepopen refs fmt: {what}", file=sys.stderr)
    if missing:
        return 2
    status = 0
    for path in files:
        shown = display_path(path)
        try:
            original = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            print(
                Diagnostic(
                    shown, 0, 0, "BIB006", "the file is not UTF-8 text", "save it as UTF-8"
                ).format()
            )
            status = 1
            continue
        # The canonical form has no byte-order mark and `\n` line ends.
        text = original.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        try:
            formatted = format_bib(text)
        except UnformattableBib as exc:
            if not exc.lines:
                print(f"{shown}: not formatted: {exc}")
            for line in exc.lines:
                print(
                    Diagnostic(
                        shown,
                        line,
                        1,
                        "BIB001",
                        "this block cannot be read, so the file was not formatted",
                        "run `keepopen check` and fix the block first",
                    ).format()
                )
            status = 1
            continue
        if formatted == original:
            continue
        if args.check:
            print(f"would reformat {shown}")
            status = 1
        else:
            path.write_text(formatted, encoding="utf-8", newline="\n")
            print(f"reformatted {shown}")
    return status
