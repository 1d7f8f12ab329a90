"""Claims: the units of text a submission takes from a page, and whether each may go in.

A *claim* is one paragraph of a page body (a list item and a block quote count as one
paragraph each) together with the citations it carries. Its status decides whether it is
exported:

- `verified`: every reference it cites is `primary` or `secondary` -> exported;
- `unverified`: at least one cited reference is `unverified` -> left out, unless the export
  runs with `--include-unverified`, which puts it in marked "[Unverified]";
- `unknown-reference`: it cites a key missing from `references/` -> always left out;
- `uncited`: it cites nothing. Such paragraphs are framing text (introductions, transitions);
  they go in as they are, because `keepopen check` is what enforces that facts are cited.

Headings are kept as headings. Tables, code blocks and raw HTML are left out and reported,
because a forum's form cannot take them faithfully. Notes meant for editors only go in an
admonition of type `editors` (`!!! editors "Before submitting"`) or an HTML comment: neither is
ever exported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.export.submission.sources import Reference, find_citations

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


def classify(block: Block, references: dict[str, Reference]) -> Claim:
    """The claim a block makes and its status (see the module docstring)."""
    keys: list[str] = []
    for cite in find_citations(block.text):
        keys.extend(k for k in cite.keys if k not in keys)
    if not keys:
        return Claim(block, keys, "uncited")
    missing = [k for k in keys if k not in references]
    if missing:
        return Claim(block, keys, "unknown-reference", missing)
    weak = [k for k in keys if references[k].verification not in VERIFIED_LEVELS]
    return Claim(block, keys, "unverified" if weak else "verified", weak)


def excerpt(text: str, words: int = 12) -> str:
    """The first few words of a text, for reports."""
    parts = text.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+\"(.*)\")?\s*$")
#: Admonition type for notes to editors, which are never exported (`!!! editors "..."`).
EDITORS_ADMONITION = "editors"


def parse_body(body: str, first_line: int, page: str) -> tuple[list[Block], list[LeftOut]]:
    """Split a Markdown body into blocks; report what cannot be exported.

    Args:
        body: The page text after the front matter.
        first_line: The file line the body starts on (for reports).
        page: The page's path, for reports.
    """
    blocks: list[Block] = []
    left: list[LeftOut] = []
    lines = body.splitlines()
    i = 0
    current: list[str] = []
    start = 0
    kind: Literal["paragraph", "quote"] = "paragraph"

    def flush() -> None:
        nonlocal current
        text = " ".join(s.strip() for s in current).strip()
        if text:
            blocks.append(Block(kind, text, first_line + start))
        current = []

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        number = i
        if stripped.startswith(("```", "~~~")):
            flush()
            fence = stripped[:3]
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                i += 1
            left.append(LeftOut(page, first_line + number, "code block", "code is not exported"))
        elif stripped.startswith("<!--"):
            flush()
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
        elif stripped.startswith("|"):
            flush()
            while i + 1 < len(lines) and lines[i + 1].strip().startswith("|"):
                i += 1
            left.append(
                LeftOut(
                    page,
                    first_line + number,
                    excerpt(stripped),
                    "table is not exported (write it as paragraphs to include it)",
                )
            )
        elif stripped.startswith("<") and not stripped.startswith("<http"):
            flush()
            left.append(
                LeftOut(page, first_line + number, excerpt(stripped), "raw HTML is not exported")
            )
        elif not stripped:
            flush()
        elif match := _HEADING.match(stripped):
            flush()
            level = len(match.group(1))
            if level > 1:  # The H1 repeats the page title, which the export already shows.
                blocks.append(Block("heading", match.group(2), first_line + number, level))
        elif match := _ADMONITION.match(stripped):
            flush()
            if match.group(1) == EDITORS_ADMONITION:
                while i + 1 < len(lines) and (
                    not lines[i + 1].strip() or lines[i + 1].startswith(("    ", "\t"))
                ):
                    i += 1
                left.append(
                    LeftOut(
                        page,
                        first_line + number,
                        match.group(2) or "editors",
                        "note to editors (`!!! editors`) is not exported",
                    )
                )
            elif match.group(2):
                blocks.append(Block("heading", match.group(2), first_line + number, 4))
        elif match := _LIST.match(line):
            flush()
            kind, start, current = "paragraph", number, [match.group(1)]
        elif stripped.startswith(">"):
            if kind != "quote" or not current:
                flush()
                kind, start = "quote", number
            current.append(stripped.lstrip(">").strip())
        else:
            if kind == "quote" and current:
                flush()
            if not current:
                kind, start = "paragraph", number
            current.append(stripped)
        i += 1
    flush()
    return blocks, left
