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
from collections.abc import Callable, Iterable
from typing import Protocol

from markdown.util import AtomicString

from keepopen.citations.model import Citation

__all__ = [
    "STYLES",
    "BibliographyLike",
    "citation_element",
    "element_html",
    "is_final",
    "reference_entries",
    "reference_list_element",
    "reference_list_html",
    "sorted_keys",
    "unresolved_element",
]

STYLES = ("author-year", "numeric")


class FormattedLike(Protocol):
    html: str
    text: str
    author: str
    year: str
    sort_key: tuple[str, str, str]


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


def _link(parent: etree.Element, key: str, bib: BibliographyLike, text: str) -> etree.Element:
    link = etree.SubElement(parent, "a")
    link.set("class", "citation-ref")
    link.set("href", f"#ref-{key}")
    link.set("title", bib.formatted(key).text)
    link.text = _atomic(text)
    return link


#: Prefix or suffix text no Markdown inline pattern would change: letters, digits, spaces,
#: `.,;:()/§#%+` and single hyphens (`pp. 33-35`, `see`, `chap. 2`). Anything else (`*`,
#: `_`, backticks, links, escapes, `--`, quotes) goes through Python-Markdown's inlines.
_PLAIN = re.compile(r"(?:[^\W_]|[\s.,;:()/§#%+]|-(?!-))*")


def _atomic(text: str) -> str:
    """Text that later Markdown inline patterns must leave alone (an author's `*` or `_`)."""
    return AtomicString(text)


class _Builder:
    """Appends text to a span; only prefix and suffix text stays open to Markdown inlines.

    Structural text (`(`, `; `, `)`) becomes an `AtomicString`, so Python-Markdown's later
    inline patterns skip it: a measurable share of build time on pages with many citations.
    """

    def __init__(self, span: etree.Element) -> None:
        self.span = span
        self.last: etree.Element | None = None
        self.rich: set[tuple[int, str]] = set()

    def add(self, text: str, markdown: bool = False) -> None:
        if not text:
            return
        node, attr = (self.span, "text") if self.last is None else (self.last, "tail")
        setattr(node, attr, (getattr(node, attr) or "") + text)
        if markdown and not _PLAIN.fullmatch(text):
            self.rich.add((id(node), attr))

    def finish(self) -> None:
        for node in (self.span, *self.span):
            for attr in ("text", "tail"):
                value = getattr(node, attr)
                if value and (id(node), attr) not in self.rich:
                    setattr(node, attr, _atomic(value))


def citation_element(
    citations: list[Citation], textual: bool, bib: BibliographyLike, style: str
) -> etree.Element:
    """One citation group as `<span class="citation">`, each key one link to its reference.

    Author-year: `(see OECD 2021, p. 12; Smith and Jones 2020)`, `(2021)` for `[-@key]`, and
    `OECD (2021, p. 12)` for `@key [p. 12]` (the author is the link). Numeric: `[1, p. 12; 2]`
    and `OECD [1]` (the number is the link). In numeric style the link text is the key until
    the References tree processor sets the numbers. One link per key keeps one tab stop.
    """
    span = etree.Element("span")
    span.set("class", "citation")
    span.set("data-cites", " ".join(c.key for c in citations))
    numeric = style == "numeric"
    opening, closing = ("[", "]") if numeric else ("(", ")")
    out = _Builder(span)
    inner = citations
    linked_first = True
    if textual:
        first = citations[0]
        if first.mode == "author-in-text":
            author = bib.formatted(first.key).author
            if numeric:
                out.add(author + " ")
            else:
                out.last = _link(span, first.key, bib, author)
                out.add(" ")
                linked_first = False  # the year after the linked author stays plain text
        inner = [Citation(first.key, "suppress-author", "", first.suffix), *citations[1:]]
    out.add(opening)
    for n, citation in enumerate(inner):
        if n:
            out.add("; ")
        if citation.prefix:
            out.add(citation.prefix + " ", markdown=True)
        entry = bib.formatted(citation.key)
        if numeric:
            label = citation.key
        elif citation.mode == "suppress-author":
            label = entry.year
        else:
            label = f"{entry.author} {entry.year}"
        if n == 0 and not linked_first:
            out.add(label)
        else:
            out.last = _link(span, citation.key, bib, label)
        out.add(_suffix(citation.suffix), markdown=True)
    out.add(closing)
    out.finish()
    return span


#: An `&` that does not start an entity (Python-Markdown's serializer escapes only those).
_BARE_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def _escape_text(text: str) -> str:
    if "&" in text:
        text = _BARE_AMP.sub("&amp;", text)
    if "<" in text or ">" in text:
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text


def element_html(element: etree.Element) -> str:
    """A citation element as Python-Markdown writes it (sorted attributes, same escaping),
    several times faster than its general serializer for these few small nodes."""
    attrs = "".join(
        [
            f' {name}="{_escape_text(value).replace(chr(34), "&quot;")}"'
            for name, value in sorted(element.items())
        ]
    )
    inner = [_escape_text(element.text or "")]
    for child in element:
        inner.append(element_html(child))
        inner.append(_escape_text(child.tail or ""))
    return f"<{element.tag}{attrs}>{''.join(inner)}</{element.tag}>"


def is_final(element: etree.Element) -> bool:
    """True when no text in the element is left for Markdown inline patterns to process."""
    return all(
        value is None or isinstance(value, AtomicString)
        for node in element.iter()
        for value in (node.text, node.tail if node is not element else None)
    )


def unresolved_element(source: str, keys: Iterable[str]) -> etree.Element:
    """The citation exactly as written, marked so readers and editors see it did not resolve."""
    span = etree.Element("span")
    span.set("class", "citation unresolved")
    missing = " ".join(keys)
    span.set("data-cites", missing)
    span.set("title", f"Unknown citation key: {missing}")
    span.text = _atomic(source)
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
        entries.append((key, body + verification_badge(bib, key) + (extra(key) if extra else "")))
    return entries


#: What each verification level means, shown on hover (see docs/about/verification.md).
VERIFICATION_MEANING = {
    "primary": "an editor read the original document",
    "secondary": "an editor read a report about it, not the original",
    "unverified": "no editor could see the source",
}


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
    entries: list[tuple[str, str]],
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
