"""Python-Markdown extension: Pandoc citations rendered, and a References section per page.

Use it in `mkdocs.yml` (`markdown_extensions: [keepopen.citations]`) or directly:

    markdown.markdown(text, extensions=[CitationsExtension(bibliography=["references/"])])

The `keepopen` MkDocs plugin adds it for you with the already loaded bibliography. The inline
pattern runs after code spans and backslash escapes are stashed (priority 175, below `backtick`
at 190 and `escape` at 180) and fenced code never reaches inline processing, so code is never
read as a citation. mkdocstrings applies the site's extensions to docstrings, so citations work
there too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from keepopen.citations import render
from keepopen.citations.enclosing import enclosing
from keepopen.citations.memo import CitationMemo, Key
from keepopen.citations.syntax import normal_cite, textual_cite

__all__ = ["CitationsExtension", "makeExtension"]

#: Where a citation group may start: `[`, `@`, or the `-` of `-@`.
_START = r"\[|@|-(?=@)"

#: mkdocstrings' tree processor that prefixes ids and `#` links inside docstrings.
_MKDOCSTRINGS_IDS = "mkdocstrings_ids"

#: A page without reference-link definitions.
_NO_LABELS: frozenset[str] = frozenset()


#: Bibliographies loaded in this process, by sources; MkDocs makes a new extension per page.
_LOADED: dict[tuple[str, ...], tuple[tuple[tuple[str, int, int], ...], Any]] = {}


def _stamps(sources: list[str | Path]) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of every `.bib` file the sources name."""
    from keepopen.bibliography.loader import bib_files  # the one expansion of sources

    files, _ = bib_files(list(sources))
    stamps = []
    for path in files:
        try:
            stat = path.stat()
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((str(path), -1, -1))
    return tuple(stamps)


def _load(sources: list[str | Path], cache_dir: str) -> Any:
    """Load once per process while the files stay unchanged (then from the hash cache)."""
    from keepopen.bibliography import load_bibliography

    key = (*map(str, sources), cache_dir)
    stamps = _stamps(sources)
    known = _LOADED.get(key)
    if known is not None and known[0] == stamps:
        return known[1]
    bib = load_bibliography(list(sources), cache_dir=Path(cache_dir) if cache_dir else None)
    _LOADED[key] = (stamps, bib)
    return bib


def _ignore(key: str) -> None:
    """The default `on_unknown`: unknown keys are still rendered as unresolved."""


class CitationsExtension(Extension):
    """Render `[@key]`, `[-@key]` and `@key` citations; append a References section.

    Config:
        bibliography: A loaded `keepopen.bibliography.Bibliography`, or `.bib` files/folders
            to load (default `["references/"]`, relative to the working directory).
        style: `author-year` (default) or `numeric`.
        cache_dir: Folder for the bibliography cache when `bibliography` names files.
        references_title: Heading of the per-page section (default `References`).
        on_unknown: Called with each unknown key met while rendering (the MkDocs plugin turns
            them into warnings); unknown keys are rendered visibly as unresolved either way.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "bibliography": [["references/"], "Bibliography object, or .bib files/folders"],
            "style": ["author-year", "'author-year' or 'numeric'"],
            "cache_dir": ["", "Folder caching parsed .bib files by hash (empty: no cache)"],
            "references_title": ["References", "Heading of the per-page reference list"],
            # Not None: Python-Markdown would coerce a None default's value to a boolean.
            "on_unknown": [_ignore, "Callable receiving each unknown citation key"],
        }
        super().__init__(**kwargs)
        self._bibliography: Any = None
        #: Unknown keys met since this extension was created, in order (for tests and tools).
        self.unknown: list[str] = []
        #: Citations rendered before, for this bibliography and style (the MkDocs plugin
        #: sets one: `keepopen.citations.memo`); None renders each one afresh.
        self.memo: CitationMemo | None = None

    @property
    def bibliography(self) -> render.BibliographyLike:
        """The bibliography, loaded on first use when the config names files."""
        if self._bibliography is None:
            value = self.getConfig("bibliography")
            if isinstance(value, str | Path | list | tuple):
                sources = [value] if isinstance(value, str | Path) else list(value)
                value = _load(sources, self.getConfig("cache_dir"))
            self._bibliography = value
        return self._bibliography

    @property
    def style(self) -> str:
        style = self.getConfig("style")
        if style not in render.STYLES:
            raise ValueError(f"keepopen.citations: style must be one of {render.STYLES}")
        return style

    def record_unknown(self, key: str) -> None:
        self.unknown.append(key)
        callback: Callable[[str], None] = self.getConfig("on_unknown")
        callback(key)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        from keepopen.sitebuild.pages import attach_to_engine

        # Under Zensical (no plugin configures us): settings from mkdocs.yml, page record,
        # bibliography page and cite data come from the library context instead.
        attach_to_engine(md, self)
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")  # `\@` prints `@`, as in Pandoc
        inline = CitationInlineProcessor(_START, self, md)
        md.inlinePatterns.register(inline, "keepopen-cite", 175)
        # After inline processing (20), before attr_list (8) and toc (5): the heading is listed.
        references = ReferencesTreeprocessor(md, self, inline)
        md.treeprocessors.register(references, "keepopen-references", 15)


class CitationInlineProcessor(InlineProcessor):
    """Turns one citation group into a `<span class="citation">` (or an unresolved one).

    A finished author-year citation (no prefix or suffix text left for Markdown to process)
    goes into the page as stashed HTML rather than as tree nodes: the same markup, without
    Python-Markdown walking, re-processing and serialising a dozen nodes per citation. Its
    keys are kept in `stashed_keys` for the References list. Numeric citations stay in the
    tree (numbered once the page is read), and so do citations inside mkdocstrings
    docstrings, whose `#ref-` links mkdocstrings rewrites in the tree.

    Inside an image's alt text a citation is its plain label (HTML there would end the `alt`
    attribute), and inside a link's text its keys are not links (links may not nest); both
    still list their references. `enclosing` answers which, usually from one `rfind`.
    """

    def __init__(self, pattern: str, extension: CitationsExtension, md: Markdown) -> None:
        super().__init__(pattern, md)
        self.extension = extension
        #: Keys of the citations stashed as HTML since the References list was last made.
        self.stashed_keys: list[str] = []
        #: Key -> the numbers of the page's citation groups citing it (`citation-3` ids), for
        #: the back-links of the References list.
        self.citing: dict[str, list[int]] = {}
        self.groups = 0

    def _number(self, keys: list[str]) -> str:
        """The next citation group's element id; its keys remember the number."""
        self.groups += 1
        for key in dict.fromkeys(keys):
            self.citing.setdefault(key, []).append(self.groups)
        return render.citation_id(self.groups)

    # InlineProcessor's own signature; its stub overrides `Pattern.handleMatch(m)` incompatibly.
    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        start = m.start(0)
        memo = self.extension.memo
        # Only where a citation may go in as stashed HTML (see the class docstring).
        stashable = (
            self.extension.style != "numeric" and _MKDOCSTRINGS_IDS not in self.md.treeprocessors
        )
        memo_key: Key | None = None
        if memo is not None and stashable:
            memo_key = (data, start, frozenset(self.md.references) or _NO_LABELS)
            rendered = memo.citations.get(memo_key)
            if rendered is not None:
                length, before, after, cited = rendered
                self._number(list(cited))
                self.stashed_keys.extend(cited)
                stashed = self.md.htmlStash.store(f"{before}{self.groups}{after}")
                return stashed, start, start + length
        group = normal_cite(data, start) if data[start] == "[" else textual_cite(data, start)
        if group is None:
            return None, None, None
        bib = self.extension.bibliography
        unknown = [c.key for c in group.citations if bib.get(c.key) is None]
        if unknown:
            for key in unknown:
                self.extension.record_unknown(key)
            element = render.unresolved_element(data[group.start : group.end], unknown)
            return element, group.start, group.end
        style = self.extension.style
        inside = enclosing(data, group.start, group.end, self.md.references)
        if inside == "image":  # alt text is plain text: the label, no markup
            self.stashed_keys.extend(c.key for c in group.citations)
            text = render.citation_text(group.citations, group.textual, bib)
            return AtomicString(text), group.start, group.end
        keys = [c.key for c in group.citations]
        if inside == "link":  # a link may not hold a link: the label, unlinked
            element = render.citation_element(
                group.citations, group.textual, bib, style, False, self._number(keys)
            )
            return element, group.start, group.end
        if stashable:
            number = self.groups + 1
            ident = render.citation_id(number)
            markup = render.citation_html(group.citations, group.textual, bib, style, ident)
            if markup is not None:
                self._number(keys)
                self.stashed_keys.extend(keys)
                if memo is not None and memo_key is not None:  # the number left open
                    before, _, after = markup.partition(f' id="{ident}"')
                    before += f' id="{render.CITATION_ID_PREFIX}'
                    rendered = (group.end - start, before, '"' + after, tuple(keys))
                    memo.citations.put(memo_key, rendered)
                return self.md.htmlStash.store(markup), group.start, group.end
        # (no id in docstrings: mkdocstrings prefixes ids there, and they repeat per object)
        ident = "" if _MKDOCSTRINGS_IDS in self.md.treeprocessors else self._number(keys)
        element = render.citation_element(
            group.citations, group.textual, bib, style, element_id=ident
        )
        return element, group.start, group.end


class ReferencesTreeprocessor(Treeprocessor):
    """Numbers numeric citations and appends the page's References section."""

    def __init__(
        self, md: Markdown, extension: CitationsExtension, inline: CitationInlineProcessor
    ) -> None:
        super().__init__(md)
        self.extension = extension
        self.inline = inline

    def run(self, root: etree.Element) -> None:
        stashed, self.inline.stashed_keys = self.inline.stashed_keys, []
        citing, self.inline.citing, self.inline.groups = self.inline.citing, {}, 0
        # `<a>` links, and `<span>`s for citations inside a link's text (see `enclosing`).
        links = [
            a
            for span in root.iter("span")
            if span.get("class") == "citation"
            for a in span.iter()
            if a.get("class") == "citation-ref"
        ]
        if not links and not stashed:
            return
        style = self.extension.style
        linked = [a.get("data-ref") or a.get("href", "")[len("#ref-") :] for a in links]
        memo = self.extension.memo if style != "numeric" else None
        cited = (tuple(linked + stashed), tuple((k, tuple(n)) for k, n in citing.items()))
        rows = memo.lists.get(cited) if memo is not None else None
        if rows is None:
            rows = tuple(self._entries(linked + stashed, links, linked, citing))
            if memo is not None:
                memo.lists.put(cited, rows)
        heading = etree.Element("h2")
        heading.set("id", "references")
        heading.set("class", "references-heading")
        heading.text = self.extension.getConfig("references_title")
        root.append(heading)
        root.append(render.reference_list_element(rows, self.md.htmlStash.store))

    def _entries(
        self,
        cited: list[str],
        links: list[etree.Element],
        linked: list[str],
        citing: dict[str, list[int]],
    ) -> list[tuple[str, str]]:
        """The References rows, in style order; numeric style also numbers the links."""
        style, bib = self.extension.style, self.extension.bibliography
        keys = render.sorted_keys(cited, bib, style)
        if style == "numeric":  # never stashed: numbers go into the tree's links
            numbers = {key: str(n) for n, key in enumerate(keys, 1)}
            for a, key in zip(links, linked, strict=True):
                a.text = numbers[key]
        # Each reference links back to every citation of it on this page.
        return render.reference_entries(
            keys, bib, style, lambda key: render.backlinks_html(citing.get(key, []))
        )


def makeExtension(**kwargs: Any) -> CitationsExtension:  # noqa: N802
    """Entry point for `markdown.markdown(extensions=["keepopen.citations"])`."""
    return CitationsExtension(**kwargs)
