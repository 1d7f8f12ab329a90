"""A deterministic page estimate for the DOCX, so page limits can be enforced without Word.

Where LibreOffice is installed the export lays the DOCX out for real (`pagecount`); this
estimate is what it falls back on, so it must never count fewer pages than a word processor.
It wraps words greedily, measuring each character at a width no serif font exceeds: half an em
for lower-case Latin letters, wider for capitals and W/M/m/w, a full em for CJK (whose lines
are also taller), and keeps a margin per page for what line-breaking rules cost (headings kept
with their next line, widows and orphans, the footnote separator). Footnotes count at 10 pt.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from keepopen.export.submission.assemble import Document
from keepopen.forums.profile import Layout

__all__ = [
    "LABEL_COLUMN_CM",
    "NUMBER_INDENT_CM",
    "PAGE_SIZES_CM",
    "PageEstimate",
    "estimate_pages",
    "title_page_lines",
    "wrap_lines",
]

PAGE_SIZES_CM = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
#: Hanging indent of numbered paragraphs (the number sits in it).
NUMBER_INDENT_CM = 1.0
CHAR_WIDTH_EM = 0.5
LINE_HEIGHT = 1.2
#: Lines of CJK text are taller: fallback CJK fonts have larger ascent and descent.
WIDE_LINE_HEIGHT = 1.5
#: Space after each paragraph, in lines (the DOCX uses 6 pt at 12 pt: half a line).
PARAGRAPH_GAP = 0.5
HEADING_SCALE = {1: 1.4, 2: 1.2, 3: 1.1, 4: 1.0}
#: Space above a heading, in lines: the template's Heading 1 has 24 pt before it, the others 10 pt.
HEADING_GAP = {1: 2.0, 2: 1.0, 3: 1.0, 4: 1.0}
#: Lines per page lost to keep-with-next headings, widows/orphans and the footnote separator.
PAGE_SLACK_LINES = 2
#: Footnote text size (see `docx_writer.FOOTNOTE_PT`).
FOOTNOTE_PT = 10.0


@dataclass(frozen=True)
class PageEstimate:
    """The estimate and the figures it rests on."""

    pages: int
    body_lines: float
    lines_per_page: int
    chars_per_line: int

    def describe(self) -> str:
        return (
            f"{self.pages} page(s) (title block included; {self.body_lines:.0f} lines at "
            f"{self.lines_per_page} lines/page, {self.chars_per_line} characters/line)"
        )


def _cm_to_pt(cm: float) -> float:
    return cm / 2.54 * 72


def char_units(char: str) -> float:
    """A character's width in units of `CHAR_WIDTH_EM`, never less than a serif font's."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2.0  # a full em
    if char in "WMmw@%\u2014":
        return 2.0
    if char.isupper():
        return 1.6
    if char.isalpha() and not char.isascii():  # Cyrillic, Greek, accented: wider on average
        return 1.4
    return 1.0  # lower-case Latin, digits, punctuation


def wrap_lines(text: str, width: float) -> int:
    """Lines `text` takes when wrapped greedily at `width` units (a lower-case letter is one).

    CJK text has no spaces: it breaks at any character, as word processors do.
    """
    lines, used = 1, 0.0
    for word in _words(text):
        size = sum(char_units(c) for c in word)
        while size > width:  # A very long word (a URL, a CJK run) breaks across lines.
            if used:
                lines, used = lines + 1, 0.0
            size -= width
            lines += 1
        if used == 0:
            used = size
        elif used + 1 + size <= width:
            used += 1 + size
        else:
            lines, used = lines + 1, size
    return lines


def _words(text: str) -> list[str]:
    return text.split()


def _line_height(text: str) -> float:
    wide = any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)
    return WIDE_LINE_HEIGHT / LINE_HEIGHT if wide else 1.0


def estimate_pages(doc: Document, layout: Layout) -> PageEstimate:
    """Pages the DOCX takes under `layout`: title block + body + footnotes + reference list."""
    width_cm, height_cm = PAGE_SIZES_CM[layout.page_size]
    text_w = _cm_to_pt(width_cm - 2 * layout.margin_cm)
    text_h = _cm_to_pt(height_cm - 2 * layout.margin_cm)
    size = layout.font_size_pt
    char_w = size * CHAR_WIDTH_EM
    line_h = size * LINE_HEIGHT * layout.line_spacing
    cpl = int(text_w // char_w)
    indented = int((text_w - _cm_to_pt(NUMBER_INDENT_CM)) // char_w)
    note_cpl = int(text_w // (FOOTNOTE_PT * CHAR_WIDTH_EM))
    note_scale = FOOTNOTE_PT / size / layout.line_spacing  # footnotes are single-spaced
    lpp = int(text_h // line_h)
    lines = 0.0
    cited_in_notes = False
    for item in doc.items:
        tall = _line_height(item.text)
        if item.kind == "heading":
            scale = HEADING_SCALE.get(item.level, 1.0)
            gap = HEADING_GAP.get(item.level, 1.0)
            lines += wrap_lines(item.text, cpl / scale / 1.1) * scale * tall + gap
        elif item.kind == "quote":
            quote_w = indented - int(_cm_to_pt(1.0) // char_w)
            lines += wrap_lines(item.text, quote_w) * tall + PARAGRAPH_GAP
        else:
            width = indented if layout.numbered_paragraphs.value else cpl
            lines += wrap_lines(item.text, width) * tall + PARAGRAPH_GAP
        for note in item.notes:
            cited_in_notes |= note.kind == "cite"
            lines += wrap_lines(note.text, note_cpl) * note_scale * _line_height(note.text)
    if doc.references and not cited_in_notes:
        lines += HEADING_SCALE[1] + HEADING_GAP[1]
        for row in doc.references:
            lines += wrap_lines(f"{row.label} {row.entry.text}".strip(), indented) + PARAGRAPH_GAP
    title = title_page_lines(doc, cpl, char_w)
    usable = max(lpp - PAGE_SLACK_LINES, 1)
    if layout.title_page:  # A page (or more) of its own.
        pages = math.ceil(title / usable) + (math.ceil(lines / usable) if lines else 0)
    else:  # The title block opens page 1.
        lines += title
        pages = math.ceil(lines / usable)
    return PageEstimate(pages, lines, usable, cpl)


#: Width of the label column of the title page's field table.
LABEL_COLUMN_CM = 5.0


def title_page_lines(doc: Document, cpl: int, char_w: float) -> float:
    """Lines of the title block: title, forum, date and the field table (label | value)."""
    lines = wrap_lines(doc.title, cpl / 2 / 1.1) * 2.0 + 1.0  # Title: twice the size, bold.
    lines += wrap_lines(f"Submission to: {doc.forum_label}", cpl) + PARAGRAPH_GAP
    lines += 1 + PARAGRAPH_GAP
    label_w = int(_cm_to_pt(LABEL_COLUMN_CM) // char_w) - 1
    value_w = cpl - label_w - 2
    for label, value in doc.fields:
        lines += max(wrap_lines(label, label_w / 1.1), wrap_lines(value, value_w)) + 0.2
    return lines
