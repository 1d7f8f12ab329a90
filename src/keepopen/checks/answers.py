"""CIT002: an argument's counter-argument answer that cites no reference.

The library promises that every factual sentence cites a reference, and the front-matter
answers travel on their own (the data package, submissions), away from the page body that
would otherwise support them. So each `answer:` carries at least one `[@key]` itself. Whether
its keys exist is REF001's business (`checks/references.py` reads these answers too).
"""

from __future__ import annotations

from keepopen.checks.placeholders import PLACEHOLDER
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["ANSWER_PATH", "check_answers"]

#: Where the answers sit in an argument's front matter: `counter_arguments[i].answer`.
ANSWER_PATH = ("counter_arguments", "answer")


def _cites(text: str) -> bool:
    from keepopen.citations import find_citations

    return any(True for _ in find_citations(text))


def check_answers(library: Library) -> list[Diagnostic]:
    """CIT002 for every non-empty `counter_arguments[i].answer` without a citation."""
    out: list[Diagnostic] = []
    for page in library:
        if page.front is None or page.type != "argument":
            continue
        items = page.data.get(ANSWER_PATH[0])
        for index, item in enumerate(items if isinstance(items, list) else []):
            answer = item.get(ANSWER_PATH[1]) if isinstance(item, dict) else None
            # Empty answers are FM003/FM005's; template placeholders are TPL001's.
            if not isinstance(answer, str) or not answer.strip() or PLACEHOLDER in answer:
                continue
            if _cites(answer):
                continue
            pos = page.front.where((ANSWER_PATH[0], index, ANSWER_PATH[1]), value=True)
            out.append(
                make(
                    "CIT002",
                    page.rel,
                    pos.line,
                    pos.col,
                    f"the answer to counter-argument {index + 1} cites no reference",
                    "add the reference the answer rests on, as `[@key]`, inside the answer "
                    "itself; if no source supports it, reword the answer so it claims only "
                    "what the page's cited evidence shows",
                )
            )
    return out
