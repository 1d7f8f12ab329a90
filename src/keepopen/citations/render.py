"""HTML for citations and reference lists, in author-year or numeric style.

Pure functions over `xml.etree` elements and the bibliography's formatted entries; the Markdown
extension and the MkDocs plugin only call them. Every citation links to `#ref-<key>` (Pandoc's
anchor convention) and carries the full reference as its `title`, which browsers show on hover
and Material for MkDocs turns into a tooltip.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from markdown.util import AtomicString

from keepopen.citations.model import Citation
from keepopen.content.choices import VERIFICATION_MEANING

__all__ = [
    "CITATION_ID_PREFIX",
    "STYLES",
    "BibliographyLike",
    "citation_element",
    "citation_html",
    "citation_parts",
    "backlinks_html",
    "citation_id",
    "citation_text",
    "ascii_html",
    "reference_entries",
    "reference_list_element",
    "reference_list_html",
    "reference_rows_html",
    "sorted_keys",
    "unresolved_element",
]

STYLES = ("author-year", "numeric")


class FormattedLike(Protocol):
    # Read-only, so a frozen `FormattedEntry` matches.
    @property
    def html(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def year(self) -> str: ...
    @property
    def sort_key(self) -> tuple[str, str, str]: ...


class BibliographyLike(Protocol):
    """What rendering needs from `keepopen.bibliography.Bibliography`."""

    def get(self, key: str) -> object | None: ...

    def formatted(self, key: str) -> FormattedLike: ...

    def suggest(self, key: str, n: int = 3) -> list[str]: ...


def _suffix(suffix: str) -> str:
    """A suffix as printed after `OECD 2021`: a locator gets its comma (`, p. 3`)."""
    text = suffix.strip()
    if not text:
        return ""
    return suffix.rstrip() if text[0] in ",;.:" else f", {text}"


#: Prefix or suffix text no Markdown inline pattern would change: letters, digits, spaces,
#: `.,;:()/§#%+` and single hyphens (`pp. 33-35`, `see`, `chap. 2`). Anything else (`*`,
#: `_`, backticks, links, escapes, `--`, quotes) goes through Python-Markdown's inlines.
_NOT_PLAIN = re.compile(r"[^\w\s.,;:()/§#%+-]|_|--")

#: One piece of a citation: `(None, text, is_markdown)` or `(key, link_text, False)`.
Part = tuple[str | None, str, bool]


def citation_parts(
    citations: list[Citation], textual: bool, bib: BibliographyLike, style: str
) -> list[Part]:
    """The pieces of one citation group, in order; `citation_element` and `citation_html`
    write them out.

    Author-year: `(see OECD 2021, p. 12; Smith and Jones 2020)`, `(2021)` for `[-@key]`, and
    `OECD (2021, p. 12)` for `@key [p. 12]` (the author is the link). Numeric: `[1, p. 12; 2]`
    and `OECD [1]` (the number is the link). In numeric style the link text is the key until
    the References tree processor sets the numbers. One link per key keeps one tab stop.
    """
    parts: list[Part] = []

    def add(text: str, markdown: bool = False) -> None:
        if text:
            parts.append((None, text, markdown and _NOT_PLAIN.search(text) is not None))

    numeric = style == "numeric"
    opening, closing = ("[", "]") if numeric else ("(", ")")
    inner = citations
    linked_first = True
    if textual:
        first = citations[0]
        if first.mode == "author-in-text":
            author = bib.formatted(first.key).author
            if numeric:
                add(author + " ")
            else:
                parts.append((first.key, author, False))
                add(" ")
                linked_first = False  # the year after the linked author stays plain text
        inner = [Citation(first.key, "suppress-author", "", first.suffix), *citations[1:]]
    add(opening)
    runs = [[c] for c in inner] if numeric else _same_author_runs(inner, bib)
    for r, run in enumerate(runs):
        if r:
            add("; ")
        # Pandoc's citeproc (Chicago): `Smith 2020a, 2020b`, but `Smith 2020a, 3; 2020b` once
        # a prefix or a locator stands in the run.
        inside = "; " if any(c.prefix or c.suffix.strip() for c in run) else ", "
        for m, citation in enumerate(run):
            is_first = r == 0 and m == 0
            if m:
                add(inside)
            if citation.prefix:
                add(citation.prefix + " ", markdown=True)
            entry = bib.formatted(citation.key)
            if numeric:
                label = citation.key
            elif citation.mode == "suppress-author" or m:
                label = entry.year
            else:
                label = f"{entry.author} {entry.year}"
            if is_first and not linked_first:
                add(label)
            else:
                parts.append((citation.key, label, False))
            add(_suffix(citation.suffix), markdown=True)
    add(closing)
    return parts


def _same_author_runs(citations: list[Citation], bib: BibliographyLike) -> list[list[Citation]]:
    """The group's citations with works of the same authors brought together, in order of
    first appearance (as citeproc groups `[@a1; @b; @a2]` into `(Smith 2020a, 2020b; Jones
    2019)`). The same authors means the same full author list, not only the same label."""
    runs: dict[str, list[Citation]] = {}
    for n, citation in enumerate(citations):
        if citation.mode == "suppress-author":
            runs[f"\0{n}"] = [citation]  # `[-@key]` prints no author to share
            continue
        formatted = bib.formatted(citation.key)
        creators = getattr(formatted, "sort_key", (formatted.author,))[0]
        runs.setdefault(creators or f"\0{n}", []).append(citation)
    return list(runs.values())


def citation_element(
    citations: list[Citation],
    textual: bool,
    bib: BibliographyLike,
    style: str,
    linked: bool = True,
    element_id: str = "",
) -> etree.Element:
    """One citation group as `<span class="citation">`, each key one link to its reference.

    Only prefix and suffix text with Markdown in it stays open to Python-Markdown's later
    inline patterns; everything else is an `AtomicString` they skip. With `linked=False`
    (a citation inside a link's text, where a link may not nest) each key is a
    `<span class="citation-ref" data-ref="key">` with the same text and title instead.
    """
    span = etree.Element("span")
    span.set("class", "citation")
    span.set("data-cites", " ".join(c.key for c in citations))
    if element_id:
        span.set("id", element_id)
    node, attr = span, "text"  # where the next text goes
    pending: list[str] = []
    rich = False

    def flush() -> None:
        if pending:
            text = "".join(pending)
            setattr(node, attr, text if rich else AtomicString(ascii_html(text)))
            pending.clear()

    for key, text, markdown in citation_parts(citations, textual, bib, style):
        if key is None:
            pending.append(text)
            rich = rich or markdown
            continue
        flush()
        rich = False
        link = etree.SubElement(span, "a" if linked else "span")
        link.set("class", "citation-ref")
        link.set("href" if linked else "data-ref", f"#ref-{key}" if linked else key)
        # As references: the serialiser keeps `&#345;` and escapes a bare `&` (see `ascii_html`).
        link.set("title", ascii_html(bib.formatted(key).text))
        link.text = AtomicString(ascii_html(text))
        node, attr = link, "tail"
    flush()
    return span


def citation_text(citations: list[Citation], textual: bool, bib: BibliographyLike) -> str:
    """The group as plain author-year text, `(see OECD 2021, p. 12)`, for an image's alt text.

    Author-year in either style: numbers are only known once the whole page is read, and alt
    text is read on its own, where a bare `[1]` would say nothing.
    """
    return "".join(text for _, text, _ in citation_parts(citations, textual, bib, "author-year"))


def citation_html(
    citations: list[Citation],
    textual: bool,
    bib: BibliographyLike,
    style: str,
    element_id: str = "",
) -> str | None:
    """The same markup as `citation_element`, written as Python-Markdown would write it;
    None when prefix or suffix text holds Markdown that its inline patterns must process."""
    parts = citation_parts(citations, textual, bib, style)
    cites = _escape_attr(" ".join(c.key for c in citations))
    ident = f' id="{_escape_attr(element_id)}"' if element_id else ""
    out = [f'<span class="citation" data-cites="{cites}"{ident}>']
    for key, text, markdown in parts:
        if markdown:
            return None
        if key is None:
            out.append(_escape_text(text))
        else:
            title = _escape_attr(bib.formatted(key).text)
            out.append(
                f'<a class="citation-ref" href="#ref-{_escape_attr(key)}" title="{title}">'
                f"{_escape_text(text)}</a>"
            )
    out.append("</span>")
    return ascii_html("".join(out))


def ascii_html(html: str) -> str:
    """`html` with each character beyond ASCII written as a character reference.

    Python keeps a string of ASCII one byte a character and encodes it to UTF-8 by copying;
    one `“` from a reference title made a whole 100 kB page two bytes a character, and one
    `é` sent all of it through the character-by-character encoder, for each regular
    expression, join and write that followed (about 2% of a 300-page build's instructions).
    Browsers, and the search plugin's parser, read the references as the characters.
    Python-Markdown's serialiser keeps a reference in tree text and attributes too (it
    escapes only an `&` that starts none), so `citation_element` uses this for titles and
    for the text no inline pattern reads (`AtomicString`).
    """
    if html.isascii():
        return html
    return html.encode("ascii", "xmlcharrefreplace").decode("ascii")


#: An `&` that does not start an entity (Python-Markdown's serializer escapes only those).
_BARE_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def _escape_text(text: str) -> str:
    if "&" in text:
        text = _BARE_AMP.sub("&amp;", text)
    if "<" in text or ">" in text:
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text


def _escape_attr(text: str) -> str:
    text = _escape_text(text)
    return text.replace('"', "&quot;") if '"' in text else text


def unresolved_element(source: str, keys: Iterable[str]) -> etree.Element:
    """The citation exactly as written, marked so readers and editors see it did not resolve."""
    span = etree.Element("span")
    span.set("class", "citation unresolved")
    missing = " ".join(keys)
    span.set("data-cites", missing)
    span.set("title", f"Unknown citation key: {missing}")
    span.text = AtomicString(source)
    return span


def sorted_keys(keys: Iterable[str], bib: BibliographyLike, style: str) -> list[str]:
    """Keys in style order: first-citation order for numeric, else author, year, title."""
    unique = list(dict.fromkeys(keys))
    if style == "numeric":
        return unique
    return sorted(unique, key=lambda k: (bib.formatted(k).sort_key, k))


def reference_entries(
    keys: list[str],
    bib: BibliographyLike,
    style: str,
    extra: Callable[[str], str] | None = None,
) -> list[tuple[str, str]]:
    """`(key, inner HTML)` per entry: the formatted reference, numbered in numeric style.

    `extra(key)` may append HTML to an entry (backlinks on the global bibliography page).
    """
    entries = []
    for number, key in enumerate(keys, 1):
        body = bib.formatted(key).html
        if style == "numeric":
            body = (
                f'<span class="csl-left-margin">[{number}]</span>'
                f'<span class="csl-right-inline">{body}</span>'
            )
        badge = verification_badge(bib, key)
        entries.append((key, ascii_html(body + badge + (extra(key) if extra else ""))))
    return entries


#: What a citation group's element id starts with (`citation-3`).
CITATION_ID_PREFIX = "citation-"


def citation_id(number: int) -> str:
    """The element id of a page's `number`-th citation group (1-based, in reading order)."""
    return f"{CITATION_ID_PREFIX}{number}"


def backlinks_html(numbers: list[int]) -> str:
    """Links from a reference back to each citation of it on the page: `↩ 1 ↩ 4`, each named
    "Back to citation 1" for screen readers."""
    if not numbers:
        return ""
    links = " ".join(
        f'<a class="citation-backlink" href="#{citation_id(n)}" '
        f'aria-label="Back to citation {n}" title="Back to citation {n}">&#8617;&#65038;{n}</a>'
        for n in numbers
    )
    return f' <span class="citation-backlinks-inline">{links}</span>'


def verification_badge(bib: BibliographyLike, key: str) -> str:
    """A small label with the reference's verification level, so readers can weigh a claim."""
    entry = bib.get(key)
    level = getattr(entry, "verification", None) if entry is not None else None
    if level not in VERIFICATION_MEANING:
        return ""
    return (
        f' <span class="keepopen-verification keepopen-verification--{level}" '
        f'title="Verification: {level}: {VERIFICATION_MEANING[level]}">{level}</span>'
    )


def reference_list_element(
    entries: Sequence[tuple[str, str]],
    stash: Callable[[str], str],
    element_id: str = "refs",
    searchable: bool = False,
) -> etree.Element:
    """`<div class="references">` with one `<div id="ref-key" class="csl-entry">` per entry.

    The markup is Pandoc's (`csl-bib-body`, `csl-entry`, `role="list"`). The entry elements
    are real tree nodes, so tools that collect anchors (MkDocs' link validation, the table
    of contents) see every `ref-<key>`; `stash` stores each entry's HTML body.
    """
    body = etree.Element("div")
    body.set("id", element_id)
    body.set("class", "references csl-bib-body")
    body.set("role", "list")
    if not searchable:
        # Material's search skips it: a search for an author finds the bibliography page,
        # not every page that happens to cite them.
        body.set("data-search-exclude", "")
    for key, inner in entries:
        item = etree.SubElement(body, "div")
        item.set("id", f"ref-{key}")
        item.set("class", "csl-entry")
        item.set("role", "listitem")
        item.text = stash(inner)
    return body


def reference_rows_html(rows: list[tuple[str, str]]) -> str:
    """The entries of `reference_list_element` (element id, HTML body), as one string.

    Attributes and line breaks as Python-Markdown writes the element, so a list reads the
    same whichever way it was made.
    """
    return "".join(
        f'<div class="csl-entry" id="{html.escape(element_id, quote=True)}" role="listitem">'
        f"{inner}</div>\n"
        for element_id, inner in rows
    )


def reference_list_html(
    keys: list[str],
    bib: BibliographyLike,
    style: str,
    extra: Callable[[str], str] | None = None,
    element_id: str = "refs",
) -> str:
    """The same list as `reference_list_element`, as one HTML string."""
    entries = reference_entries(keys, bib, style, extra)
    rows = reference_rows_html([(f"ref-{key}", inner) for key, inner in entries])
    return f'<div id="{element_id}" class="references csl-bib-body" role="list">\n{rows}</div>'
