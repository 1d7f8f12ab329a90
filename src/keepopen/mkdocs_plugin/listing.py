"""The testimony listing in a MkDocs build: generated listing pages, the overview, the footer.

The pages and their Markdown come from `keepopen.content.listing`; this adds them to the build,
fills the Testimony page's overview, and takes entries and listing pages out of the sidebar
(`navigation.hide_pages`), so each page's rendered navigation stays the same size however many
entries the library holds.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from keepopen.content.listing import (
    LISTING_MARKER,
    ListingPage,
    listing_markdown,
    listing_pages,
    overview_markdown,
    overview_page,
    topic_listing_pages,
)
from keepopen.context import LibraryContext
from keepopen.mkdocs_plugin.navigation import hide_pages

__all__ = ["TestimonyListing"]


def _kept(folder: Path, src: str, content: str) -> str:
    """The listing page as a file, rewritten only when its text changed: `mkdocs serve
    --dirty` renders a page again only when its file is newer than the built page."""
    path = folder / src
    try:
        if path.read_text(encoding="utf-8") == content:
            return str(path)
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return str(path)


class TestimonyListing:
    """State and hooks for one build."""

    def __init__(self) -> None:
        self.context: LibraryContext | None = None
        self.pages: list[ListingPage] = []  # by period: the Testimony page links them
        self.topics: list[ListingPage] = []  # by theme and model: their sections link them

    def on_config(self, context: LibraryContext) -> None:
        self.context = context
        self.pages, self.topics = [], []

    def topic_pages(self) -> dict[tuple[str, str], list[str]]:
        """`(kind, id)` -> its listing pages, for the theme and model pages to link."""
        out: dict[tuple[str, str], list[str]] = {}
        for page in self.topics:
            out.setdefault((page.kind, page.group), []).append(page.src)
        return out

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every listing page to the build as a generated Markdown file."""
        assert self.context is not None
        overview = overview_page(self.context.library)
        if overview is None:
            return files  # no page would link the listing: entries stay in the sidebar
        library = self.context.library
        self.pages, self.topics = listing_pages(library), topic_listing_pages(library)
        folder = self.context.settings.cache_dir / "generated"
        # A listing page's text follows from its entries, its group's pages and the theme and
        # model names: made again only when one of them changed (`mkdocs serve` rebuilds).
        made = self.context.memo("listing")
        names = tuple(sorted({**library.themes.labels, **library.models.labels}.items()))
        for pages in (self.pages, self.topics):
            for page in pages:
                inputs = (
                    (page.kind, page.group, page.label, page.number, page.of),
                    tuple((entry.src, entry.text) for entry in page.entries),
                    tuple(p.src for p in page.siblings(pages)),
                    overview,
                    names,
                )
                known = made.get(page.src)
                if known is None or known[0] != inputs:
                    content = listing_markdown(page, pages, library, overview)
                    known = made[page.src] = (inputs, content)
                path = _kept(folder, page.src, known[1])
                files.append(File.generated(config, page.src, abs_src_path=path))
        return files

    def on_nav(self, nav: Navigation) -> Navigation:
        """Entries and listing pages leave the sidebar; each footer walks its own sequence
        (the period listings, each kind of topic listing, the entries in period order)."""
        entries = [entry.src for listing in self.pages for entry in listing.entries]
        sequences = [[listing.src for listing in self.pages]]
        for kind in ("theme", "model"):
            sequences.append([p.src for p in self.topics if p.kind == kind])
        return hide_pages(nav, [*sequences, entries])

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        if LISTING_MARKER not in markdown:
            return markdown
        return markdown.replace(LISTING_MARKER, overview_markdown(self.pages, page.file.src_uri))
