"""Markdown text helpers for rules: hide code and comments, map offsets to lines.

(A page's anchors come from rendering it: `keepopen.checks.anchors`.)
"""

from __future__ import annotations

import bisect
import re

__all__ = ["LineIndex", "mask_code", "mask_comments"]

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and inline code replaced by spaces (same offsets)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                out.append(re.sub(r"[^\n]", " ", line))
                continue
            out.append(line)
        else:
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and (not line[m.end() :].strip())
            ):
                fence = None
            out.append(re.sub(r"[^\n]", " ", line))
    return _CODE_SPAN.sub(_blank, "".join(out))


def mask_comments(text: str) -> str:
    """`text` with HTML comments replaced by spaces (same offsets)."""
    return _COMMENT.sub(_blank, text)


class LineIndex:
    """Maps offsets in a text to 1-based `(line, col)`, shifted by where the text starts."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1
