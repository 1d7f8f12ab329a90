"""Show each page's record (facts under the title, an argument's evidence at the end)."""

from __future__ import annotations

import re

from keepopen.content.library import Library
from keepopen.content.record import page_record

_H1 = re.compile(r"^# .*$", re.MULTILINE)


class Records:
    """Inserts each page's record, from the build's one scan, into its Markdown."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self._by_src: dict = {}

    def on_config(self, library: Library) -> None:
        self.library = library
        self._by_src = library.by_src()

    def on_page_markdown(self, markdown: str, page) -> str:
        lib_page = self._by_src.get(page.file.src_uri)
        if lib_page is None or self.library is None:
            return markdown
        record = page_record(lib_page, self.library)
        if record.facts:
            title = _H1.search(markdown)
            at = title.end() if title else 0
            markdown = f"{markdown[:at]}\n\n{record.facts}\n\n{markdown[at:].lstrip()}"
        if record.evidence:
            markdown = f"{markdown.rstrip()}\n\n{record.evidence}\n"
        return markdown
