"""Whether a citation stands inside a link's text or an image's alt text.

Python-Markdown makes links of `[text](url)` and `[text][ref]` (a defined `ref`) and images of
their `![...]` forms, pairing nested brackets as its `getText` does. The citation pattern runs
before those patterns, so it must ask here: a citation's own link inside link text would nest
`<a>` in `<a>`, and its HTML inside alt text would end the `alt` attribute early and lose the
image. Text inside an inline `<a ...>` tag is link text too. The `keepopen check` rule CIT001
asks the same question of the page source.

Shortcut forms (`[text]`, `[text][]`) are left out on purpose: Python-Markdown looks their label
up after the citation has become a placeholder, so a label holding a citation never matches.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Literal

__all__ = ["Context", "enclosing", "reference_label"]

Context = Literal["image", "link"]

_BRACKET = re.compile(r"[\[\]]")
_HTML_A_OPEN = re.compile(r"<a[\s>]", re.I)
_HTML_A_CLOSE = re.compile(r"</a\s*>", re.I)
#: `[text][ref]` or `[text] [ref]`, as Python-Markdown's `ReferenceInlineProcessor.RE_LINK`.
_REF_AFTER = re.compile(r"\s?\[([^\]]*)\]")
_SPACES = re.compile(r"\s+")


def reference_label(label: str) -> str:
    """A reference label as Python-Markdown stores it: lower case, runs of spaces as one."""
    return _SPACES.sub(" ", label).lower()


def _close(text: str, start: int, hi: int) -> int | None:
    """The offset of the `]` closing the `[` at `start`, or None before `hi`."""
    depth = 0
    for m in _BRACKET.finditer(text, start, hi):
        depth += 1 if m.group() == "[" else -1
        if depth == 0:
            return m.start()
    return None


def _makes_link(text: str, close: int, hi: int, references: Container[str]) -> bool:
    """Whether `[...]` ending at `close` is followed by `(` or a defined `[ref]`.

    Any `(` counts, closed or not: taking a non-link for a link only costs the citation its
    own link, while the reverse would nest links.
    """
    after = close + 1
    if after < hi and text[after] == "(":
        return True
    m = _REF_AFTER.match(text, after, hi)
    return m is not None and bool(m.group(1)) and reference_label(m.group(1)) in references


def _in_html_link(text: str, start: int, lo: int) -> bool:
    """Whether an inline `<a ...>` opens before `start` and is not closed before it."""
    if text.find("<", lo, start) == -1:
        return False
    opened = [m.end() for m in _HTML_A_OPEN.finditer(text, lo, start)]
    return bool(opened) and not _HTML_A_CLOSE.search(text, opened[-1], start)


def enclosing(
    text: str,
    start: int,
    end: int,
    references: Container[str] = (),
    lo: int = 0,
    hi: int | None = None,
) -> Context | None:
    """`"image"` if `text[start:end]` lies in an image's alt text, `"link"` if in a link's text.

    `lo:hi` bounds the paragraph (links never cross one); `references` holds the defined
    reference labels (`reference_label` form). An image anywhere around wins: its alt text is
    plain text even when a link sits inside it.
    """
    hi = len(text) if hi is None else hi
    if text.rfind("[", lo, start) == -1:  # the usual case: nothing opens before it
        return "link" if _in_html_link(text, start, lo) else None
    openers: list[int] = []
    depth = 0
    for m in reversed(list(_BRACKET.finditer(text, lo, start))):
        if m.group() == "]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            openers.append(m.start())  # innermost first
    found: Context | None = None
    for opener in openers:
        close = _close(text, opener, hi)
        if close is None or close < end or not _makes_link(text, close, hi, references):
            continue
        if opener > lo and text[opener - 1] == "!":
            return "image"
        found = "link"
    return found or ("link" if _in_html_link(text, start, lo) else None)
