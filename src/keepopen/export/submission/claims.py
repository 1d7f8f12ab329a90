"""Claims: the units of text a submission takes from a page, and whether each may go in.

A *claim* is one paragraph of a page body (a list item and a block quote count as one
paragraph each) together with the citations it carries. Its status decides whether it is
exported:

- `verified`: each of its citations names at least one `primary` or `secondary` reference ->
  exported; an `unverified` reference beside sound ones is dropped from its citation
  (kept and marked with `--include-unverified`);
- `unverified`: a citation names only `unverified` references -> left out, unless the export
  runs with `--include-unverified`, which puts it in marked "[Unverified]";
- `unknown-reference`: it cites a key missing from `references/` -> always left out;
- `uncited`: it cites nothing. Such paragraphs are framing text (introductions, transitions);
  they go in as they are, because `keepopen check` is what enforces that facts are cited.

The body is read by the one block reader (`reader`), as the site reads it. Headings are kept
as headings. Tables, code blocks and raw HTML are left out and reported, because a forum's form
cannot take them faithfully; a sentence ending in ":" that introduces a left-out table goes with
it. Notes meant for editors only go in an admonition of type `editors` (`!!! editors "Before
submitting"`) or an HTML comment, and paragraphs made only of links are site navigation: none of
these is ever exported.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

from markdown_it.token import Token

from keepopen.bibliography import Bibliography
from keepopen.content.library import page_url
from keepopen.export.submission.reader import read_tokens
from keepopen.export.submission.sources import find_citations, is_sound

__all__ = ["Block", "Claim", "LeftOut", "classify", "parse_body"]

Status = Literal["verified", "unverified", "unknown-reference", "uncited"]


@dataclass
class Block:
    """A piece of a page body: a heading, a paragraph, a list item or a quote."""

    kind: Literal["heading", "paragraph", "quote"]
    text: str
    line: int
    level: int = 2


@dataclass
class LeftOut:
    """Something not exported, with the reason, for the final report."""

    page: str
    line: int
    excerpt: str
    reason: str

    def format(self) -> str:
        return f"{self.page}:{self.line}: {self.reason}: \u201c{self.excerpt}\u201d"


@dataclass
class Claim:
    """A paragraph with its citations and its export status."""

    block: Block
    keys: list[str]
    status: Status
    weak_keys: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        if self.status == "unknown-reference":
            return (
                "cites " + ", ".join(f"@{k}" for k in self.weak_keys) + ", not found in references/"
            )
        if self.status == "unverified":
            return (
                "cites unverified "
                + ", ".join(f"@{k}" for k in self.weak_keys)
                + " (use --include-unverified to add it, marked)"
            )
        return ""


def classify(block: Block, references: Bibliography) -> Claim:
    """The claim a block makes and its status (see the module docstring).

    Verification is judged per citation: an `unverified` reference is dropped from a citation
    that also cites a sound one, and the claim stays `verified` (its `weak_keys` name what was
    dropped). Only a citation left with no sound reference makes the claim `unverified`.
    """
    keys: list[str] = []
    unsupported = False
    for cite in find_citations(block.text):
        keys.extend(k for k in cite.keys if k not in keys)
        known = [k for k in cite.keys if k in references]
        unsupported |= bool(known) and not any(is_sound(references, k) for k in known)
    if not keys:
        return Claim(block, keys, "uncited")
    missing = [k for k in keys if k not in references]
    if missing:
        return Claim(block, keys, "unknown-reference", missing)
    weak = [k for k in keys if not is_sound(references, k)]
    return Claim(block, keys, "unverified" if unsupported else "verified", weak)


def excerpt(text: str, words: int = 12) -> str:
    """The first few words of a text, for reports."""
    parts = text.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")


#: Admonition type for notes to editors, which are never exported (`!!! editors "..."`).
EDITORS_ADMONITION = "editors"
#: `*[UN]: United Nations`: an abbreviation definition (the site's `abbr` extension).
_ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")
#: `{#id .class}` after a heading (the site's `attr_list` extension).
_ATTR_LIST = re.compile(r"\s*\{:?\s*[.#][^}]*\}\s*$|\s*\{:[^}]*\}\s*$")
#: Characters that separate navigation links (`Previous | Next`, `← Back`).
_NAV_FILLER = re.compile(r"^[\s|\u00b7\u2022\u2190\u2192\u2191\u00ab\u00bb/,;:.()\-\u2013\u2014]*$")


def is_navigation(inline: Token) -> bool:
    """True when a paragraph consists only of links (and separators): site navigation."""
    depth, links, outside = 0, 0, []
    for child in inline.children or []:
        if child.type == "link_open":
            depth, links = depth + 1, links + 1
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0 and child.type in ("text", "code_inline"):
            outside.append(child.content)
    return links > 0 and _NAV_FILLER.match("".join(outside)) is not None


def parse_body(
    body: str, first_line: int, page: str, *, src: str = "", site_url: str = ""
) -> tuple[list[Block], list[LeftOut]]:
    """Split a Markdown body into blocks, read as the site reads it; report what is left out.

    Args:
        body: The page text after the front matter.
        first_line: The file line the body starts on (for reports).
        page: The page's path, for reports.
        src: The page's path under `docs/`; with `site_url`, links to other pages of the
            library become their addresses on the published site (a reader can follow them).
        site_url: The published site's address.
    """
    blocks: list[Block] = []
    left: list[LeftOut] = []
    tokens = read_tokens(body)
    quote_depth = 0
    i = 0

    def line_of(token: Token) -> int:
        return first_line + (token.map[0] if token.map else 0)

    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "admonition_open" and token.info == EDITORS_ADMONITION:
            left.append(
                LeftOut(
                    page,
                    line_of(token),
                    token.meta.get("title") or "editors",
                    "note to editors (`!!! editors`) is not exported",
                )
            )
            i = _skip_to_close(tokens, i, "admonition")
        elif kind == "admonition_open":
            if token.meta.get("title"):
                blocks.append(Block("heading", token.meta["title"], line_of(token), 4))
        elif kind == "heading_open":
            level = int(token.tag[1])
            text = _ATTR_LIST.sub("", tokens[i + 1].content).strip()
            if level > 1:  # The H1 repeats the page title, which the export already shows.
                blocks.append(Block("heading", text, line_of(token), level))
            i += 2
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            text = " ".join(inline.content.split())
            if is_navigation(inline):
                left.append(
                    LeftOut(
                        page, line_of(token), excerpt(text), "navigation links are not exported"
                    )
                )
            elif text and not _ABBREVIATION.match(text):
                if src and _published(site_url):
                    text = _published_links(text, inline, src, site_url)
                blocks.append(Block("quote" if quote_depth else "paragraph", text, line_of(token)))
            i += 2
        elif kind == "table_open":
            where, close = line_of(token), _skip_to_close(tokens, i, "table")
            cells = [t.content for t in tokens[i:close] if t.type == "inline"]
            if blocks and blocks[-1].kind == "paragraph" and blocks[-1].text.endswith(":"):
                lead = blocks.pop()  # Its sentence would introduce nothing.
                left.append(
                    LeftOut(
                        page,
                        lead.line,
                        excerpt(lead.text),
                        "introduces a table that is not exported",
                    )
                )
            left.append(
                LeftOut(
                    page,
                    where,
                    excerpt(" | ".join(cells)),
                    "table is not exported (write it as paragraphs to include it)",
                )
            )
            i = close
        elif kind in ("code_block", "fence"):
            left.append(LeftOut(page, line_of(token), "code block", "code is not exported"))
        elif kind == "html_block" and not token.content.lstrip().startswith("<!--"):
            left.append(
                LeftOut(page, line_of(token), excerpt(token.content), "raw HTML is not exported")
            )
        i += 1
    return blocks, left


#: Domains reserved for examples (RFC 2606): a site there is not published yet.
_EXAMPLE_HOSTS = re.compile(r"(^|\.)(example\.(org|com|net)|localhost)$|\.(test|example|invalid)$")


def _published(site_url: str) -> bool:
    """A real site address: links into the library may point there."""
    host = urlsplit(site_url).hostname or ""
    return bool(host) and not _EXAMPLE_HOSTS.search(host)


def _published_links(text: str, inline: Token, src: str, site_url: str) -> str:
    """`text` with links to library pages (`../a.md#part`) turned into site addresses."""
    for child in inline.children or []:
        href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
        if not href or urlsplit(href).scheme or href.startswith(("#", "/")):
            continue
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(path)))
        if target.startswith("..") or not target.endswith(".md"):
            continue  # Not a page of the library: its words stay, without a target.
        address = (
            site_url.rstrip("/")
            + "/"
            + quote(page_url(target))
            + (f"#{fragment}" if fragment else "")
        )
        text = text.replace(f"]({href}", f"]({address}")
    return text


def _skip_to_close(tokens: list[Token], i: int, name: str) -> int:
    """The index of the token closing the `name` block opened at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].type == f"{name}_open":
            depth += 1
        elif tokens[j].type == f"{name}_close":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1
