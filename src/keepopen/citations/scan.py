"""Find citations in a whole Markdown file, with the line and column where each one stands.

Code blocks (fenced or indented), YAML front matter and HTML comments are blanked out first,
keeping every offset, so positions point into the original file. Code spans, URLs and e-mail
addresses are skipped by the citation scanner itself.
"""

from __future__ import annotations

import bisect
import functools
import re

from keepopen.citations.model import CitationOccurrence
from keepopen.citations.syntax import scan

__all__ = ["find_citations", "mask_non_prose"]

_FENCE = re.compile(r"^[ \t]*(?:[-*+]\s+|\d+[.)]\s+|>\s*)*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _blank(text: str) -> str:
    """The same text with every character but line breaks turned into a space."""
    return re.sub(r"[^\n]", " ", text)


def mask_non_prose(markdown: str) -> str:
    """`markdown` with code blocks, front matter and comments blanked (offsets unchanged)."""
    text = _FRONT_MATTER.sub(lambda m: _blank(m.group()), markdown, count=1)
    text = _COMMENT.sub(lambda m: _blank(m.group()), text)
    lines = text.split("\n")
    fence: str | None = None
    in_list = in_code = False
    previous_blank = True
    for n, line in enumerate(lines):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            lines[n] = _blank(line)
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            lines[n] = _blank(line)
            continue
        if not line.strip():
            previous_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        # An indented code block starts after a blank line outside a list and lasts until
        # a line that is not indented.
        in_code = indented and (in_code or (previous_blank and not in_list))
        if in_code:
            lines[n] = _blank(line)
        elif not indented:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not previous_blank)
        previous_blank = False
    return "\n".join(lines)


def find_citations(markdown: str) -> list[CitationOccurrence]:
    """Every citation in a Markdown file, with 1-based line and column of its `@` or `-@`.

    Examples:
        >>> [(o.key, o.line, o.col) for o in find_citations("Text [@a].\\n\\n    @code\\n@b says")]
        [('a', 1, 7), ('b', 4, 1)]
    """
    return list(_occurrences(markdown))


# A build reads each page's citations several times (its record, the check, the citation
# index); the scan of one text is done once.
@functools.lru_cache(maxsize=4096)
def _occurrences(markdown: str) -> tuple[CitationOccurrence, ...]:
    text = mask_non_prose(markdown)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: list[CitationOccurrence] = []
    for number, group in enumerate(scan(text)):
        for citation, start in zip(group.citations, group.starts, strict=True):
            line = bisect.bisect_right(line_starts, start)
            col = start - line_starts[line - 1] + 1
            found.append(CitationOccurrence(citation, line, col, number))
    return tuple(found)
