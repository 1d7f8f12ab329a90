"""Split a `.bib` text into bibtexparser blocks, with line numbers we can trust.

bibtexparser 2.1 counts lines by its `\\n` marks, and a newline right after a backslash (a LaTeX
`\\\\` line break at the end of a line) is not a mark, so every later line number is one short.
We therefore locate each block's raw text in the file ourselves and count lines from there.

`%` inside an entry: classic BibTeX has no comments inside entries at all (it reports a broken
field name), biber skips from `%` to the end of the line, and bibtexparser 2.1 glues the comment
onto the next field's name (`% note\n year = ...` becomes a field called `% note year`), which
silently lost that field. We follow biber, the tool biblatex users run: between fields (not inside
a `{...}` or `"..."` value), `%` to the end of the line is blanked out before parsing, so the field
after it is kept, and `Located.comment_lines` lists those lines for a BIB025 warning (the file
would not work with classic BibTeX).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import model as bm

__all__ = ["Located", "mask_entry_comments", "split_blocks"]


@dataclass
class Located:
    """A block with its 1-based line and, for entries, the 1-based line of each field's `=`."""

    block: bm.Block
    line: int
    field_lines: list[int] = field(default_factory=list)
    #: 1-based lines of `%` comments between this entry's fields (blanked before parsing).
    comment_lines: list[int] = field(default_factory=list)


# What changes the state of the scan below; everything else is skipped at C speed.
_TOKENS = re.compile(r'[{}()"%@\n]')
_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")


def mask_entry_comments(text: str) -> tuple[str, list[int]]:
    """`text` with each `%` comment between an entry's fields blanked, and their 1-based lines.

    Blanking keeps every other character where it was, so lines and columns do not move.
    `@comment` and `@preamble` blocks, values and text outside entries are left as they are.
    """
    if "%" not in text:
        return text, []
    spans: list[tuple[int, int]] = []
    lines: list[int] = []
    line, depth, base, in_entry, in_quotes, closer = 1, 0, 0, False, False, ""
    pos = 0
    while True:
        match = _TOKENS.search(text, pos)
        if match is None:
            break
        at, char = match.start(), match.group()
        pos = at + 1
        if char == "\n":
            line += 1
        elif not in_entry:
            start = _ENTRY_START.match(text, at) if char == "@" else None
            if start and start.group(1).lower() not in ("comment", "preamble"):
                in_entry, in_quotes, closer = True, False, ")" if start.group(2) == "(" else "}"
                base = depth = 1 if closer == "}" else 0
                pos = start.end()
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if closer == "}" and depth == 0:
                in_entry = False
        elif char == ")" and closer == ")" and depth == 0 and not in_quotes:
            in_entry = False
        elif char == '"' and depth == base:
            in_quotes = not in_quotes
        elif char == "%" and depth == base and not in_quotes:
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            spans.append((at, end))
            lines.append(line)
            pos = end
    if not spans:
        return text, []
    pieces, previous = [], 0
    for begin, stop in spans:
        pieces += [text[previous:begin], " " * (stop - begin)]
        previous = stop
    pieces.append(text[previous:])
    return "".join(pieces), lines


def _raw_blocks(text: str) -> list[bm.Block]:
    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)  # every problem becomes a Diagnostic instead of a log line
    try:
        return bibtexparser.parse_string(text, parse_stack=[]).blocks
    finally:
        logger.setLevel(previous)


def _entry_of(block: bm.Block) -> bm.Entry | None:
    inner = block.ignore_error_block if isinstance(block, bm.ParsingFailedBlock) else block
    return inner if isinstance(inner, bm.Entry) else None


def _field_lines(entry: bm.Entry, raw: str, line: int) -> list[int]:
    lines, pos = [], 0
    for f in entry.fields:
        match = re.compile(re.escape(f.key) + r"\s*=").search(raw, pos)
        if match is None:  # pragma: no cover - the splitter took the key from this raw text
            lines.append(line + (f.start_line or 0) - (entry.start_line or 0))
            continue
        lines.append(line + raw.count("\n", 0, match.end()))
        value_at = raw.find(f.value, match.end()) if f.value else -1
        pos = value_at + len(f.value) if value_at >= 0 else match.end()
    return lines


def split_blocks(text: str) -> list[Located]:
    """bibtexparser's blocks of `text` (no middleware applied), in order, with true lines.

    `%` comments between an entry's fields are blanked first (see the module notes); the
    blocks' `raw` text is then the blanked text.
    """
    text, comments = mask_entry_comments(text)
    located: list[Located] = []
    pos, line = 0, 1  # `line` is the line number at `pos`, the end of the previous block
    for block in _raw_blocks(text):
        raw = block.raw or ""
        at = text.find(raw, pos) if raw else -1
        if at < 0:  # pragma: no cover - raw is always a slice of the text
            start = (block.start_line or 0) + 1
        else:
            start = line + text.count("\n", pos, at)
            pos, line = at + len(raw), start + raw.count("\n")
        entry = _entry_of(block)
        lines = _field_lines(entry, raw, start) if entry is not None else []
        end = start + raw.count("\n")
        inside = [n for n in comments if start <= n <= end] if entry is not None else []
        located.append(Located(block, start, lines, inside))
    return located
