"""Pandoc's citation syntax, read exactly as Pandoc's Markdown reader reads it.

The scanner works on one string and never needs a Markdown parser: it skips what Pandoc never
reads as a citation (code spans, backslash escapes, autolinks, raw HTML tags, Python-Markdown
placeholders) and follows Pandoc's grammar for the rest:

- a bracketed group `[prefix @key suffix; ...]` (`normalCite`), not followed by `(`, `[` or `{`
  (then it is a link, a reference link or a span);
- an author-in-text citation `@key` or `-@key`, optionally followed by a bracketed locator
  `@key [p. 33]` or further citations `@key [p. 33; @other]` (`textualCite` and `bareloc`);
- Pandoc's key rule: a letter, digit, `_` (or `*`) first, then letters, digits, `_` and single
  internal punctuation `:.#$%&-+?<>~/`, or a braced key `@{...}` without spaces;
- a key never starts right after a word character or `.` (so `me@example.org` is no citation).

One deliberate difference from Pandoc: a bare URL such as `https://example.org/@user` is never
read as a citation (Pandoc would cite `user`); an issue of this project asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from keepopen.citations.locator import parse_locator
from keepopen.citations.model import Citation, Mode
from keepopen.citations.skip import (
    BLANK_LINE,
    escaped,
    inside_url_or_tag,
    skip_inline,
    skip_opaque,
)

__all__ = ["Group", "inside_url_or_tag", "normal_cite", "parse", "scan", "textual_cite"]

#: A bare key: a word character (or `*`), then word characters, internal punctuation that a
#: word character follows, or `:`/`/` before `/` (`\w` is `str.isalnum()` plus `_`).
_BARE_KEY = re.compile(r"[\w*](?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*")
_NEXT = re.compile(r"[\\`<\x02\[@-]|(?:https?|ftp)://|www\.")
_WS = re.compile(r"\s+")
# The characters a prefix or suffix scan must look at: its own delimiters and whatever starts
# an inline that `skip_inline` steps over. Everything between them is plain text to pass.
_INLINE_START = r"\\`<\x02hfw*_"
_PREFIX_STOP = re.compile(rf"[@\-;\]\n\[{_INLINE_START}]")
_SUFFIX_STOP = re.compile(rf"[\[\];\n{_INLINE_START}]")


@dataclass
class Group:
    """One citation group as written: `[@a; @b]` or `@a [p. 3]`, with source offsets.

    `spans` holds, for each citation, `(prefix_start, key_start, key_end, suffix_end)`;
    `key_start` is the offset of its `@` (or of the `-` of `-@`).
    """

    citations: list[Citation]
    start: int
    end: int
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    textual: bool = False

    @property
    def starts(self) -> list[int]:
        return [span[1] for span in self.spans]


def parse(text: str) -> list[Citation]:
    """All citations in `text`, in reading order (citations nested in a suffix follow theirs).

    Examples:
        >>> [c.key for c in parse("As @smith2020 [p. 3] says [see @oecd2021; -@un2024].")]
        ['smith2020', 'oecd2021', 'un2024']
    """
    return [citation for group in scan(text) for citation in group.citations]


def scan(text: str, start: int = 0) -> Iterator[Group]:
    """Every citation group in `text[start:]`, nested groups right after their container."""
    i, n = start, len(text)
    while i < n:
        m = _NEXT.search(text, i)
        if not m:
            return
        i = m.start()
        end = skip_opaque(text, i)
        if end is not None:
            i = end
            continue
        c = text[i]
        group = None
        if c == "[":
            group = normal_cite(text, i)
        elif c in "-@":
            group = textual_cite(text, i)
        if group is None:
            i += 1
            continue
        yield group
        yield from _nested(text, group)
        i = group.end


def _nested(text: str, group: Group) -> Iterator[Group]:
    """Pandoc parses prefixes and suffixes as inlines, so they may hold citations themselves."""
    if text.count("@", group.start, group.end) <= len(group.citations):
        return
    for prefix_start, key_start, key_end, suffix_end in group.spans:
        if prefix_start < key_start:
            yield from scan(text[:key_start], prefix_start)
        if key_end < suffix_end:
            yield from scan(text[:suffix_end], key_end)


def _read_key(text: str, i: int) -> tuple[str, int] | None:
    """The key starting at `text[i]` (just after `@`) and the offset after it."""
    n = len(text)
    if i >= n:
        return None
    bare = _BARE_KEY.match(text, i)
    if bare:
        return bare.group(), bare.end()
    if text[i] == "{":
        depth = 0
        for j in range(i, n):
            c = text[j]
            if c.isspace():
                return None
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return text[i + 1 : j], j + 1
    return None


def _not_after_string(text: str, i: int) -> bool:
    """Pandoc's `notAfterString`: no key right after a word, a `.` or a closing `*`/`_`."""
    if i == 0:
        return True
    c = text[i - 1]
    if c.isalnum() or c == ".":
        return False
    if c in "*_":
        run = i - 1
        while run > 0 and text[run - 1] == c:
            run -= 1
        if run == 0 or text[run - 1].isspace():
            return True  # an opening delimiter
        line_start = text.rfind("\n", 0, run) + 1
        runs_before = len(re.findall(rf"{re.escape(c)}+", text[line_start:run]))
        return runs_before % 2 == 0  # an odd number of runs before: this one closes
    return True


def _cite_key(text: str, i: int) -> tuple[bool, str, int] | None:
    """Pandoc's `citeKey`: `(suppress_author, key, end)` for `@key` or `-@key` at `i`."""
    if not _not_after_string(text, i):
        return None
    suppress = text.startswith("-", i)
    at = i + 1 if suppress else i
    if not text.startswith("@", at):
        return None
    read = _read_key(text, at + 1)
    if read is None:
        return None
    return suppress, read[0], read[1]


def _spnl(text: str, i: int) -> int:
    """Skip spaces and at most one line break (Pandoc's `spnl`)."""
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] == "\n" and not BLANK_LINE.match(text, i):
        i += 1
        while i < n and text[i] in " \t":
            i += 1
    return i


def _scan_prefix(text: str, i: int) -> int | None:
    """Pandoc's `prefix`: the offset where a key follows, or None when `]` or `;` comes first."""
    while stop := _PREFIX_STOP.search(text, i):
        i = stop.start()
        c = text[i]
        if _cite_key(text, i):
            return i
        if c == ";" and _cite_key(text, _spnl(text, i + 1)):
            return None  # `[see; @a]`: the prefix stops at `;` and no key follows it
        if c == "]" or (c == "\n" and BLANK_LINE.match(text, i)):
            return None
        if c == "[":
            group = normal_cite(text, i)
            if group is not None:
                i = group.end
                continue
        end = skip_inline(text, i)
        i = end if end is not None else i + 1
    return None


def _scan_suffix(text: str, i: int) -> int | None:
    """Pandoc's `suffix`: the offset of the `;` or `]` that ends it (brackets nest)."""
    depth = 0
    while stop := _SUFFIX_STOP.search(text, i):
        i = stop.start()
        c = text[i]
        end = skip_inline(text, i)
        if end is not None:
            i = end
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            if depth == 0:
                return i
            depth -= 1
        elif c == ";" and depth == 0:
            return i
        elif c == "\n" and BLANK_LINE.match(text, i):
            return None
        i += 1
    return None


def _clean_prefix(raw: str) -> str:
    return _WS.sub(" ", raw).strip()


def _clean_suffix(raw: str) -> str:
    text = _WS.sub(" ", raw).rstrip()
    return "" if text == " " else text


def _make(key: str, mode: Mode, prefix: str, suffix: str) -> Citation:
    return Citation(key, mode, prefix, suffix, parse_locator(suffix))


def _citation(text: str, i: int) -> tuple[Citation, tuple[int, int, int, int]] | None:
    """One `prefix @key suffix`: the citation and its `(prefix, key, key end, end)` offsets."""
    at = _scan_prefix(text, i)
    if at is None:
        return None
    suppress, key, key_end = _cite_key(text, at)  # type: ignore[misc]
    end = _scan_suffix(text, key_end)
    if end is None:
        return None
    mode: Mode = "suppress-author" if suppress else "normal"
    citation = _make(key, mode, _clean_prefix(text[i:at]), _clean_suffix(text[key_end:end]))
    return citation, (i, at, key_end, end)


Spans = list[tuple[int, int, int, int]]


def _cite_list(text: str, i: int) -> tuple[list[Citation], Spans, int] | None:
    """Pandoc's `citeList`: citations separated by `;`; the offset after the last one."""
    citations: list[Citation] = []
    spans: Spans = []
    while True:
        one = _citation(text, i)
        if one is None:
            return None
        citations.append(one[0])
        spans.append(one[1])
        i = one[1][3]
        if text[i] != ";":
            return citations, spans, i
        i = _spnl(text, i + 1)


def _closes(text: str, i: int) -> int | None:
    """The offset after `]` at `i` (spaces allowed before it) unless a link or span follows."""
    i = _spnl(text, i)
    if i >= len(text) or text[i] != "]":
        return None
    if i + 1 < len(text) and text[i + 1] in "([{":
        return None  # `[@a](url)` is a link, `[@a][ref]` a reference link, `[@a]{.x}` a span
    return i + 1


def normal_cite(text: str, i: int) -> Group | None:
    """`[see @a, p. 3; -@b]` at `i`."""
    if text.startswith("[^", i) or inside_url_or_tag(text, i):
        return None  # a footnote reference, or part of a URL or tag
    listed = _cite_list(text, _spnl(text, i + 1))
    if listed is None:
        return None
    end = _closes(text, listed[2])
    if end is None:
        return None
    return Group(listed[0], i, end, listed[1])


def textual_cite(text: str, i: int) -> Group | None:
    """`@a`, `-@a`, `@a [p. 3]` or `@a [p. 3; @b]` at `i`."""
    found = _cite_key(text, i)
    if found is None or escaped(text, i) or inside_url_or_tag(text, i):
        return None
    suppress, key, key_end = found
    mode: Mode = "suppress-author" if suppress else "author-in-text"
    located = _bareloc(text, key_end)
    if located is None:
        return Group([_make(key, mode, "", "")], i, key_end, [(i, i, key_end, key_end)], True)
    suffix, suffix_end, rest, spans, end = located
    first = (i, i, key_end, suffix_end)
    return Group([_make(key, mode, "", suffix), *rest], i, end, [first, *spans], True)


def _bareloc(text: str, i: int) -> tuple[str, int, list[Citation], Spans, int] | None:
    """The bracket after an author-in-text key: a locator, more citations, or both."""
    j = _spnl(text, i)
    if not text.startswith("[", j) or text.startswith("[^", j):
        return None
    listed = _cite_list(text, _spnl(text, j + 1))
    if listed is not None:
        end = _closes(text, listed[2])
        return ("", i, listed[0], listed[1], end) if end is not None else None
    stop = _scan_suffix(text, j + 1)
    if stop is None:
        return None
    suffix, suffix_end = _clean_suffix(text[j + 1 : stop]), stop
    rest: list[Citation] = []
    spans: Spans = []
    if text[stop] == ";":
        listed = _cite_list(text, _spnl(text, stop + 1))
        if listed is None:
            return None
        rest, spans, stop = listed
    end = _closes(text, stop)
    return (suffix, suffix_end, rest, spans, end) if end is not None else None
