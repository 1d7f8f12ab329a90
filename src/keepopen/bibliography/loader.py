"""Load `.bib` files into a `Bibliography`, reporting every problem instead of raising.

bibtexparser 2.x splits each file into blocks (its default middleware is not used: we resolve
values ourselves in `values.py`, so undefined macros are reported). Every failed block, duplicate
key (within and across files), duplicate field and undefined macro becomes a `Diagnostic` with the
file and line. Each file's parsed and formatted entries are cached under `cache_dir`, keyed by
the sha256 of the file's bytes and of this package's code, so an unchanged file is never parsed
again.

Codes (stable):

- `BIB001` a block bibtexparser could not read (unclosed brace, missing comma, ...)
- `BIB002` a citation key defined twice (same file or another file)
- `BIB003` a field given twice in one entry
- `BIB004` a value uses an `@string` macro that is defined nowhere
- `BIB005` an `@string` macro defined twice (warning)
- `BIB006` a source that is missing, unreadable or not UTF-8
- `BIB007` two keys that differ only in case (BibTeX and biber treat them as one) (warning)
- `BIB025` a `%` comment between an entry's fields: skipped as biber does, but classic BibTeX
  misreads it (warning; see `blocks.py`)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from keepopen.bibliography import cache as _cache
from keepopen.bibliography.model import Bibliography, Entry, FormattedEntry
from keepopen.bibliography.rules import comment_findings
from keepopen.bibliography.values import evaluate
from keepopen.content.textfile import NotUtf8Error, decode
from keepopen.diagnostics import Diagnostic, Severity, display_path

if TYPE_CHECKING:
    from bibtexparser import model as bm

    from keepopen.bibliography.blocks import Located

# bibtexparser (the parser) and pybtex (the formatter) are imported where a file is parsed or
# an entry formatted: a build whose `.bib` files are all in the cache needs neither.

__all__ = ["FileResult", "bib_files", "load_bibliography", "parse_bib_text"]

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING


@dataclass
class FileResult:
    """What one `.bib` file yields; cached as a whole (it depends on nothing but the file)."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    formatted: list[FormattedEntry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    comment_findings: list[Diagnostic] = field(default_factory=list)


def bib_files(sources: Sequence[Path | str]) -> tuple[list[Path], list[Diagnostic]]:
    """Expand sources (files, or folders meaning every `*.bib` inside, sorted) into files."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.bib") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Diagnostic(
                    path.as_posix(),
                    0,
                    0,
                    "BIB006",
                    "bibliography source not found",
                    "create the file or folder, or fix the `bibliography` setting",
                )
            )
    return files, problems


def _failure_message(block: bm.ParsingFailedBlock, line: int) -> tuple[str, str]:
    raw = block.raw or ""
    header = raw.split("\n", 1)[0].strip()[:60]
    end_line = line + raw.rstrip("\n").count("\n")
    reason = getattr(block.error, "abort_reason", str(block.error)).strip()
    if "Unexpected block start" in reason or "end of file" in reason:
        message = f'`{header}` is not closed: a `}}` or `"` is missing before line {end_line + 1}'
        if "end of file" in reason:
            message = f"`{header}` is not closed before the end of the file"
        return message, "close every `{` with `}` (count them in the entry) and end it with `}`"
    return (
        f"`{header}` could not be read: {reason}",
        "write it as `@type{key,` then `name = {value},` lines, and close it with `}`",
    )


def parse_bib_text(text: str, path: str, formatted: bool = True) -> FileResult:
    """Parse one file's text (already decoded); `path` is how diagnostics name the file.

    With `formatted=False` the entries are not formatted (checks need no formatting, and it is
    most of the cost); `Bibliography.formatted()` then formats an entry when it is asked for.
    """
    from bibtexparser import model as bm

    from keepopen.bibliography.blocks import split_blocks
    from keepopen.bibliography.render import format_entry

    result = FileResult(path)
    macros: dict[str, str] = {}
    macro_lines: dict[str, int] = {}
    for located in split_blocks(text):
        block: bm.Block | None = located.block
        line = located.line
        if isinstance(block, bm.DuplicateBlockKeyBlock):
            block = block.ignore_error_block  # duplicate keys are checked across all files later
        if isinstance(block, bm.DuplicateFieldKeyBlock):
            block = block.ignore_error_block  # duplicate fields are reported below
        if isinstance(block, bm.String):
            _add_macro(block, line, macros, macro_lines, result)
        elif isinstance(block, bm.Entry):
            _add_entry(block, located, macros, result)
        elif isinstance(block, bm.ParsingFailedBlock):
            message, fix = _failure_message(block, line)
            result.diagnostics.append(Diagnostic(path, line, 1, "BIB001", message, fix, _ERROR))
        elif isinstance(block, bm.ImplicitComment):
            result.comment_findings.extend(comment_findings(path, block.comment, line))
    if formatted:
        result.formatted = [format_entry(e) for e in result.entries]
    return result


def _add_macro(
    block: bm.String, line: int, macros: dict, macro_lines: dict, result: FileResult
) -> None:
    name = block.key.strip().lower()
    if name in macros:
        result.diagnostics.append(
            Diagnostic(
                result.path,
                line,
                1,
                "BIB005",
                f"@string `{block.key}` is defined again (first on line {macro_lines[name]}); "
                "this later value wins",
                "keep one definition",
                _WARNING,
            )
        )
    value = evaluate(block.value, macros)
    _report_undefined(value.undefined, line, result)
    macros[name] = value.text
    macro_lines.setdefault(name, line)


def _report_undefined(names: list[str], line: int, result: FileResult) -> None:
    for name in names:
        result.diagnostics.append(
            Diagnostic(
                result.path,
                line,
                1,
                "BIB004",
                f"`{name}` is not a defined @string macro",
                f"put the value in braces (`{{{name}}}`) or define `@string{{{name} = {{...}}}}`"
                " above",
            )
        )


_KEY_CHARS = re.compile(r"^[^\s,{}()\"'#%=\\]+$")


def _add_entry(block: bm.Entry, located: Located, macros: dict, result: FileResult) -> None:
    line = located.line
    if not block.key or not _KEY_CHARS.match(block.key):
        result.diagnostics.append(
            Diagnostic(
                result.path,
                line,
                1,
                "BIB001",
                f"`@{block.entry_type}{{{block.key}` has no usable citation key",
                "write the key right after the brace: `@misc{smith2021,`",
            )
        )
        return
    for comment_line in located.comment_lines:
        result.diagnostics.append(
            Diagnostic(
                result.path,
                comment_line,
                1,
                "BIB025",
                f"a `%` comment inside entry `{block.key}`: it is skipped (as biber does), but "
                "classic BibTeX would misread the entry",
                "move the comment above the entry (`@...{`), or into a `note = {...}` field",
                _WARNING,
            )
        )
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for f, field_line in zip(block.fields, located.field_lines, strict=True):
        name = f.key.strip().lower()
        if name in fields:
            result.diagnostics.append(
                Diagnostic(
                    result.path,
                    field_line,
                    1,
                    "BIB003",
                    f"field `{name}` appears twice in `{block.key}` (first on line "
                    f"{lines[name]}); the first value is used",
                    f"merge the two `{name}` fields into one",
                )
            )
            continue
        value = evaluate(f.value, macros)
        _report_undefined(value.undefined, field_line, result)
        fields[name] = value.text
        lines[name] = field_line
    result.entries.append(
        Entry(block.key, block.entry_type.lower(), fields, result.path, line, lines)
    )


def _read(path: Path, shown: str) -> tuple[bytes | None, Diagnostic | None]:
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, Diagnostic(
            shown,
            0,
            0,
            "BIB006",
            f"cannot read the file: {exc.strerror}",
            "check the file's permissions",
        )


def _load_file(
    path: Path, shown: str, cache_dir: Path | None, formatted: bool, content: hashlib._Hash
) -> FileResult:
    """One file's result; its path and bytes go into `content` (the bibliography's
    fingerprint)."""
    data, problem = _read(path, shown)
    content.update(shown.encode() + b"\0" + (data or b"") + b"\0")
    if data is None:
        return FileResult(shown, diagnostics=[problem] if problem else [])
    cached = _cache.load(cache_dir, shown, data) if cache_dir else None
    if isinstance(cached, FileResult):
        if formatted and len(cached.formatted) != len(cached.entries):
            # Cached by a check (parsed only): format now and keep the complete result.
            from keepopen.bibliography.render import format_entry

            cached.formatted = [format_entry(e) for e in cached.entries]
            if cache_dir is not None:  # always: only a cache folder gives a cached result
                _cache.store(cache_dir, shown, data, cached)
        return cached
    try:
        text = decode(data, path)
    except NotUtf8Error as exc:
        return FileResult(
            shown,
            diagnostics=[
                Diagnostic(
                    shown,
                    exc.line,
                    1,
                    "BIB006",
                    "the file is not UTF-8 text",
                    "save the file as UTF-8 (Zotero: Export with 'Unicode (UTF-8)')",
                )
            ],
        )
    result = parse_bib_text(text, shown, formatted)
    if cache_dir:
        _cache.store(cache_dir, shown, data, result)
    return result


def _case_clash(entry: Entry, earlier: Entry) -> Diagnostic:
    where = "line" if earlier.path == entry.path else f"{earlier.path}, line"
    return Diagnostic(
        entry.path,
        entry.line,
        1,
        "BIB007",
        f"key `{entry.key}` differs only in case from `{earlier.key}` ({where} {earlier.line}); "
        "BibTeX treats them as the same key",
        "rename one of them (keys are lower case in this project)",
        _WARNING,
    )


def _inherits(entry: Entry) -> bool:
    return bool(entry.fields.get("crossref", "").strip() or entry.fields.get("xdata", "").strip())


def load_bibliography(
    sources: Sequence[Path | str],
    root: Path | None = None,
    cache_dir: Path | None = None,
    formatted: bool = True,
) -> Bibliography:
    """Load every entry of `sources` (files, or folders meaning all `*.bib` inside, sorted).

    Never raises on bad input: problems are in `Bibliography.diagnostics`, with paths relative
    to `root` (default: the working directory). With `cache_dir`, each file's parsed and
    formatted entries are reused while the file's bytes (and this code) are unchanged.

    Args:
        sources: `.bib` files and/or folders, in priority order (the first definition of a key
            wins).
        root: Base for the paths shown in diagnostics and `Entry.path`.
        cache_dir: Folder for the cache (created when needed); None disables caching.
        formatted: Format every entry now (and cache it). `False` defers formatting to the
            first `Bibliography.formatted()` call, for tools that only check keys and fields.

    Returns:
        The bibliography; run `check_bibliography` on it for the project's content rules.
    """
    files, problems = bib_files(sources)
    bib = Bibliography(diagnostics=list(problems), _cache_dir=cache_dir)
    first_seen: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    content = hashlib.sha256(_cache.code_version().encode())
    for path in files:
        shown = display_path(path, root)
        result = _load_file(path, shown, cache_dir, formatted, content)
        bib.files.append(shown)
        bib.diagnostics.extend(result.diagnostics)
        bib._comment_findings.extend(result.comment_findings)
        shapes: list[FormattedEntry | None] = [*result.formatted] or [None] * len(result.entries)
        for entry, shape in zip(result.entries, shapes, strict=True):
            earlier = first_seen.get(entry.key)
            if earlier is not None:
                where = "line" if earlier.path == entry.path else f"{earlier.path}, line"
                bib.diagnostics.append(
                    Diagnostic(
                        entry.path,
                        entry.line,
                        1,
                        "BIB002",
                        f"key `{entry.key}` is already used ({where} {earlier.line}); this "
                        "entry is ignored",
                        "give this entry a different key, or merge it into the first",
                    )
                )
                continue
            same_but_case = folded.setdefault(entry.key.casefold(), entry)
            if same_but_case is not entry:
                bib.diagnostics.append(_case_clash(entry, same_but_case))
            first_seen[entry.key] = entry
            bib.entries[entry.key] = entry
            if shape is not None and not _inherits(entry):
                bib._formatted[entry.key] = shape  # else formatted once its parents are known
    bib.fingerprint = content.hexdigest()
    return bib
