"""Page work the MkDocs plugin does in events, done inside the Markdown run instead.

Zensical renders each page with a Python-Markdown instance whose preprocessors include its
rendering context (`name == "rendering_context"`, with `page.url`, `page.path`, `page.meta` and
the site `config`). When `keepopen.citations` finds that context it:

- configures itself from `mkdocs.yml`'s `keepopen` plugin block (bibliography, style);
- inserts the page's record (facts table, argument evidence), the data-downloads table and
  the testimony overview (every entry inline: no listing pages) into the Markdown, as the
  plugin's `on_page_markdown` does;
- fills the generated listings (`keepopen.content.generated`: timeline, themes, models,
  evidence overview) into their markers, as the plugin's `on_page_markdown` does;
- fills `<!-- keepopen:bibliography -->` with every reference and the pages citing it;
- puts the page's cite view into `page.meta["keepopen_cite"]` for the templates.

Nothing here imports Zensical: the context is found by name and read by attribute.
"""

from __future__ import annotations

import html
import posixpath
from typing import Any

from markdown import Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

__all__ = ["attach_to_engine", "rendering_context"]

#: Name of Zensical's preprocessor that carries the page being rendered.
CONTEXT_NAME = "rendering_context"

_MKDOCSTRINGS_IDS = "mkdocstrings_ids"


def rendering_context(md: Markdown) -> Any | None:
    """The engine's page context registered on `md` (Zensical), or None (MkDocs, plain use)."""
    if CONTEXT_NAME not in md.preprocessors:
        return None
    context = md.preprocessors[CONTEXT_NAME]
    page = getattr(context, "page", None)
    config = getattr(context, "config", None)
    if page is None or not isinstance(config, dict) or not config.get("root_dir"):
        return None
    return context


def attach_to_engine(md: Markdown, extension: Any) -> bool:
    """Configure `extension` and `md` for the page being rendered, if an engine says which."""
    engine = rendering_context(md)
    if engine is None:
        return False
    from keepopen.context import library_context

    library = library_context(engine.config["root_dir"])
    extension._bibliography = library.bib
    extension.setConfig("style", library.settings.style)
    page = engine.page
    src_uri = str(page.path)
    md.preprocessors.register(_PagePreprocessor(md, library, src_uri), "keepopen-page", 35)
    md.postprocessors.register(
        _BibliographyPostprocessor(md, library, src_uri), "keepopen-bibliography", 5
    )
    _store_cite_view(page, library, src_uri)
    _escape_title(page)
    return True


#: Set in `page.meta` when the title there is already HTML: `overrides/main.html` then prints
#: it as given in `<title>` instead of escaping it a second time.
TITLE_ESCAPED = "keepopen_title_escaped"


def _escape_title(page: Any) -> None:
    """Hand the theme an escaped title, as the MkDocs plugin does (`mkdocs_plugin/titles.py`).

    Zensical's templates print the title unescaped in the header and the navigation; the title
    it shows there is the one a Markdown run reports back (`rendered_metadata_title`). The cite
    view above has already read the title as written.
    """
    meta = page.meta if isinstance(page.meta, dict) else None
    title = meta.get("title") if meta is not None else None
    if meta is None or not isinstance(title, str) or not hasattr(page, "rendered_metadata_title"):
        return
    page.rendered_metadata_title = html.escape(title, quote=True)
    meta[TITLE_ESCAPED] = True


def _store_cite_view(page: Any, library: Any, src_uri: str) -> None:
    from keepopen.citepage.view import META_KEY, cite_record, cite_view_data, dest_uri

    meta = page.meta if isinstance(page.meta, dict) else {}
    dest = dest_uri(src_uri, library.settings.use_directory_urls)
    record = cite_record(
        meta,
        site=library.settings.site,
        src_uri=src_uri,
        dest=dest,
        changed=library.dates.get(src_uri),
        today=library.today,
    )
    if record is not None:
        meta[META_KEY] = cite_view_data(record, dest)


class _PagePreprocessor(Preprocessor):
    """The page record and the data-downloads table, inserted into the page's Markdown."""

    def __init__(self, md: Markdown, library: Any, src_uri: str) -> None:
        super().__init__(md)
        self.library = library
        self.src_uri = src_uri

    def run(self, lines: list[str]) -> list[str]:
        if _MKDOCSTRINGS_IDS in self.md.treeprocessors:  # a docstring inside the page
            return lines
        markdown = "\n".join(lines)
        changed = _with_record(markdown, self.library, self.src_uri)
        changed = _with_generated(changed, self.library, self.src_uri)
        changed = _with_downloads(changed, self.library, self.src_uri)
        changed = _with_listing(changed, self.library, self.src_uri)
        return changed.split("\n") if changed is not markdown else lines


def _with_record(markdown: str, library: Any, src_uri: str) -> str:
    from keepopen.content.page_markdown import with_record

    page = library.by_src.get(src_uri)
    if page is None:
        return markdown
    return with_record(
        markdown,
        page,
        library.library,
        changed=library.dates.get(src_uri),
        level_of=library.verification_of,
    )


def _with_generated(markdown: str, library: Any, src_uri: str) -> str:
    from keepopen.content.generated import with_generated

    if "<!-- keepopen:" not in markdown:
        return markdown
    return with_generated(
        markdown,
        src_uri,
        library.library,
        references=len(library.bib.entries),
        level_of=library.verification_of,
    )


def _with_downloads(markdown: str, library: Any, src_uri: str) -> str:
    from keepopen.citepage.view import DATA_DIR, DOWNLOADS_MARKER

    if DOWNLOADS_MARKER not in markdown:
        return markdown
    from keepopen.export.data import downloads_table, package_of

    here = posixpath.dirname(src_uri) or "."
    table = downloads_table(
        package_of(library), lambda name: posixpath.relpath(f"{DATA_DIR}/{name}", here)
    )
    return markdown.replace(DOWNLOADS_MARKER, table)


def _with_listing(markdown: str, library: Any, src_uri: str) -> str:
    """The testimony overview: every entry on the page itself (no generated pages here)."""
    from keepopen.content.listing import LISTING_MARKER, inline_markdown

    if LISTING_MARKER not in markdown:
        return markdown
    return markdown.replace(LISTING_MARKER, inline_markdown(library.library, src_uri))


class _BibliographyPostprocessor(Postprocessor):
    """`<!-- keepopen:bibliography -->` -> every reference, with the pages citing it."""

    def __init__(self, md: Markdown, library: Any, src_uri: str) -> None:
        super().__init__(md)
        self.library = library
        self.src_uri = src_uri

    def run(self, text: str) -> str:
        from keepopen.citations.site import BIBLIOGRAPHY_MARKER, bibliography_html

        if BIBLIOGRAPHY_MARKER not in text or _MKDOCSTRINGS_IDS in self.md.treeprocessors:
            return text
        ctx = self.library
        here = posixpath.dirname(self.src_uri) or "."

        def url_of(src_uri: str) -> str | None:
            # A link to the Markdown file: the engine turns it into the page's URL.
            if not (ctx.settings.docs_dir / src_uri).is_file():
                return None
            return posixpath.relpath(src_uri, here)

        listing = bibliography_html(ctx.bib, ctx.bib.entries, ctx.index, url_of)
        return text.replace(BIBLIOGRAPHY_MARKER, listing)
