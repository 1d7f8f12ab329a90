"""Rules that protect readers and people: raw HTML that runs code (SEC...), consent (CON...)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from keepopen.checks.codes import make
from keepopen.checks.text import LineIndex, mask_code
from keepopen.content.library import Library, LibraryPage
from keepopen.diagnostics import Diagnostic

__all__ = ["check_consent", "check_html"]

_SCRIPT = re.compile(r"<script\b", re.I)
_IFRAME = re.compile(r"<iframe\b", re.I)
_TAG_OR_ATTRS = re.compile(r"<[a-zA-Z][^<>]*>|\{:?[^{}\n]*\}")
_HANDLER = re.compile(r"(?<=[\s\"'/])on[a-z]+\s*=", re.I)
_JS_LINK = re.compile(
    r"(?:\]\(\s*<?|^\s*\[[^\]\n]+\]:\s*<?|=\s*[\"']?\s*)(javascript\s*:)", re.I | re.M
)

_EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HANDLE = re.compile(r"(?<![\w@.\[`])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_PHONE = re.compile(
    r"(?<![\w+-])(?:\+\d[\d ().-]{7,}\d|\(\d{2,5}\)[ ]?\d{3,4}[ .-]?\d{3,4}"
    r"|0\d{2,4}[ .-]\d{3,4}[ .-]?\d{3,4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w-])"
)


def check_html(library: Library) -> list[Diagnostic]:
    """SEC001-004: `<script>`, `<iframe>`, `on...=` attributes and `javascript:` links."""
    out: list[Diagnostic] = []
    for page in library:
        text = mask_code(page.body)
        at = LineIndex(text, page.body_line)
        for rx, code, what in (
            (_SCRIPT, "SEC001", "`<script>` element"),
            (_IFRAME, "SEC002", "`<iframe>` element"),
        ):
            for m in rx.finditer(text):
                line, col = at(m.start())
                out.append(
                    make(
                        code,
                        page.rel,
                        line,
                        col,
                        f"{what} can run code in the page",
                        "remove it; link to the content instead",
                    )
                )
        for tag in _TAG_OR_ATTRS.finditer(text):
            for m in _HANDLER.finditer(tag.group(0)):
                line, col = at(tag.start() + m.start())
                name = m.group(0).rstrip("= ").lower()
                out.append(
                    make(
                        "SEC003",
                        page.rel,
                        line,
                        col,
                        f"event-handler attribute `{name}` can run code",
                        f"remove the `{name}` attribute",
                    )
                )
        for m in _JS_LINK.finditer(text):
            line, col = at(m.start(1))
            out.append(
                make(
                    "SEC004",
                    page.rel,
                    line,
                    col,
                    "`javascript:` link can run code",
                    "link to an `https://` address or a page instead",
                )
            )
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
