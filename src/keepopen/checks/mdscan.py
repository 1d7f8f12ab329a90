"""Find refused HTML in a Markdown body: raw HTML, link addresses and `{: ...}` attribute lists.

Code is skipped only where Markdown really makes code of it: fenced blocks that are closed, and
backtick spans that start and end outside HTML tags (a backtick inside an attribute value starts
nothing). Whatever this reading gets wrong, `check_html` catches by also reading the rendered page.
"""

from __future__ import annotations

import re

from markdown.extensions.attr_list import get_attrs

from keepopen.checks.htmlpolicy import Finding, attribute_findings, url_finding
from keepopen.checks.htmlscan import scan_html

__all__ = ["mask_code_outside_tags", "source_findings"]

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK = re.compile(r"\]\(\s*<?([^)\n]*)")
# The target may stand on the next line (`[x]:` then the address), as Python-Markdown allows.
_REF_DEF = re.compile(r"^[ \t>]{0,8}\[(?!\^)[^\]\n]+\]:[ \t]*(?:\n[ \t>]*)?<?([^\n]*)", re.M)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_closed_fences(text: str) -> str:
    """`text` with fenced blocks blanked; a fence never closed is not code, so it stays."""
    lines = text.splitlines(keepends=True)
    out = list(lines)
    i = 0
    while i < len(lines):
        opener = _FENCE.match(lines[i])
        if opener:
            fence = opener.group(1)
            for j in range(i + 1, len(lines)):
                closer = _FENCE.match(lines[j])
                if (
                    closer
                    and closer.group(1)[0] == fence[0]
                    and len(closer.group(1)) >= len(fence)
                    and not lines[j][closer.end() :].strip()
                ):
                    out[i : j + 1] = [_blank(line) for line in lines[i : j + 1]]
                    i = j
                    break
        i += 1
    return "".join(out)


def mask_code_outside_tags(text: str) -> str:
    """`text` with closed fenced blocks and backtick code spans blanked (same offsets)."""
    fenced = _mask_closed_fences(text)
    _, spans = scan_html(fenced)
    shielded = list(fenced)
    for start, end in spans:  # backticks inside a tag or comment are not Markdown
        shielded[start:end] = ["x" if ch != "\n" else ch for ch in fenced[start:end]]
    out = list(fenced)
    for m in _CODE_SPAN.finditer("".join(shielded)):
        out[m.start() : m.end()] = _blank(m.group(0))
    return "".join(out)


def _attr_list_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _ATTR_LIST.finditer(text):
        inner = m.group(1)
        for name, value in get_attrs(inner):
            if name == "." or value is None:
                continue
            key = re.search(re.escape(name) + r"\s*=\s*['\"]?", inner)
            name_at = m.start(1) + (key.start() if key else 0)
            value_at = m.start(1) + (key.end() if key else 0)
            found += attribute_findings(name.lower(), value, name_at, value_at)
    return found


def source_findings(body: str, *, mask: bool = True) -> list[Finding]:
    """Everything refused in a Markdown `body` (offsets into it); `mask=False` reads code too."""
    text = mask_code_outside_tags(body) if mask else body
    found, _ = scan_html(text)
    for rx in (_LINK, _REF_DEF):
        for m in rx.finditer(text):
            finding = url_finding(m.group(1), m.start(1))
            if finding is not None:
                found.append(finding)
    found += _attr_list_findings(text)
    return found
