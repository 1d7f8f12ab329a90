"""What the citation scanner steps over: code spans, escapes, autolinks, HTML, URLs, emphasis.

Pandoc reads these as their own inlines, so no citation starts inside them; a `;` or `]` inside
`*...*` or a code span does not end a citation's suffix either.
"""

from __future__ import annotations

import re

__all__ = [
    "BLANK_LINE",
    "escaped",
    "inside_url_or_tag",
    "para_end",
    "skip_emphasis",
    "skip_inline",
    "skip_opaque",
]

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\[\]()\"']+")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--)>", re.DOTALL)
_HTML_TAG_START = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*[\s/>]|<!--")
BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")


_URL_BEHIND = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S*\Z")


def inside_url_or_tag(text: str, i: int) -> bool:
    """Whether offset `i` lies in a bare URL or inside an HTML tag's angle brackets.

    The forward scan skips both whole; this look-back serves callers that jump straight to an
    `@`, such as the Python-Markdown inline pattern.
    """
    start = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i), text.rfind("\t", 0, i)) + 1
    if _URL_BEHIND.search(text, start, i):
        return True
    opened = text.rfind("<", 0, i)
    return opened > text.rfind(">", 0, i) and bool(_HTML_TAG_START.match(text, opened))


def escaped(text: str, i: int) -> bool:
    """Whether `text[i]` follows an odd run of backslashes (`\\@key` is no citation)."""
    run = i
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (i - run) % 2 == 1


def para_end(text: str, i: int) -> int:
    m = BLANK_LINE.search(text, i)
    return m.start() if m else len(text)


def skip_opaque(text: str, i: int) -> int | None:
    """The offset after a construct no citation can start in, or None if none starts at `i`."""
    c = text[i]
    if c == "\\":
        return i + 2 if i + 1 < len(text) and text[i + 1] in _ASCII_PUNCT else None
    if c == "`":
        run = i
        while run < len(text) and text[run] == "`":
            run += 1
        ticks = run - i
        closer = re.compile(rf"(?<!`)`{{{ticks}}}(?!`)")
        m = closer.search(text, run, para_end(text, run))
        return m.end() if m else run
    if c == "<":
        m = _AUTOLINK.match(text, i) or _HTML_TAG.match(text, i)
        return m.end() if m else None
    if c == "\x02":  # a Python-Markdown placeholder (stashed code span, escape, HTML)
        end = text.find("\x03", i)
        return end + 1 if end >= 0 else None
    if c in "hfw" and (i == 0 or not text[i - 1].isalnum()):
        m = _URL.match(text, i)
        return m.end() if m else None
    return None


def skip_emphasis(text: str, i: int) -> int | None:
    """The end of `*...*` (or `_..._`) opening at `i`: Pandoc reads it as one inline."""
    c = text[i]
    run = i
    while run < len(text) and text[run] == c:
        run += 1
    if run >= len(text) or text[run].isspace():
        return None
    if c == "_" and i > 0 and text[i - 1].isalnum():
        return None
    closer = re.compile(rf"(?<=\S){re.escape(c * (run - i))}(?!{re.escape(c)})")
    m = closer.search(text, run, para_end(text, run))
    return m.end() if m else None


def skip_inline(text: str, i: int) -> int | None:
    end = skip_opaque(text, i)
    if end is None and text[i] in "*_":
        end = skip_emphasis(text, i)
    return end
