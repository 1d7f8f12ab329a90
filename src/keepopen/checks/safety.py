"""Rules that protect readers and people: raw HTML that runs code (SEC...), consent (CON...)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from keepopen.checks.htmlpolicy import Finding
from keepopen.checks.htmlscan import scan_html
from keepopen.checks.mdrender import Renderer
from keepopen.checks.mdscan import source_findings
from keepopen.checks.text import LineIndex, mask_code
from keepopen.content.library import Library, LibraryPage
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["CONTACT_PATTERNS", "check_consent", "check_html"]

_EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HANDLE = re.compile(r"(?<![\w@.\[`])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_PHONE = re.compile(
    r"(?<![\w+-])(?:\+\d[\d ().-]{7,}\d|\(\d{2,5}\)[ ]?\d{3,4}[ .-]?\d{3,4}"
    r"|0\d{2,4}[ .-]\d{3,4}[ .-]?\d{3,4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w-])"
)

#: The contact details a testimony must not show, by what each is: also removed from the account
#: an issue form brings in (`keepopen.forms.draft`). E-mails first: they contain `@handle`s.
CONTACT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("e-mail address", _EMAIL),
    ("phone number", _PHONE),
    ("handle", _HANDLE),
)


#: Raw HTML or an attribute list: what Markdown may turn into markup unforeseen here.
_MAY_HIDE = re.compile(r"<[A-Za-z?/]|<!(?!--)|\{")


def _body_findings(body: str, render: Renderer) -> list[Finding]:
    """Refused HTML in a body: as read from the source, plus anything only the rendered page
    shows (then placed where the unmasked source has it, or at the body's start)."""
    found = source_findings(body)
    unmasked = source_findings(body, mask=False)
    keys = Counter(f.key for f in found)
    if Counter(f.key for f in unmasked) == keys and not _MAY_HIDE.search(mask_code(body)):
        return found  # nothing hidden as code and nothing Markdown could turn into HTML
    rendered, _ = scan_html(render(body))
    missing = Counter(f.key for f in rendered) - keys
    if not missing:
        return found
    taken = {(f.offset, f.key) for f in found}
    for f in unmasked:
        if missing[f.key] > 0 and (f.offset, f.key) not in taken:
            missing[f.key] -= 1
            found.append(f)
    for f in rendered:
        if missing[f.key] > 0:
            missing[f.key] -= 1
            found.append(replace(f, offset=0, message=f"{f.message} (in the page as built)"))
    return found


def check_html(library: Library) -> list[Diagnostic]:
    """SEC001-010: raw HTML and addresses that can run code or change the page (see htmlpolicy)."""
    out: list[Diagnostic] = []
    render = Renderer(library.root)
    for page in library:
        at = LineIndex(page.body, page.body_line)
        for f in _body_findings(page.body, render):
            line, col = at(f.offset)
            out.append(make(f.code, page.rel, line, col, f.message, f.fix))
    return out


def _texts(page: LibraryPage) -> Iterable[tuple[str, int, int]]:
    """`(text, first line, first col)` of the parts of a testimony readers see."""
    front = page.front
    assert front is not None
    for field in ("title", "summary"):
        value = front.data.get(field)
        if isinstance(value, str):
            pos = front.where((field,), value=True)
            yield value, pos.line, pos.col
    yield page.body, page.body_line, 1


def check_consent(library: Library, reference_keys: set[str] | None = None) -> list[Diagnostic]:
    """CON001: `named` without a consent record; CON002-004: contact details without consent.

    `reference_keys` are known citation keys, so `@key` citations are not taken for handles.
    """
    keys = reference_keys or set()
    out: list[Diagnostic] = []
    for page in library.of_type("testimony"):
        consent = page.data.get("consent")
        consent = consent if isinstance(consent, dict) else {}
        named = consent.get("attribution") == "named"
        if named and not (consent.get("record") and consent.get("recorded_on")):
            pos = page.front.where(("consent", "attribution"), value=True)  # type: ignore[union-attr]
            out.append(
                make(
                    "CON001",
                    page.rel,
                    pos.line,
                    pos.col,
                    "`named` attribution without a consent record",
                    "add `consent.record` and `consent.recorded_on`, or use "
                    "`attribution: anonymous`",
                )
            )
        if named:
            continue
        for text, first_line, first_col in _texts(page):
            at = LineIndex(text, first_line)
            found: list[tuple[int, str, str]] = []
            emails = list(_EMAIL.finditer(text))
            found += [(m.start(), "CON002", "an e-mail address") for m in emails]
            masked = _EMAIL.sub(lambda m: " " * len(m.group(0)), text)
            found += [(m.start(), "CON003", "a phone number") for m in _PHONE.finditer(masked)]
            found += [
                (m.start(), "CON004", f"the handle `@{m.group(1)}`")
                for m in _HANDLE.finditer(masked)
                if m.group(1) not in keys
            ]
            for offset, code, what in sorted(found):
                line, col = at(offset)
                if line == first_line:
                    col += first_col - 1
                out.append(
                    make(
                        code,
                        page.rel,
                        line,
                        col,
                        f"testimony shows {what} but its consent is not `named`",
                        "remove it (paraphrase without contact details), or record "
                        "consent to be named",
                    )
                )
    return out
