"""Which raw HTML a page body may carry: the elements, attributes, addresses and styles refused.

One place decides; `htmlscan` (raw HTML) and `mdscan` (Markdown links and attribute lists) only
find things and ask here. The contributor-facing list is in `docs/about/editorial-policy.md`
("Raw HTML"); keep the two in step.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "ALLOWED_ELEMENTS",
    "Finding",
    "attribute_findings",
    "css_danger",
    "element_finding",
    "script_scheme",
    "url_finding",
]


@dataclass(frozen=True)
class Finding:
    """One refused thing at `offset` in the scanned text; `key` identifies it across scans."""

    code: str
    offset: int
    detail: str
    message: str
    fix: str

    @property
    def key(self) -> tuple[str, str]:
        return self.code, self.detail


#: Elements contributors may write (and everything Markdown itself produces).
_ALLOWED = """
    a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt
    em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s
    samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr
"""
ALLOWED_ELEMENTS = frozenset(_ALLOWED.split())

_REMOVE = "remove it; link to the content instead"
_ELEMENTS: dict[str, tuple[str, str, str]] = {
    "script": ("SEC001", "can run code in the page", _REMOVE),
    "iframe": ("SEC002", "can run code in the page", _REMOVE),
    "frame": ("SEC002", "can run code in the page", _REMOVE),
    "frameset": ("SEC002", "can run code in the page", _REMOVE),
    "base": (
        "SEC005",
        "makes the page load its scripts and links from another address",
        "remove it; write links in full or relative to the page",
    ),
    "meta": ("SEC006", "can redirect readers or change how the page loads", "remove it"),
    "link": ("SEC006", "can load styles or scripts from elsewhere", "remove it"),
    **{
        tag: ("SEC007", "can send what readers type to another site", _REMOVE)
        for tag in ("form", "input", "button", "select", "textarea")
    },
    **{
        tag: ("SEC008", "embeds content that can run code", _REMOVE)
        for tag in ("object", "embed", "applet")
    },
    "style": (
        "SEC009",
        "can restyle or hide the whole page and load content from elsewhere",
        "remove it; site styles live in `docs/assets/keepopen.css`, which maintainers edit",
    ),
}

#: Attributes whose values are text, never addresses (so `title="data: ..."` is fine).
_TEXT_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "aria-description", "summary", "lang"})
_SCHEMES = ("javascript", "vbscript", "data")
_CSS_OVERLAY = ("position:fixed", "position:absolute", "position:sticky", "z-index")
_CSS_DANGER = (
    "url(",
    "image(",
    "image-set(",
    "expression(",
    "@import",
    "behavior:",
    "-moz-binding",
    "javascript:",
    "vbscript:",
)


def element_finding(tag: str, offset: int) -> Finding | None:
    """A refused or unknown element `<tag>` (lower case), or None if contributors may use it."""
    if tag in _ELEMENTS:
        code, why, fix = _ELEMENTS[tag]
        return Finding(code, offset, tag, f"`<{tag}>` element {why}", fix)
    if tag in ALLOWED_ELEMENTS:
        return None
    return Finding(
        "SEC010",
        offset,
        tag,
        f"raw HTML element `<{tag}>` is not one contributors may use",
        "write it in Markdown or with an allowed element; see “Raw HTML” in the editorial policy",
    )


def _drop_invisible(text: str) -> str:
    # Browsers drop tabs and newlines anywhere in a URL and strip control characters and spaces
    # around it; dropping every invisible character is stricter and cannot miss those.
    return "".join(
        ch for ch in text if not (ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf"})
    )


def script_scheme(url: str) -> str | None:
    """`javascript`, `vbscript` or `data` if `url` uses that scheme, however it is encoded."""
    plain = _drop_invisible(html.unescape(url)).replace("\\", "").lower()
    for scheme in _SCHEMES:
        if plain.startswith(scheme + ":"):
            return scheme
    return None


def url_finding(url: str, offset: int) -> Finding | None:
    """SEC004 if the address `url` (found at `offset`) runs a script or carries data."""
    scheme = script_scheme(url)
    if scheme is None:
        return None
    if scheme == "data":
        return Finding(
            "SEC004",
            offset,
            scheme,
            "`data:` address can carry a script or content from outside the library",
            "link to an `https://` address or a page; put images in the library "
            "(for example `docs/assets/`) and link to the file",
        )
    return Finding(
        "SEC004",
        offset,
        scheme,
        f"`{scheme}:` link can run code",
        "link to an `https://` address or a page instead",
    )


def _css_char(match: re.Match[str]) -> str:
    number = int(match.group(1), 16)
    return chr(number) if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else "\ufffd"


def css_danger(style: str) -> str | None:
    """The first construct in a CSS text that loads or runs something, or lifts an element over
    the page, decoded as CSS does."""
    plain = re.sub(r"/\*.*?(\*/|$)", "", style, flags=re.S)
    plain = re.sub(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?", _css_char, plain)
    plain = re.sub(r"\\(.)", r"\1", plain, flags=re.S)
    plain = _drop_invisible(plain).lower()
    found = next((token for token in _CSS_DANGER if token in plain), None)
    if found is None:  # an element lifted over the page can pose as the site ("Site moved")
        compact = re.sub(r"\s+", "", plain)
        found = next((token for token in _CSS_OVERLAY if token in compact), None)
    return found


def attribute_findings(
    name: str, value: str | None, name_offset: int, value_offset: int
) -> list[Finding]:
    """What is refused about one attribute `name` (lower case) with its decoded `value`."""
    found: list[Finding] = []
    if name.startswith("on"):
        found.append(
            Finding(
                "SEC003",
                name_offset,
                name,
                f"event-handler attribute `{name}` can run code",
                f"remove the `{name}` attribute",
            )
        )
    if name == "formaction":
        found.append(
            Finding(
                "SEC007",
                name_offset,
                name,
                "`formaction` attribute can send what readers type to another site",
                "remove the `formaction` attribute",
            )
        )
    if value is None:
        return found
    if name == "style":
        token = css_danger(value)
        if token is not None:
            found.append(
                Finding(
                    "SEC009",
                    value_offset,
                    f"style:{token}",
                    f"`style` attribute uses `{token}`, which can load content or cover the page",
                    f"remove `{token}` from the style; plain colours and sizes are fine",
                )
            )
    elif name not in _TEXT_ATTRIBUTES:
        # `srcset`, SVG `values` and the like hold lists: check every item, not just the first.
        for part in [value, *re.split(r"[,;]", value)]:
            finding = url_finding(part, value_offset)
            if finding is not None:
                found.append(finding)
                break
    return found
