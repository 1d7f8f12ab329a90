"""Python-Markdown extension: Pandoc citations rendered, and a References section per page.

Use it in `mkdocs.yml` (`markdown_extensions: [keepopen.citations]`) or directly:

    markdown.markdown(text, extensions=[CitationsExtension(bibliography=["references/"])])

The `keepopen` MkDocs plugin adds it for you with the already loaded bibliography. The inline
pattern runs after code spans and backslash escapes are stashed (priority 175, below `backtick`
at 190 and `escape` at 180) and fenced code never reaches inline processing, so code is never
read as a citation. Before it, a tree pass (`StashedCitations`, priority 25) renders in one scan
of each text the citations that need nothing from Markdown, skipping code spans and escapes
itself; the pattern renders the rest. mkdocstrings applies the site's extensions to
docstrings, so citations work there too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import deque
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
from keepopen.citations.syntax import Group, normal_cite, scan, textual_cite

__all__ = ["CitationsExtension", "makeExtension"]

#: Where a citation group may start: `[`, `@`, or the `-` of `-@`.
_START = r"\[|@|-(?=@)"

#: mkdocstrings' tree processor that prefixes ids and `#` links inside docstrings.
_MKDOCSTRINGS_IDS = "mkdocstrings_ids"


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
        md.treeprocessors.register(StashedCitations(md, self, inline), "keepopen-stash", 25)
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
        #: The highest group number given on this page.
        self.groups = 0
        #: Numbers the stashing pass gave, in reading order, to the groups it left to this
        #: pattern, so that ids follow reading order whichever pass renders a group.
        self.reserved: deque[int] = deque()

    def new_number(self) -> int:
        self.groups += 1
        return self.groups

    def _number(self) -> int:
        """The number of the next group this pattern renders."""
        return self.reserved.popleft() if self.reserved else self.new_number()

    def _cite(self, keys: list[str], number: int) -> None:
        """The group's keys remember its number, for the References list's back-links."""
        for key in dict.fromkeys(keys):
            self.citing.setdefault(key, []).append(number)

    def stash(self, group: Group, number: int) -> str | None:
        """The stash placeholder of the group's finished HTML, or None when it must be a tree
        node instead (numeric style, Markdown in a prefix or suffix).

        The caller has made sure that every key is known and that no link or image holds the
        group, and it keeps `number` for the tree node when the answer is None."""
        style = self.extension.style
        if style == "numeric":
            return None
        markup = render.citation_html(
            group.citations,
            group.textual,
            self.extension.bibliography,
            style,
            render.citation_id(number),
        )
        if markup is None:
            return None
        keys = [c.key for c in group.citations]
        self._cite(keys, number)
        self.stashed_keys.extend(keys)
        return self.md.htmlStash.store(markup)

    # InlineProcessor's own signature; its stub overrides `Pattern.handleMatch(m)` incompatibly.
    def handleMatch(  # type: ignore[override]  # noqa: N802
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        start = m.start(0)
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
        if _MKDOCSTRINGS_IDS in self.md.treeprocessors and inside is None:
            # No id in docstrings: mkdocstrings prefixes ids there, and they repeat per object.
            element = render.citation_element(group.citations, group.textual, bib, style)
            return element, group.start, group.end
        number = self._number()
        if inside is None:
            placeholder = self.stash(group, number)
            if placeholder is not None:
                return placeholder, group.start, group.end
        self._cite(keys, number)
        # Inside a link's text the keys are not links: a link may not hold a link.
        element = render.citation_element(
            group.citations, group.textual, bib, style, inside is None, render.citation_id(number)
        )
        return element, group.start, group.end


class _CitationPass(Treeprocessor):
    """A tree pass of the extension, working with its inline pattern's page state."""

    def __init__(
        self, md: Markdown, extension: CitationsExtension, inline: CitationInlineProcessor
    ) -> None:
        super().__init__(md)
        self.extension = extension
        self.inline = inline


#: Inline patterns that may run before the citation pattern, and that the citation scanner
#: reads the same way itself (code spans, backslash escapes, footnote references).
_READ_BY_SCANNER = frozenset({"backtick", "escape", "footnote", "keepopen-cite"})


#: What a citation group is, to the search for an enclosing link, once the pass has read it.
_MARK = "\x02\x03"


class StashedCitations(_CitationPass):
    """Puts finished citations into the page before inline parsing, in one pass per text.

    Done by the inline pattern alone, every citation restarts Python-Markdown's pattern loop
    on its text node. Here each text is scanned once, as `keepopen check` scans a page, and
    each author-year group whose keys are all known, that stands in no link or image and
    holds no Markdown becomes its stashed HTML (`CitationInlineProcessor.stash`). Everything
    else is left, as written, to the inline pattern, with the number this pass reserved for
    it; texts are visited in the order of Python-Markdown's inline pass, so citation ids
    follow reading order whichever of the two renders a group.

    It steps aside when another extension registers an inline pattern that would run before
    citations (a scanner that read that text first could disagree with it).
    """

    def __init__(
        self, md: Markdown, extension: CitationsExtension, inline: CitationInlineProcessor
    ) -> None:
        super().__init__(md, extension, inline)
        self.stashed = 0  # groups this pass rendered (tests read it)

    def _applies(self) -> bool:
        if self.extension.style == "numeric" or _MKDOCSTRINGS_IDS in self.md.treeprocessors:
            return False
        patterns = self.md.inlinePatterns
        ours = {id(patterns[name]) for name in _READ_BY_SCANNER if name in patterns}
        before = list(patterns)[: patterns.get_index_for_name("keepopen-cite")]
        return all(id(pattern) in ours for pattern in before)

    def run(self, root: etree.Element) -> None:
        if not self._applies():
            return
        queue = [root]
        for element in queue:  # breadth first, as Python-Markdown's inline pass
            for child in element:
                text = child.text
                if text and not isinstance(text, AtomicString) and ("@" in text):
                    child.text = self._stash_all(text)
                tail = child.tail
                if tail and not isinstance(tail, AtomicString) and ("@" in tail):
                    child.tail = self._stash_all(tail)
                if len(child):
                    queue.append(child)

    def _stash_all(self, text: str) -> str:
        pieces: list[str] = []
        copied = 0  # text[:copied] is in `pieces`
        seen = 0  # groups starting before this lie inside one already read
        # The text before the current group as the inline pattern would see it: every group
        # read so far is one mark, so no bracket of it is taken for a link's (and the search
        # for an enclosing link stays as short as the pattern's, not quadratic).
        before: list[str] = []
        before_len = 0
        may_enclose = False  # whether `before` holds a `[` or `<` at all
        bib = self.extension.bibliography
        for group in scan(text):
            if group.start < seen:
                continue  # nested in a prefix or suffix: its container decides
            between = text[seen : group.start]
            before.append(between)
            before_len += len(between)
            may_enclose = may_enclose or "[" in between or "<" in between
            seen = group.end
            known = all(bib.get(c.key) is not None for c in group.citations)
            inside = None
            if known and may_enclose:
                view = "".join(before) + text[group.start :]
                size = group.end - group.start
                inside = enclosing(view, before_len, before_len + size, self.md.references)
            before.append(_MARK)
            before_len += len(_MARK)
            if not known:
                continue  # the pattern renders it unresolved (no number) and reports the keys
            if inside == "image":
                continue  # the pattern writes its plain label (no number)
            number = self.inline.new_number()
            placeholder = self.inline.stash(group, number) if inside is None else None
            if placeholder is None:
                self.inline.reserved.append(number)  # the pattern renders it, numbered so
                continue
            pieces += (text[copied : group.start], placeholder)
            copied = group.end
            self.stashed += 1
        if not pieces:
            return text
        pieces.append(text[copied:])
        return "".join(pieces)


class ReferencesTreeprocessor(_CitationPass):
    """Numbers numeric citations and appends the page's References section."""

    def run(self, root: etree.Element) -> None:
        stashed, self.inline.stashed_keys = self.inline.stashed_keys, []
        citing, self.inline.citing, self.inline.groups = self.inline.citing, {}, 0
        self.inline.reserved.clear()
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
        bib = self.extension.bibliography
        linked = [a.get("data-ref") or a.get("href", "")[len("#ref-") :] for a in links]
        keys = render.sorted_keys(linked + stashed, bib, style)
        if style == "numeric":  # never stashed: numbers go into the tree's links
            numbers = {key: str(n) for n, key in enumerate(keys, 1)}
            for a, key in zip(links, linked, strict=True):
                a.text = numbers[key]
        heading = etree.Element("h2")
        heading.set("id", "references")
        heading.set("class", "references-heading")
        heading.text = self.extension.getConfig("references_title")
        # Each reference links back to every citation of it on this page, in reading order
        # (the stashing pass records its groups before the pattern records the others).
        entries = render.reference_entries(
            keys, bib, style, lambda key: render.backlinks_html(sorted(citing.get(key, ())))
        )
        root.append(heading)
        root.append(render.reference_list_element(entries, self.md.htmlStash.store))


def makeExtension(**kwargs: Any) -> CitationsExtension:  # noqa: N802
    """Entry point for `markdown.markdown(extensions=["keepopen.citations"])`."""
    return CitationsExtension(**kwargs)
