"""Find raw HTML as a browser reads it (the standard library's parser), with offsets.

The parser decodes entities in attribute values and keeps `>` inside quotes, as browsers do.
Where it is laxer than a browser it must not hide anything, so the text of comments,
declarations and `<script>`/`<style>` is read again as HTML.
"""

from __future__ import annotations

import html
import html.parser
import re
from collections.abc import Iterator

from keepopen.checks.htmlpolicy import Finding, attribute_findings, element_finding, url_finding

__all__ = ["scan_html"]

_TAG = getattr(html.parser, "tagfind_tolerant", None)
_ATTR = getattr(html.parser, "attrfind_tolerant", None)


def _attributes(raw: str) -> Iterator[tuple[str, str | None, int, int]]:
    """`(name, decoded value, name offset, value offset)` in a raw start tag, as the parser reads
    it (the same expressions as `HTMLParser.parse_starttag`)."""
    if _TAG is None or _ATTR is None:
        return
    match = _TAG.match(raw, 1)
    k = match.end() if match else len(raw)
    while k < len(raw):
        m = _ATTR.match(raw, k)
        if not m:
            break
        name, rest, value = m.group(1, 2, 3)
        value_at = m.start(3) if rest else m.start(1)
        if not rest:
            value = None
        elif value[:1] == value[-1:] and value[:1] in "'\"" and len(value) > 1:
            value, value_at = value[1:-1], value_at + 1
        yield name.lower(), html.unescape(value) if value else value, m.start(1), value_at
        k = m.end()


class _Scanner(html.parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[Finding] = []
        self.spans: list[tuple[int, int]] = []

    def _here(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def set_cdata_mode(self, *args: object, **kwargs: object) -> None:
        """Read `<script>`/`<style>` content as HTML too (stricter; both are refused anyway)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._here()
        raw = self.get_starttag_text() or ""
        self.spans.append((at, at + len(raw)))
        if ":" in tag or "@" in tag:  # `<https://…>`, `<a@b.org>`: Markdown autolinks
            finding = url_finding(raw[1:-1], at + 1)
        else:
            finding = element_finding(tag, at)
        if finding is not None:
            self.found.append(finding)
        for name, value, name_at, value_at in _attributes(raw):
            self.found += attribute_findings(name, value, at + name_at, at + value_at)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        at = self._here()
        end = self.text.find(">", at)
        self.spans.append((at, end + 1 if end >= 0 else len(self.text)))

    def _inner(self, data: str, lead: int, tail: int) -> None:
        """Markup inside a comment or declaration: browsers may end it sooner than the parser."""
        at = self._here()
        self.spans.append((at, at + lead + len(data) + tail))
        inner_found, _ = scan_html(data)
        self.found += [
            Finding(f.code, f.offset + at + lead, f.detail, f.message, f.fix) for f in inner_found
        ]

    def handle_comment(self, data: str) -> None:
        start = self.text.startswith("<!--", self._here())
        self._inner(data, 4 if start else 2, 3 if start else 1)

    def handle_decl(self, decl: str) -> None:
        self._inner(decl, 2, 1)

    def unknown_decl(self, data: str) -> None:
        self._inner(data, 3, 3)

    def handle_pi(self, data: str) -> None:
        self._inner(data, 2, 1)


def scan_html(text: str) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Refused HTML in `text` (offsets into it) and the `(start, end)` of every tag and comment."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.found, scanner.spans
