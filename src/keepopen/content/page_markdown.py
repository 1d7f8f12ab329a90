"""Put a page's record into its Markdown: facts under the first heading, evidence at the end.

Every engine does this the same way (the MkDocs plugin before rendering, the Markdown extension
under Zensical), so the placement lives here once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from keepopen.content.library import Library, LibraryPage
from keepopen.content.record import page_record

__all__ = ["with_record"]

_H1 = re.compile(r"^# .*$", re.MULTILINE)


def with_record(
    markdown: str,
    page: LibraryPage,
    library: Library,
    *,
    changed: dt.date | None = None,
    level_of: Callable[[str], str | None] = lambda key: None,
) -> str:
    """`markdown` with the record of `page` inserted (unchanged when it has none).

    `changed` and `level_of` are passed to `keepopen.content.record.page_record` (the status).
    """
    record = page_record(page, library, changed=changed, level_of=level_of)
    if record.facts:
        title = _H1.search(markdown)
        at = title.end() if title else 0
        markdown = f"{markdown[:at]}\n\n{record.facts}\n\n{markdown[at:].lstrip()}"
    if record.evidence:
        markdown = f"{markdown.rstrip()}\n\n{record.evidence}\n"
    return markdown
