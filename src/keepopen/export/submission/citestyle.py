"""In-text citations, notes and reference-list labels in a profile's citation style.

`numeric` numbers references in order of first citation (`[1]`, `[1, p. 3]`); `author-date`
writes `(Author Year)` and sorts the list alphabetically; `footnotes` puts each citation in a
note (the full reference the first time, `Author Year, p. 3` after), as OHCHR documents do.
Only references cited by exported text are listed.

Citations to `unverified` references are dropped from their citation (a claim keeps its sound
sources), or kept and marked "unverified" when the export runs with `--include-unverified`.
Links keep their target: a web address becomes a note (a footnote in Word, the address in
brackets in plain text); a link to a page of the library keeps only its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from keepopen.bibliography import Bibliography, FormattedEntry
from keepopen.export.submission.reader import markdown_reader
from keepopen.export.submission.sources import find_citations, is_sound, verification

__all__ = [
    "CitationRenderer",
    "Listed",
    "Note",
    "cite_label",
    "flatten",
    "plain_inline",
]

#: `{: .class}`, `{#id}`, `{ .class }`: the site's attribute lists.
_ATTR = re.compile(r"\s*\{:?\s*[.#][^}]*\}|\s*\{:[^}]*\}")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
#: Stands for citation number N while markdown-it reads the inline Markdown around it.
_SLOT = re.compile("\ue000(\\d+)\ue001")
_WEB = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


class Note(NamedTuple):
    """A note anchored after character `offset` of an item's text."""

    offset: int
    text: str
    kind: Literal["link", "cite"]


class Listed(NamedTuple):
    """One row of a reference list: its label (`[3]`, or empty), the entry, its verification."""

    label: str
    entry: FormattedEntry
    verification: str


def cite_label(bib: Bibliography, key: str) -> tuple[str, str]:
    """`(author, year)` of a cited key: the ONE place exports take their author-year labels.

    The formatted entry's year already carries the suffix that tells colliding labels apart
    across the whole bibliography (2024a/2024b, `keepopen.bibliography.labels`), so a brief
    labels a reference exactly as the site does.
    """
    entry = bib.formatted(key)
    return entry.author, entry.year


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass
class _Line:
    """Text being built with notes anchored in it; whitespace is collapsed as it grows."""

    text: str = ""
    notes: list[Note] = field(default_factory=list)

    def add(self, piece: str) -> None:
        # Attribute lists and footnote marks of the site's Markdown are not text.
        piece = _plain(_FOOTNOTE_MARK.sub("", _ATTR.sub("", piece)))
        if (not self.text or self.text.endswith(" ")) and piece.startswith(" "):
            piece = piece.lstrip(" ")
        # UN editorial style puts a footnote mark after the punctuation that follows it.
        end = len(self.text)
        punctuation = len(piece) - len(piece.lstrip(".,;:!?"))
        if punctuation:
            self.notes = [
                n._replace(offset=n.offset + punctuation)
                if n.kind == "cite" and n.offset == end
                else n
                for n in self.notes
            ]
        self.text += piece

    def note(self, text: str, kind: Literal["link", "cite"]) -> None:
        self.text = self.text.rstrip(" ") if kind == "cite" else self.text
        self.notes.append(Note(len(self.text.rstrip(" ")), text, kind))


def flatten(text: str, notes: list[Note], first_number: int = 1) -> tuple[str, list[str]]:
    """Plain text for outputs without footnotes, and the citation notes it numbers.

    A link's address goes in brackets after its words; a citation note (footnote style)
    becomes `[n]`, numbered from `first_number`, and its text is returned in order.
    """
    out, pos, cited = [], 0, []
    for note in sorted(notes, key=lambda n: n.offset):
        out.append(text[pos : note.offset])
        if note.kind == "link":
            out.append(f" ({note.text})")
        else:
            cited.append(note.text)
            out.append(f"[{first_number + len(cited) - 1}]")
        pos = note.offset
    return "".join(out) + text[pos:], cited


def plain_inline(text: str) -> str:
    """Markdown inline markup reduced to plain text, as the site reads it (links keep words)."""
    line = _inline(text, [])
    return line.text.strip()


def _inline(text: str, slots: list[str | tuple[str, str]]) -> _Line:
    """Read inline Markdown with markdown-it; `slots` fill the citation placeholders."""
    line = _Line()
    href: list[str] = []
    for child in markdown_reader().parseInline(text)[0].children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            pos = 0
            for match in _SLOT.finditer(child.content):
                line.add(child.content[pos : match.start()])
                slot = slots[int(match.group(1))]
                if isinstance(slot, str):
                    line.add(slot)
                else:
                    line.add(slot[0])
                    line.note(slot[1], "cite")
                pos = match.end()
            line.add(child.content[pos:])
        elif kind in ("softbreak", "hardbreak"):
            line.add(" ")
        elif kind == "image":
            line.add(child.content)
        elif kind == "link_open":
            href.append(str(child.attrs.get("href", "")))
        elif kind == "link_close" and href:
            target = href.pop()
            if _WEB.match(target):  # A library page's own path is no use to a reader.
                line.note(target.removeprefix("mailto:"), "link")
    return line


@dataclass
class CitationRenderer:
    """Turns `[@key]` citations into the profile's style and remembers what was cited."""

    style: str
    references: Bibliography
    include_unverified: bool = False
    order: list[str] = field(default_factory=list)

    def _keep(self, key: str) -> bool:
        return (
            key not in self.references
            or is_sound(self.references, key)
            or (self.include_unverified)
        )

    def _piece(self, key: str, locator: str, mode: str) -> str:
        first = key not in self.order
        if first:
            self.order.append(key)
        known = key in self.references
        author, year = cite_label(self.references, key) if known else (key, "n.d.")
        loc = f", {locator}" if locator else ""
        flag = "" if not known or is_sound(self.references, key) else ", unverified"
        if self.style == "numeric":
            label = f"{self.order.index(key) + 1}{loc}{flag}"
            return f"{author} [{label}]" if mode == "author-in-text" else label
        if self.style == "footnotes":
            if first and known:
                return self.references.formatted(key).text.rstrip(".") + f"{loc}{flag}"
            return f"{author} {year}{loc}{flag}"
        if mode == "author-in-text":
            return f"{author} ({year}{loc}{flag})"
        if mode == "suppress-author":
            return f"{year}{loc}{flag}"
        return f"{author} {year}{loc}{flag}"

    def _group(self, keys: list[str], locators: list[str], modes: list[str], bracketed: bool):
        """The rendering of one citation group: inline text, or (text, note) in footnotes."""
        kept = [
            (k, loc, m) for k, loc, m in zip(keys, locators, modes, strict=True) if self._keep(k)
        ]
        if not kept:
            return ""
        lead = ""
        if not bracketed and kept[0][0] == keys[0] and kept[0][2] == "author-in-text":
            lead = cite_label(self.references, keys[0])[0] if keys[0] in self.references else ""
        pieces = [self._piece(k, loc, mode) for k, loc, mode in kept]
        if self.style == "footnotes":
            return (lead, "; ".join(p.rstrip(".") for p in pieces) + ".")
        if lead and self.style == "numeric":
            first, rest = pieces[0], pieces[1:]
            return first + (f" [{'; '.join(rest)}]" if rest else "")
        if lead:
            first, rest = pieces[0], pieces[1:]
            return first + (f" ({'; '.join(rest)})" if rest else "")
        if self.style == "numeric":
            return f"[{'; '.join(pieces)}]"
        return f"({'; '.join(pieces)})"

    def render_item(self, text: str) -> tuple[str, list[Note]]:
        """`text` as plain text with its notes (citations in footnote style, web links)."""
        slots: list[str | tuple[str, str]] = []
        marked: list[str] = []
        pos = 0
        for cite in find_citations(text):
            marked.append(text[pos : cite.start])
            modes = cite.modes or ["normal"] * len(cite.keys)
            slots.append(self._group(cite.keys, cite.locators, modes, cite.bracketed))
            marked.append(f"\ue000{len(slots) - 1}\ue001")
            pos = cite.end
        marked.append(text[pos:])
        line = _inline("".join(marked), slots)
        stripped = line.text.lstrip(" ")
        shift = len(line.text) - len(stripped)
        stripped = stripped.rstrip(" ")
        notes = [Note(min(n.offset - shift, len(stripped)), n.text, n.kind) for n in line.notes]
        return stripped, notes

    def render(self, text: str, mark_unverified: bool = False) -> str:
        """`text` with citations rendered and Markdown reduced to plain text (no notes)."""
        return self.render_item(text)[0]

    def reference_list(self) -> list[Listed]:
        """The cited references in the style's order, with their labels.

        The label is `[n]` in numeric style and empty otherwise (the entry starts with its
        author and year, and footnote style sorts the list alphabetically too).
        """
        refs = [key for key in self.order if key in self.references]
        rows = [
            Listed("", self.references.formatted(k), verification(self.references, k)) for k in refs
        ]
        if self.style == "numeric":
            return [Listed(f"[{i}]", row.entry, row.verification) for i, row in enumerate(rows, 1)]
        return sorted(rows, key=lambda row: (row.entry.sort_key, row.entry.key))
