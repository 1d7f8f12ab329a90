"""A deterministic page estimate for the DOCX, so page limits can be enforced without Word.

Word's real line breaking depends on fonts we may not have, so the estimate wraps words greedily
at a conservative average character width (half the font size, wider than Times New Roman's
real average of about 0.45 em) and a line height of 1.2 x the font size x the line spacing.
It therefore tends to over-count slightly: an export that passes will fit in Word.
"""

from __future__ import annotations

import math
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
#: Space after each paragraph, in lines (the DOCX uses 6 pt at 12 pt: half a line).
PARAGRAPH_GAP = 0.5
HEADING_SCALE = {1: 1.4, 2: 1.2, 3: 1.1, 4: 1.0}


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


def wrap_lines(text: str, width: int) -> int:
    """Lines `text` takes when wrapped greedily at `width` characters (at least 1)."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        while size > width:  # A very long word (a URL) breaks across lines.
            if used:
                lines, used = lines + 1, 0
            size -= width
            lines += 1
        if used == 0:
            used = size
        elif used + 1 + size <= width:
            used += 1 + size
        else:
            lines, used = lines + 1, size
    return lines


def estimate_pages(doc: Document, layout: Layout) -> PageEstimate:
    """Pages the DOCX takes under `layout`: title page(s) + body + reference list."""
    width_cm, height_cm = PAGE_SIZES_CM[layout.page_size]
    text_w = _cm_to_pt(width_cm - 2 * layout.margin_cm)
    text_h = _cm_to_pt(height_cm - 2 * layout.margin_cm)
    size = layout.font_size_pt
    char_w = size * CHAR_WIDTH_EM
    line_h = size * LINE_HEIGHT * layout.line_spacing
    cpl = int(text_w // char_w)
    indented = int((text_w - _cm_to_pt(NUMBER_INDENT_CM)) // char_w)
    lpp = int(text_h // line_h)
    lines = 0.0
    for item in doc.items:
        if item.kind == "heading":
            scale = HEADING_SCALE.get(item.level, 1.0)
            lines += wrap_lines(item.text, int(cpl / scale)) * scale + 1.0
        elif item.kind == "quote":
            lines += wrap_lines(item.text, indented - int(_cm_to_pt(1.0) // char_w)) + PARAGRAPH_GAP
        else:
            width = indented if layout.numbered_paragraphs.value else cpl
            lines += wrap_lines(item.text, width) + PARAGRAPH_GAP
    if doc.references:
        lines += HEADING_SCALE[1] + 1.0
        for label, ref in doc.references:
            lines += wrap_lines(f"{label} {ref.text}".strip(), indented) + PARAGRAPH_GAP
    title = title_page_lines(doc, cpl, char_w)
    if layout.title_page:  # A page (or more) of its own.
        pages = math.ceil(title / lpp) + (math.ceil(lines / lpp) if lines else 0)
    else:  # The title block opens page 1.
        lines += title
        pages = math.ceil(lines / lpp)
    return PageEstimate(pages, lines, lpp, cpl)


#: Width of the label column of the title page's field table.
LABEL_COLUMN_CM = 5.0


def title_page_lines(doc: Document, cpl: int, char_w: float) -> float:
    """Lines of the title block: title, forum, date and the field table (label | value)."""
    lines = wrap_lines(doc.title, cpl // 2) * 2.0 + 1.0  # Title style: twice the font size.
    lines += wrap_lines(f"Submission to: {doc.forum_label}", cpl) + PARAGRAPH_GAP
    lines += 1 + PARAGRAPH_GAP
    label_w = int(_cm_to_pt(LABEL_COLUMN_CM) // char_w) - 1
    value_w = cpl - label_w - 2
    for label, value in doc.fields:
        lines += max(wrap_lines(label, label_w), wrap_lines(value, value_w))
    return lines
