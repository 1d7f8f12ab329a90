"""Show each page's record (facts under the title, an argument's evidence at the end)."""

from __future__ import annotations

import re

from keepopen.content.library import Library
from keepopen.content.record import page_record
from keepopen.context import LibraryContext

_H1 = re.compile(r"^# .*$", re.MULTILINE)


class Records:
    """Inserts each page's record, from the build's one scan, into its Markdown."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.context: LibraryContext | None = None
        self._by_src: dict = {}

    def on_config(self, context: LibraryContext) -> None:
        self.context = context
        self.library = context.library
        self._by_src = self.library.by_src()

    def _level_of(self, key: str) -> str | None:
        entry = self.context.bib.get(key) if self.context else None
        return entry.verification if entry else None

    def on_page_markdown(self, markdown: str, page) -> str:
        lib_page = self._by_src.get(page.file.src_uri)
        if lib_page is None or self.library is None:
            return markdown
        changed = self.context.dates.get(page.file.src_uri) if self.context else None
        record = page_record(lib_page, self.library, changed=changed, level_of=self._level_of)
        if record.facts:
            title = _H1.search(markdown)
            at = title.end() if title else 0
            markdown = f"{markdown[:at]}\n\n{record.facts}\n\n{markdown[at:].lstrip()}"
        if record.evidence:
            markdown = f"{markdown.rstrip()}\n\n{record.evidence}\n"
        return markdown
