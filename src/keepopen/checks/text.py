"""Markdown text helpers for rules: hide code, map offsets to lines, find headings."""

from __future__ import annotations

import bisect
import html
import re
from functools import lru_cache

from markdown.extensions.toc import slugify

__all__ = ["LineIndex", "anchors", "mask_code", "mask_comments"]

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


_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*$", re.M)
_SETEXT = re.compile(r"^(?P<text>[^\n]*\S[^\n]*)\n {0,3}(=+|-+)[ \t]*$", re.M)
_ATTR_ID = re.compile(r"\{:?[^{}\n]*?#([\w.:-]+)[^{}\n]*\}\s*$")
_EXPLICIT_ID = re.compile(r"""(?:\bid|\bname)\s*=\s*["']([^"']+)["']|\{:?[^{}\n]*?#([\w.:-]+)""")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _heading_text(raw: str) -> tuple[str, str | None]:
    raw = re.sub(r"[ \t]+#+[ \t]*$", "", raw)
    explicit = _ATTR_ID.search(raw)
    raw = re.sub(r"\{:?[^{}\n]*\}\s*$", "", raw).strip()
    raw = _INLINE_LINK.sub(r"\1", raw)
    raw = re.sub(r"<[^>]+>", "", raw)
    raw = re.sub(r"[*_`]", "", raw)
    return html.unescape(raw), (explicit.group(1) if explicit else None)


@lru_cache(maxsize=4096)
def anchors(body: str) -> frozenset[str]:
    """Every anchor a page body defines: heading slugs (as `toc` makes them) and explicit ids."""
    text = mask_code(body)
    found: set[str] = set()
    counts: dict[str, int] = {}
    headings = [(m.start(), m.group(2)) for m in _ATX.finditer(text)]
    headings += [
        (m.start(), m.group("text"))
        for m in _SETEXT.finditer(text)
        if not re.match(r"^ {0,3}([-*+]|\d+\.)\s|^\s*$|^ {0,3}#", m.group("text"))
    ]
    for _, raw in sorted(headings):
        title, explicit = _heading_text(raw)
        slug = explicit or slugify(title, "-")
        if slug in counts:
            counts[slug] += 1
            slug = f"{slug}_{counts[slug]}"
        else:
            counts[slug] = 0
        found.add(slug)
    for m in _EXPLICIT_ID.finditer(text):
        found.add(m.group(1) or m.group(2))
    return frozenset(found)
