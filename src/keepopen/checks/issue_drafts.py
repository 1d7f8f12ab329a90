"""CON005: a page that still holds a contributor's own words from an issue form.

`keepopen new KIND --from-issue` keeps the contributor's answers in an HTML comment that starts
with `ISSUE_WORDS_MARKER`, for the editor to paraphrase. A comment is not shown, but it is in
the page's source (and in the built HTML), so the words must go before the page is merged.
"""

from __future__ import annotations

import re

from keepopen.checks.text import LineIndex
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["ISSUE_WORDS_MARKER", "check_issue_words"]

#: The first line of the comment that holds a contributor's words.
ISSUE_WORDS_MARKER = "keepopen:from-issue"
_COMMENT = re.compile(rf"<!--\s*{re.escape(ISSUE_WORDS_MARKER)}")


def check_issue_words(library: Library) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for page in library:
        at = LineIndex(page.body, page.body_line)
        for m in _COMMENT.finditer(page.body):
            line, col = at(m.start())
            out.append(
                make(
                    "CON005",
                    page.rel,
                    line,
                    col,
                    "the contributor's own words from the issue form are still in the page "
                    "(a comment is hidden, but published in the page's source)",
                    "paraphrase what the page needs, then delete the whole comment",
                )
            )
    return out
