"""Plain-text front-matter values: what `keepopen check` refuses in them, and how to print them.

Titles, summaries, claims and the other text fields are plain text, never HTML or Markdown. Two
defences keep them so, and both live here so every adapter takes the one path:

- `markup_in` and `control_in` find what `keepopen check` refuses (FM009, FM010);
- `escape_markdown_inline` turns any value into Markdown that renders exactly as its text, so a
  build that skipped the check is still safe: no tag, table cell, link or list is made from data.

Only Pandoc citations (`[@key]`, `@key`) keep their meaning, where a field is allowed them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from keepopen.content.choices import CITATION_KEY_PATTERN
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = [
    "MULTI_LINE_FIELDS",
    "control_in",
    "escape_markdown_inline",
    "is_multi_line",
    "text_problems",
    "markup_in",
    "one_line",
]

#: Fields whose text may run over several lines (YAML block text); every other field is one line.
#: Dotted paths without list indexes; `fields` covers every forum field of a submission.
MULTI_LINE_FIELDS = frozenset(
    {
        "summary",
        "claim",
        "happened",
        "date_note",
        "policy_asks",
        "counter_arguments.objection",
        "counter_arguments.answer",
        "fields",
    }
)

# What a browser starts a tag, an end tag, a comment or a processing instruction with. A `<`
# before a space or a digit (`a < b`, `<5%`) is text to a browser, so it stays allowed.
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
#: Every control character (category Cc) but the tab, and the two Unicode line separators:
#: a value without any needs no look at each character.
_SPECIAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_WHITESPACE_RUN = re.compile(r"[ \t\n\r\x0b\x0c\x85\u2028\u2029]+")

# ASCII characters with no meaning to Markdown or HTML where values are printed (inside a line,
# never at its start). Every other ASCII punctuation mark becomes a character reference.
_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:?!'\"()/%-")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: Text made only of `_KEEP` and non-ASCII characters: no other ASCII character (a class of
#: every code point above 127 took 5 ms to compile, at each start of a build).
_PLAIN = re.compile(f"[^{re.escape(''.join(chr(c) for c in range(128) if chr(c) not in _KEEP))}]*")
#: Control characters (category Cc).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Text a citation group may hold besides its keys: a prefix (`see`), a locator (`p. 3`), `;`.
_CITATION_TEXT = re.compile(r"[\w\s.,;:?'\"()/%&#+@\-\[\]]*")
_KEY = re.compile(CITATION_KEY_PATTERN)


def is_multi_line(path: tuple[str | int, ...]) -> bool:
    """Whether the field at `path` (e.g. `("counter_arguments", 0, "answer")`) may span lines."""
    names = [part for part in path if isinstance(part, str)]
    return any(".".join(names[:n]) in MULTI_LINE_FIELDS for n in range(1, len(names) + 1))


def markup_in(value: str) -> str | None:
    """The start of the first HTML tag or comment in `value` (up to 20 characters), or None."""
    found = _MARKUP.search(value)
    if found is None:
        return None
    snippet = value[found.start() : found.start() + 20].split("\n")[0]
    return snippet + ("…" if len(snippet) == 20 else "")


def control_in(value: str, *, multi_line: bool) -> str | None:
    """A description of the first control character (or forbidden line break), or None.

    A tab is white space, allowed. Surrounding white space is ignored: YAML block text ends in a
    line break the model strips. Multi-line fields allow line feeds, the only break YAML writes.
    """
    value = value.strip()
    if not _SPECIAL.search(value):
        return None
    for char in value:
        if _LINE_BREAK.fullmatch(char):
            if not multi_line:
                return "a line break"
            if char != "\n":
                return _name(char)
        elif char != "\t" and unicodedata.category(char) == "Cc":
            return _name(char)
    return None


def _name(char: str) -> str:
    # Control characters have no Unicode names; spaces and line separators do.
    name = unicodedata.name(char, "")
    return f"the invisible character U+{ord(char):04X}" + (f" ({name.lower()})" if name else "")


def one_line(value: str) -> str:
    """`value` on one line: runs of white space (line breaks too) become one space; other
    control characters are dropped. For formats where a line break starts a new record."""
    text = _WHITESPACE_RUN.sub(" ", value)
    if _CONTROL.search(text):
        text = "".join(c for c in text if unicodedata.category(c) != "Cc")
    return text.strip()


def _escape_text(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text  # most text: nothing to escape
    out = []
    for char in text:
        if char in _KEEP or ord(char) > 127:
            out.append(char)
        else:
            out.append(_NAMED.get(char) or f"&#{ord(char)};")
    return "".join(out)


def _groups(text: str) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """Top-level citation groups: `(start, end, key spans)`; nested groups are inside these."""
    from keepopen.citations.syntax import scan

    end = -1
    for group in scan(text):
        if group.start >= end:
            end = group.end
            yield group.start, group.end, [(span[1], span[2]) for span in group.spans]


def _citation(text: str, keys: list[tuple[int, int]], start: int, end: int) -> str | None:
    """The group `text[start:end]` as written when it is a plain citation, else None."""
    rest, at = [], start
    for key_start, key_end in keys:
        key = text[key_start:key_end].lstrip("-").removeprefix("@").strip("{}")
        if not _KEY.fullmatch(key):
            return None  # a key no reference has; shown as text
        rest.append(text[at:key_start])
        at = key_end
    rest.append(text[at:end])
    between = "".join(rest)
    # Prefixes and suffixes are read as Markdown: only words, a locator and separators pass.
    if not _CITATION_TEXT.fullmatch(between) or between.count("[") > 1 or between.count("]") > 1:
        return None
    return text[start:end]


def escape_markdown_inline(value: str, *, citations: bool = False) -> str:
    """Markdown that renders as `value`'s text, on one line, inside a table cell or a link.

    Every ASCII character Markdown or HTML could read (`| [ ] < > & * _` backtick, `#`, ...)
    becomes a character reference; line breaks become spaces; control characters are dropped.
    With `citations`, Pandoc citations made of known-form keys and plain words stay as written
    so the citation extension formats them.

    Examples:
        >>> escape_markdown_inline("A | B <img src=x>")
        'A &#124; B &lt;img src=x&gt;'
        >>> escape_markdown_inline("As [see @un2024, p. 3] says", citations=True)
        'As [see @un2024, p. 3] says'
    """
    text = one_line(value)
    if not citations:
        return _escape_text(text)
    out, at = [], 0
    for start, end, keys in _groups(text):
        kept = _citation(text, keys, start, end)
        if kept is None:
            continue
        out += [_escape_text(text[at:start]), kept]
        at = end
    out.append(_escape_text(text[at:]))
    return "".join(out)


def _text_values(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every `(path, text)` in `value`; mapping keys are names, not text."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_values(item, (*where, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_values(item, (*where, index))


def _dotted(where: tuple[str | int, ...]) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def text_problems(
    data: object,
    position: Callable[[tuple[str | int, ...]], Any],
    path: str,
    multi_line: Callable[[tuple[str | int, ...]], bool],
    name_of: Callable[[tuple[str | int, ...]], str] = _dotted,
) -> list[Diagnostic]:
    """FM009/FM010 for every text in `data` (front matter or a data file such as a taxonomy).

    `position(where)` gives the `.line`/`.col` of the value at `where`; `multi_line(where)` says
    whether that value may span lines.
    """
    out: list[Diagnostic] = []
    for where, text in _text_values(data, ()):
        name = name_of(where)
        pos = position(where)
        markup = markup_in(text)
        if markup is not None:
            out.append(
                make(
                    "FM009",
                    path,
                    pos.line,
                    pos.col,
                    f"`{name}` contains markup `{markup}`; this field is plain text",
                    "remove the HTML tag or comment; to mean the sign, write `<` followed by a "
                    "space, or the words 'less than'",
                )
            )
        control = control_in(text, multi_line=multi_line(where))
        if control is not None:
            fix = (
                "write the value on one line; put it in quotes if it holds `:` or `#`"
                if control == "a line break"
                else "delete it; if you cannot see it, retype the text around it"
            )
            out.append(make("FM010", path, pos.line, pos.col, f"`{name}` contains {control}", fix))
    return out
