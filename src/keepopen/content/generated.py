"""Listings generated into a page where its Markdown holds their marker.

Editors write the page's prose; the build writes what is computed from the whole library:

- `<!-- keepopen:timeline -->`: every event by year (`keepopen.content.timeline`);
- `<!-- keepopen:themes -->`, `<!-- keepopen:models -->`: what names each theme or model
  (`keepopen.content.taxonomy_pages`);
- `<!-- keepopen:evidence-overview -->`: counts and the argument-by-evidence matrix
  (`keepopen.content.evidence_map`).

The MkDocs plugin and the Zensical path both call `with_generated` before rendering, so
citations in the listings are formatted and their links checked like any written ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from keepopen.content.library import Library

__all__ = ["MARKERS", "with_generated"]

TIMELINE_MARKER = "<!-- keepopen:timeline -->"
THEMES_MARKER = "<!-- keepopen:themes -->"
MODELS_MARKER = "<!-- keepopen:models -->"
OVERVIEW_MARKER = "<!-- keepopen:evidence-overview -->"
MARKERS = (TIMELINE_MARKER, THEMES_MARKER, MODELS_MARKER, OVERVIEW_MARKER)


def with_generated(
    markdown: str,
    src: str,
    library: Library,
    *,
    references: int | None = None,
    level_of: Callable[[str], str | None] = lambda key: None,
    topics: Mapping[tuple[str, str], list[str]] | None = None,
) -> str:
    """`markdown` of the page at `src` (`docs/`-relative) with each marker it holds filled.

    `topics` maps `("theme", id)` or `("model", id)` to the testimony listing pages of that
    id (built by the MkDocs plugin); the theme and model pages link those instead of listing
    every account. Without them (Zensical adds no pages) every account is listed.
    """
    if "<!-- keepopen:" not in markdown:
        return markdown
    if TIMELINE_MARKER in markdown:
        from keepopen.content.timeline import timeline_markdown

        markdown = markdown.replace(TIMELINE_MARKER, timeline_markdown(src, library))
    if THEMES_MARKER in markdown or MODELS_MARKER in markdown:
        from keepopen.content.taxonomy_pages import taxonomy_markdown

        for marker, field in ((THEMES_MARKER, "themes"), (MODELS_MARKER, "models")):
            if marker in markdown:
                listed = taxonomy_markdown(src, library, field, topics)
                markdown = markdown.replace(marker, listed)
    if OVERVIEW_MARKER in markdown:
        from keepopen.content.evidence_map import evidence_overview_markdown

        overview = evidence_overview_markdown(
            src, library, references=references, level_of=level_of
        )
        markdown = markdown.replace(OVERVIEW_MARKER, overview)
    return markdown
