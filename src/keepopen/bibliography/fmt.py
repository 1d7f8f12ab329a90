"""The canonical layout of a `.bib` file, as written by `keepopen refs fmt`.

Layout (chosen so that diffs stay small and nothing moves away from its context):

- Blocks keep their order. Entries are not sorted: an `@string` must stay above its first use,
  and a comment belongs to what follows it, so moving entries would detach or break them.
- One blank line between blocks; a comment written directly above an entry stays directly
  above it, and a run of `@string` lines stays a run. The file ends with one newline; lines
  have no trailing spaces.
- Entries: `@type{key,`, then one field per line, two-space indent, the field name in lower case
  padded to 12 characters, ` = `, the value; no comma after the last field; `}` on its own line.
- Fields in a fixed order (who, what, where, when, identifiers, links, project fields, then any
  other field alphabetically); a field given twice keeps both copies, in their order.
- Values in braces: `"..."` and bare numbers become `{...}`; `@string` macro names stay bare;
  `#` concatenations keep their pieces, joined by ` # `. Text inside a value is never changed,
  not even its line breaks.
- `@string`, `@preamble`, `@comment` and free text between entries are kept (`@`-keywords in
  lower case, free text with trailing spaces removed).

Formatting never loses content: the result is parsed again and compared block by block with the
input, and a file with blocks that cannot be parsed, or with `%` comments between an entry's
fields (which have no place in the layout), is not formatted at all (`UnformattableBib`).
"""

from __future__ import annotations

import re

from bibtexparser import model as bm

from keepopen.bibliography.blocks import split_blocks
from keepopen.bibliography.values import split_pieces

__all__ = ["FIELD_ORDER", "UnformattableBib", "content_of", "format_bib"]

#: The canonical field order; fields not listed follow alphabetically.
FIELD_ORDER = (
    "author",
    "editor",
    "translator",
    "shortauthor",
    "title",
    "subtitle",
    "titleaddon",
    "shorttitle",
    "journaltitle",
    "journal",
    "booktitle",
    "maintitle",
    "series",
    "edition",
    "volume",
    "number",
    "issue",
    "pages",
    "chapter",
    "type",
    "institution",
    "school",
    "organization",
    "publisher",
    "location",
    "address",
    "howpublished",
    "date",
    "year",
    "month",
    "eventdate",
    "doi",
    "eprint",
    "eprinttype",
    "archiveprefix",
    "primaryclass",
    "isbn",
    "issn",
    "url",
    "urldate",
    "language",
    "langid",
    "keywords",
    "abstract",
    "verification",
    "note",
    "addendum",
)
_RANK = {name: i for i, name in enumerate(FIELD_ORDER)}
_NAME_WIDTH = 12
_PLAIN_NAME = re.compile(r"^[\w.:+-]+$")


class UnformattableBib(ValueError):
    """The text has blocks bibtexparser cannot read; formatting it could lose them.

    Also raised (with no lines) by the safety net, should a layout ever change the content.

    Attributes:
        lines: 1-based lines where the unreadable blocks start.
    """

    def __init__(self, lines: list[int], message: str = "") -> None:
        super().__init__(message or f"unreadable blocks at lines {lines}")
        self.lines = lines


def _split(text: str) -> list[bm.Block]:
    return [located.block for located in split_blocks(text)]


def _unwrap(block: bm.Block) -> bm.Block:
    """Duplicate keys or fields are the loader's business; here they are ordinary blocks."""
    if isinstance(block, (bm.DuplicateBlockKeyBlock, bm.DuplicateFieldKeyBlock)):
        return block.ignore_error_block or block
    return block


def _balanced(text: str) -> bool:
    depth = 0
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


def _piece(piece: str) -> str:
    if len(piece) >= 2 and piece[0] == '"' and piece[-1] == '"' and _balanced(piece[1:-1]):
        return "{" + piece[1:-1] + "}"
    if piece.isdigit():
        return "{" + piece + "}"
    return piece


def _value(raw: str) -> str:
    return " # ".join(_piece(p) for p in split_pieces(raw.strip()))


def _name(name: str) -> str:
    name = name.strip()
    return name.lower() if _PLAIN_NAME.match(name) else name


def _entry(block: bm.Entry) -> str:
    fields = sorted(block.fields, key=lambda f: (_RANK.get(_name(f.key), len(_RANK)), _name(f.key)))
    header = f"@{block.entry_type.strip().lower()}{{{block.key.strip()}"
    if not fields:
        return header + "}"
    lines = [f"  {_name(f.key).ljust(_NAME_WIDTH)} = {_value(f.value)}" for f in fields]
    return header + ",\n" + ",\n".join(lines) + "\n}"


def _block(block: bm.Block) -> str:
    if isinstance(block, bm.Entry):
        return _entry(block)
    if isinstance(block, bm.String):
        return f"@string{{{block.key.strip()} = {_value(block.value)}}}"
    if isinstance(block, bm.Preamble):
        value = block.value.strip()
        return f"@preamble{{{value}}}" if _balanced(value) else f"@preamble({value})"
    if isinstance(block, bm.ExplicitComment):
        comment = block.comment
        return f"@comment{{{comment}}}" if _balanced(comment) else f"@comment({comment})"
    if isinstance(block, bm.ImplicitComment):
        return "\n".join(line.rstrip() for line in block.comment.split("\n"))
    raise TypeError(type(block).__name__)  # pragma: no cover - failed blocks are refused earlier


def format_bib(text: str) -> str:
    """The canonical layout of a whole `.bib` text (see the module docstring).

    Raises:
        UnformattableBib: when some block cannot be parsed (run `keepopen check` to see why).
    """
    located = split_blocks(text)
    failed = [loc.line for loc in located if isinstance(_unwrap(loc.block), bm.ParsingFailedBlock)]
    if failed:
        raise UnformattableBib(failed)
    comments = [line for loc in located for line in loc.comment_lines]
    if comments:  # the layout has no place for them, and formatting must never lose text
        shown = ", ".join(str(n) for n in comments)
        raise UnformattableBib(
            [],
            f"a `%` comment inside an entry (line {shown}) would be lost; "
            "move it above its entry, then format again",
        )
    out: list[str] = []
    previous: bm.Block | None = None
    previous_end = 0
    for loc in located:
        block = _unwrap(loc.block)
        if out:
            adjacent = loc.line == previous_end + 1
            strings = isinstance(previous, bm.String) and isinstance(block, bm.String)
            glued = adjacent and (isinstance(previous, bm.ImplicitComment) or strings)
            out.append("\n" if glued else "\n\n")
        out.append(_block(block))
        previous, previous_end = block, loc.line + (loc.block.raw or "").count("\n")
    result = "".join(out) + "\n" if out else ""
    if content_of(result) != content_of(text):  # pragma: no cover - a safety net, never expected
        raise UnformattableBib([], "formatting would change the content; please report this file")
    return result


def _pieces(raw: str) -> tuple[tuple[str, str], ...]:
    """A value as comparable pieces: literal text, or a macro name (case-insensitive)."""
    out = []
    for piece in split_pieces(raw.strip()):
        if len(piece) >= 2 and piece[0] + piece[-1] in ("{}", '""'):
            out.append(("text", piece[1:-1]))
        elif piece.isdigit():
            out.append(("text", piece))
        else:
            out.append(("macro", piece.lower()))
    return tuple(out)


def content_of(text: str) -> list[tuple]:
    """What a `.bib` text says, independent of layout: blocks in order, fields by name.

    Two texts with equal `content_of` mean the same to BibTeX and to `load_bibliography`.
    """
    content: list[tuple] = []
    for block in map(_unwrap, _split(text)):
        if isinstance(block, bm.Entry):
            fields = sorted(
                ((_name(f.key), _pieces(f.value)) for f in block.fields), key=lambda pair: pair[0]
            )
            content.append(("entry", block.entry_type.strip().lower(), block.key.strip(), fields))
        elif isinstance(block, bm.String):
            content.append(("string", block.key.strip(), _pieces(block.value)))
        elif isinstance(block, bm.Preamble):
            content.append(("preamble", block.value.strip()))
        elif isinstance(block, bm.ExplicitComment):
            content.append(("comment", block.comment))
        elif isinstance(block, bm.ImplicitComment):
            content.append(("text", tuple(line.rstrip() for line in block.comment.split("\n"))))
        else:
            content.append(("failed", block.raw))
    return content
