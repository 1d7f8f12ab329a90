"""TPL001: placeholders left from the `keepopen new` templates."""

from __future__ import annotations

import re

from keepopen.checks.text import LineIndex, mask_code
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["PLACEHOLDER", "check_placeholders"]

#: The marker templates use for everything a contributor must fill in or confirm.
PLACEHOLDER = "TODO"
_MARK = re.compile(rf"\b{PLACEHOLDER}\b")


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
