"""Split a `.bib` text into bibtexparser blocks, with line numbers we can trust.

bibtexparser 2.1 counts lines by its `\\n` marks, and a newline right after a backslash (a LaTeX
`\\\\` line break at the end of a line) is not a mark, so every later line number is one short.
We therefore locate each block's raw text in the file ourselves and count lines from there.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import model as bm

__all__ = ["Located", "split_blocks"]


@dataclass
class Located:
    """A block with its 1-based line and, for entries, the 1-based line of each field's `=`."""

    block: bm.Block
    line: int
    field_lines: list[int] = field(default_factory=list)


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
    """bibtexparser's blocks of `text` (no middleware applied), in order, with true lines."""
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
        located.append(Located(block, start, lines))
    return located
