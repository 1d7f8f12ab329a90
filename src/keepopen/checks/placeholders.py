"""TPL001: placeholders left from the `keepopen new` templates."""

from __future__ import annotations

import re

from keepopen.checks.text import LineIndex, mask_code
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["EXPORT_PLACEHOLDERS", "PLACEHOLDER", "check_placeholders", "find_placeholder"]

#: The marker templates use for everything a contributor must fill in or confirm.
PLACEHOLDER = "TODO"
_MARK = re.compile(rf"\b{PLACEHOLDER}\b")

#: Text that marks an unfinished value; an export refuses it unless run with `--draft`.
#: Regular expressions, each with the words a contributor would recognise. Markers written in
#: capitals (`TO BE CONFIRMED`) count only in capitals, so prose such as "still to be
#: confirmed" is not mistaken for one; `(?i)` marks the patterns that ignore case.
EXPORT_PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    (r"\bTODO\b", "TODO"),
    (r"\bTO BE CONFIRMED\b", "TO BE CONFIRMED"),
    (r"\bTBC\b|\bTBD\b", "TBC/TBD"),
    (r"\bXXX+\b", "XXX"),
    (r"(?i)\bplaceholder\b", "placeholder"),
    (r"(?i)\bexample\.(?:org|com|net)\b", "an example.org/.com address"),
    (r"(?i)\blorem ipsum\b", "lorem ipsum"),
)
_EXPORT_MARKS = [(re.compile(p), name) for p, name in EXPORT_PLACEHOLDERS]


def find_placeholder(text: str) -> str | None:
    """The name of the first placeholder in `text` (see `EXPORT_PLACEHOLDERS`), or None."""
    for mark, name in _EXPORT_MARKS:
        if mark.search(text):
            return name
    return None


def check_placeholders(library: Library) -> list[Diagnostic]:
    """Every `TODO` in front matter (comments included) or in the body outside code."""
    out: list[Diagnostic] = []
    for page in library:
        if page.front is None:
            continue
        head_end = len(page.text) - len(page.body)
        text = page.text[:head_end] + mask_code(page.body)
        at = LineIndex(text)
        for m in _MARK.finditer(text):
            line, col = at(m.start())
            end = text.find("\n", m.end())
            rest = text[m.end() : end if end != -1 else None]
            hint = rest.strip(' :-"')
            if len(hint) > 50:
                hint = hint[: hint.rfind(" ", 0, 50)] + " ..."
            message = f"placeholder `{PLACEHOLDER}` left from the template"
            if hint:
                message += f": {hint}"
            out.append(
                make(
                    "TPL001",
                    page.rel,
                    line,
                    col,
                    message,
                    f"fill in the real value (or delete the guidance) and remove `{PLACEHOLDER}`",
                )
            )
    return out
