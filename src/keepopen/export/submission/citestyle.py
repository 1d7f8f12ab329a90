"""In-text citations and reference-list labels in a profile's citation style.

`numeric` numbers references in order of first citation (`[1]`, `[1, p. 3]`); `author-date`
writes `(Author Year)` and sorts the list alphabetically. Only references cited by exported
text are listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.export.submission.sources import Reference, find_citations

__all__ = ["CitationRenderer", "plain_inline"]

_LINK = re.compile(r"!?\[([^\[\]]*)\]\(([^)]*)\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_EM = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")
_CODE = re.compile(r"`([^`]*)`")
_ATTR = re.compile(r"\s*\{[:.#][^}]*\}")


def plain_inline(text: str) -> str:
    """Markdown inline markup reduced to plain text (links keep their words)."""
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _STRONG.sub(lambda m: m.group(2), text)
    text = _EM.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ATTR.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def author_year(ref: Reference) -> str:
    """`Author Year` for author-date citations and reference-list labels."""
    return f"{ref.author or ref.key} {ref.year}"


@dataclass
class CitationRenderer:
    """Turns `[@key]` citations into the profile's style and remembers what was cited."""

    style: str
    references: dict[str, Reference]
    order: list[str] = field(default_factory=list)

    def _piece(self, key: str, locator: str, mode: str, mark_unverified: bool) -> str:
        if key not in self.order:
            self.order.append(key)
        ref = self.references.get(key)
        loc = f", {locator}" if locator else ""
        flag = ""
        if mark_unverified and ref and ref.verification not in VERIFIED_LEVELS:
            flag = ", unverified"
        if self.style == "numeric":
            label = f"{self.order.index(key) + 1}{loc}{flag}"
            return f"{ref.author} [{label}]" if mode == "author-in-text" and ref else label
        year = ref.year if ref else "n.d."
        if mode == "author-in-text" and ref:
            return f"{ref.author} ({year}{loc}{flag})"
        if mode == "suppress-author":
            return f"{year}{loc}{flag}"
        return f"{ref.author if ref else key} {year}{loc}{flag}"

    def render(self, text: str, mark_unverified: bool = False) -> str:
        """`text` with citations rendered and Markdown reduced to plain text."""
        out: list[str] = []
        pos = 0
        for cite in find_citations(text):
            out.append(text[pos : cite.start])
            modes = cite.modes or ["normal"] * len(cite.keys)
            pieces = [
                self._piece(k, loc, mode, mark_unverified)
                for k, loc, mode in zip(cite.keys, cite.locators, modes, strict=True)
            ]
            if not cite.bracketed:  # `@key` in running text, maybe with `[p. 3; @other]`.
                first, rest = pieces[0], pieces[1:]
                out.append(
                    first
                    + (
                        f" [{'; '.join(rest)}]"
                        if rest and self.style == "numeric"
                        else f" ({'; '.join(rest)})"
                        if rest
                        else ""
                    )
                )
            elif self.style == "numeric":
                out.append(f"[{'; '.join(pieces)}]")
            else:
                out.append(f"({'; '.join(pieces)})")
            pos = cite.end
        out.append(text[pos:])
        return plain_inline("".join(out))

    def reference_list(self) -> list[tuple[str, Reference]]:
        """(label, reference) pairs in the style's order, for the cited keys only.

        The label is `[n]` in numeric style and empty in author-date style.
        """
        refs = [(key, self.references[key]) for key in self.order]
        if self.style == "numeric":
            return [(f"[{i}]", ref) for i, (_, ref) in enumerate(refs, 1)]
        # Author-date entries start with their author and year: no separate label.
        ordered = sorted((ref for _, ref in refs), key=lambda r: author_year(r).lower())
        return [("", ref) for ref in ordered]
