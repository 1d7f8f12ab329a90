"""EXP001: the export boundary, where text that leaves the library still talks about the library.

Pages that `keepopen export` can send to a forum (arguments, events, testimony, submissions)
are read by desk officers who know nothing of the library's files or its editors' process.
Editors' notes belong in an admonition of type `editors` (`!!! editors "Editors' note"`), which
the site shows and no export includes. This rule warns where text outside such a block (and
outside code, comments, tables and link-only lines, which are never exported either) still
names an internal file or reads like a note about the library's own work.

What counts as internal is data (`INTERNAL_TEXT`), so a new phrase is one line to add.
"""

from __future__ import annotations

import re

from keepopen.checks.text import mask_comments
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["EXPORTABLE_TYPES", "INTERNAL_TEXT", "check_export_boundary", "internal_mentions"]

#: Page types whose text an export can carry to a forum.
EXPORTABLE_TYPES = frozenset({"argument", "event", "testimony", "submission"})

#: What marks library-internal text: a case-insensitive pattern and what to call it.
INTERNAL_TEXT: tuple[tuple[str, str], ...] = (
    (r"\b[\w.-]+\.(?:ya?ml|md|bib|py|json|toml)\b", "a file name"),
    (r"\b(?:docs|forums|references|taxonomies|schemas|templates|src)/[\w./-]*", "a library path"),
    (r"\bthe library (?:has|had|did|does|could|was)(?: not|n't)\b", "a note on the library's work"),
    (
        r"\bthe library (?:follows|knows|thinks|found|checked|viewed|has found)\b",
        "a note on the library's work",
    ),
    (
        r"\bseen (?:only )?(?:through|on|in|as) "
        r"(?:listing sites|a mirror|mirror|reprints?|localised)",
        "how a source was read",
    ),
    (r"\bnot yet (?:verified|matched|checked|opened|confirmed)\b", "a note on unfinished checks"),
    (r"\b(?:was|were) not (?:found|seen|opened|checked)\b", "a note on what was not found"),
    (
        r"\bread (?:only )?(?:through|as|in) (?:reprints?|a reprint|rewrites|a mirror)",
        "how a source was read",
    ),
    (r"\bcaveats?\b", "an editors' caveat"),
    (r"\b(?:in|from) (?:its|the page's|this page's) id\b", "the page's id"),
    (r"\bkeepopen (?:check|export|new)\b", "a library command"),
)
_MARKS = [(re.compile(p, re.IGNORECASE), what) for p, what in INTERNAL_TEXT]
#: Any of them: most lines hold none, and one search is cheaper than eleven.
_ANY_MARK = re.compile("|".join(f"(?:{p})" for p, _ in INTERNAL_TEXT), re.IGNORECASE)

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*([\w-]+)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_REFERENCE_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s")
_LINK_ONLY = re.compile(
    r"^[\s\-*+]*(?:(?:see|back to|next|previous)\b[^\[]*)?(?:\[[^\]]*\]\([^)]*\)[\s,;.:and]*)+$",
    re.I,
)


def internal_mentions(text: str) -> list[tuple[int, str, str]]:
    """`(offset, matched text, what)` of every internal mention in one line of text."""
    if not _ANY_MARK.search(text):
        return []
    out = []
    for mark, what in _MARKS:
        out += [(m.start(), m.group(0), what) for m in mark.finditer(text)]
    return sorted(out)


def _exportable_lines(body: str) -> list[tuple[int, str]]:
    """`(index, line)` of the body lines an export may carry, link targets blanked."""
    lines = mask_comments(body).splitlines()
    out: list[tuple[int, str]] = []
    fence: str | None = None
    editors_indent: int | None = None
    for index, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if editors_indent is not None:
            indent = len(line) - len(line.lstrip())
            if not line.strip() or indent > editors_indent:
                continue
            editors_indent = None
        if m := _FENCE.match(line):
            fence = m.group(1)
            continue
        if m := _ADMONITION.match(line):
            if m.group(2) == "editors":
                editors_indent = len(m.group(1))
            continue
        stripped = line.strip()
        if (
            not stripped
            or stripped.startswith(("|", "<"))
            or _REFERENCE_DEFINITION.match(line)
            or _LINK_ONLY.match(stripped)
        ):
            continue
        # Masking keeps offsets, so a column still points at the page's own text.
        out.append((index, _LINK_TARGET.sub(lambda m: "]" + " " * (len(m.group(0)) - 1), line)))
    return out


def check_export_boundary(library: Library) -> list[Diagnostic]:
    """EXP001 (warning) for each internal mention in the exportable text of a page."""
    found: list[Diagnostic] = []
    for page in library:
        if page.front is None or page.type not in EXPORTABLE_TYPES:
            continue
        for index, line in _exportable_lines(page.body):
            # One warning per line (its first mention): moving the passage fixes them all.
            for col, text, what in internal_mentions(line)[:1]:
                found.append(
                    make(
                        "EXP001",
                        page.rel,
                        page.body_line + index,
                        col + 1,
                        f"text that exports to a forum mentions {what}: \u201c{text}\u201d",
                        "move the passage into an editors' note (`!!! editors \"Editors' note\"` "
                        "with the text indented below it), which the site shows and no export "
                        "includes, or rewrite it for readers",
                    )
                )
    return found
