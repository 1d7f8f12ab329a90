"""Show each page's record (status and facts under the title, an argument's evidence at the end)
and fill the generated listings (timeline, themes, models, evidence overview)."""

from __future__ import annotations

from keepopen.content.generated import with_generated
from keepopen.content.library import Library
from keepopen.context import LibraryContext


class Records:
    """Inserts each page's record, from the build's one scan, into its Markdown."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.context: LibraryContext | None = None
        self._by_src: dict = {}
        #: `(kind, id)` -> testimony listing pages of a theme or model (set once they exist).
        self.topics: dict[tuple[str, str], list[str]] = {}

    def on_config(self, context: LibraryContext) -> None:
        self.context = context
        self.library = context.library
        self._by_src = self.library.by_src()

    def on_page_markdown(self, markdown: str, page) -> str:
        lib_page = self._by_src.get(page.file.src_uri)
        if lib_page is None or self.context is None:
            return markdown
        if lib_page.front is not None:  # a page without front matter has no record
            # Imported here: the content model (pydantic) is a quarter of a second to load,
            # which a site without typed pages need not pay.
            from keepopen.content.page_markdown import with_record

            markdown = with_record(
                markdown,
                lib_page,
                self.context.library,
                changed=self.context.dates.get(page.file.src_uri),
                level_of=self.context.verification_of,
            )
        return with_generated(
            markdown,
            page.file.src_uri,
            self.context.library,
            references=len(self.context.bib.entries),
            level_of=self.context.verification_of,
            topics=self.topics,
        )
