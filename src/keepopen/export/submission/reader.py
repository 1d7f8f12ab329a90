"""The one Markdown block reader of the export: markdown-it-py, read the way the site reads it.

The site renders pages with Python-Markdown (CommonMark-like blocks, tables, admonitions,
superfences). markdown-it-py reads the same blocks the same way (indented code, fences longer
than the fences they hold, inline HTML such as `<abbr>` opening a paragraph) and tells on which
line each block starts, which the export's reports need. Admonitions (`!!! type "Title"`,
`??? type`, `???+ type`), which CommonMark does not know, are added as one block rule.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

__all__ = ["ADMONITION", "markdown_reader", "read_tokens"]

#: The token type of an admonition; its `info` is the admonition type, `meta["title"]` its title.
ADMONITION = "admonition"
_OPENER = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+\"(.*)\")?[ \t]*$")


#: Python-Markdown's admonition body: lines indented by four spaces (or a tab).
_BODY_INDENT = 4


def _admonition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    begin = state.bMarks[start] + state.tShift[start]
    line = state.src[begin : state.eMarks[start]]
    match = _OPENER.match(line)
    if match is None or state.sCount[start] - state.blkIndent >= 4:
        return False
    if silent:
        return True
    body_indent = state.blkIndent + _BODY_INDENT
    last = start + 1
    nxt = start + 1
    while nxt < end:
        if state.isEmpty(nxt):
            nxt += 1
            continue
        if state.sCount[nxt] < body_indent:
            break
        nxt += 1
        last = nxt
    opening = state.push(ADMONITION + "_open", "div", 1)
    opening.info = match.group(1)
    opening.meta = {"title": match.group(2) or ""}
    opening.map = [start, last]
    old_indent, old_parent = state.blkIndent, state.parentType
    state.blkIndent = body_indent
    state.parentType = "blockquote"  # lets nested blocks end where the body ends
    state.md.block.tokenize(state, start + 1, last)
    state.blkIndent, state.parentType = old_indent, old_parent
    closing = state.push(ADMONITION + "_close", "div", -1)
    closing.info = match.group(1)
    state.line = last
    return True


@cache
def markdown_reader() -> MarkdownIt:
    """CommonMark with tables and admonitions, as the site's Markdown extensions read them."""
    md = MarkdownIt("commonmark").enable("table")
    md.block.ruler.before(
        "code", ADMONITION, _admonition, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    return md


def read_tokens(body: str) -> list[Token]:
    """The block tokens of `body` (paragraph tokens carry their inline children)."""
    return markdown_reader().parse(body)
