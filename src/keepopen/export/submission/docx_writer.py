"""`submission.docx` with python-docx: title page, headings, numbered paragraphs, references.

Paragraph numbers are written as text ("1.", "2.", ...) in the paragraph style
`Numbered Paragraph` with a hanging indent, not as a Word list: they then survive copy-paste,
conversion and any viewer, and the number a reader cites is the number printed.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.export.submission.assemble import Document
from keepopen.export.submission.layout import LABEL_COLUMN_CM, NUMBER_INDENT_CM, PAGE_SIZES_CM
from keepopen.forums.profile import ForumProfile

__all__ = ["NUMBERED_STYLE", "QUOTE_STYLE", "REFERENCE_STYLE", "write_docx"]

NUMBERED_STYLE = "Numbered Paragraph"
QUOTE_STYLE = "Submission Quote"
REFERENCE_STYLE = "Reference Entry"


def _set_font(style, name: str, size: float | None = None) -> None:
    style.font.name = name
    # Word reads East Asian and complex-script fonts from rFonts too; set them all alike.
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if size:
        style.font.size = Pt(size)


def _page_number_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _styles(doc, profile: ForumProfile) -> None:
    layout = profile.layout
    normal = doc.styles["Normal"]
    _set_font(normal, layout.font, layout.font_size_pt)
    fmt = normal.paragraph_format
    fmt.line_spacing = layout.line_spacing
    fmt.space_after = Pt(layout.font_size_pt / 2)
    if layout.justified:
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for level in (1, 2, 3, 4):
        heading = doc.styles[f"Heading {level}"]
        _set_font(heading, layout.font, layout.font_size_pt * {1: 1.4, 2: 1.2}.get(level, 1.1))
        heading.font.color.rgb = RGBColor(0, 0, 0)
    _set_font(doc.styles["Title"], layout.font, layout.font_size_pt * 2)
    numbered = doc.styles.add_style(NUMBERED_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    numbered.paragraph_format.left_indent = Cm(NUMBER_INDENT_CM)
    numbered.paragraph_format.first_line_indent = Cm(-NUMBER_INDENT_CM)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(NUMBER_INDENT_CM))
    quote = doc.styles.add_style(QUOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = normal
    quote.paragraph_format.left_indent = Cm(NUMBER_INDENT_CM + 1.0)
    quote.font.italic = True
    reference = doc.styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    reference.base_style = normal
    reference.paragraph_format.left_indent = Cm(NUMBER_INDENT_CM)
    reference.paragraph_format.first_line_indent = Cm(-NUMBER_INDENT_CM)
    reference.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def write_docx(doc_model: Document, profile: ForumProfile, path: Path) -> Path:
    """Write the DOCX for `doc_model` under `profile`'s layout; return `path`."""
    layout = profile.layout
    doc = new_docx()
    section = doc.sections[0]
    width, height = PAGE_SIZES_CM[layout.page_size]
    section.page_width, section.page_height = Cm(width), Cm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(layout.margin_cm))
    _styles(doc, profile)
    props = doc.core_properties
    props.title, props.author, props.subject = doc_model.title, "Keep Open", doc_model.forum_label

    # The title block: a page of its own, or (title_page: false) the top of page 1.
    doc.add_paragraph(doc_model.title, style="Title")
    doc.add_paragraph(f"Submission to: {doc_model.forum_label}")
    doc.add_paragraph(f"Date: {doc_model.date}")
    if doc_model.fields:
        table = doc.add_table(rows=0, cols=2)
        table.autofit = False
        value_cm = width - 2 * layout.margin_cm - LABEL_COLUMN_CM
        for label, value in doc_model.fields:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
            cells[0].width, cells[1].width = Cm(LABEL_COLUMN_CM), Cm(value_cm)
            cells[0].paragraphs[0].runs[0].bold = True
    if layout.title_page:
        doc.add_page_break()
        section.different_first_page_header_footer = True
    if layout.page_numbers:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(footer)

    for item in doc_model.items:
        if item.kind == "heading":
            doc.add_heading(item.text, level=min(item.level, 4))
        elif item.kind == "quote":
            doc.add_paragraph(item.text, style=QUOTE_STYLE)
        elif layout.numbered_paragraphs.value:
            p = doc.add_paragraph(style=NUMBERED_STYLE)
            p.add_run(f"{item.number}.\t")
            _add_text(p, item.text)
        else:
            _add_text(doc.add_paragraph(), item.text)
    if doc_model.references:
        doc.add_heading("References", level=1)
        for label, ref in doc_model.references:
            p = doc.add_paragraph(style=REFERENCE_STYLE)
            p.add_run(f"{label}\t{ref.text}" if label else ref.text)
            if ref.verification not in VERIFIED_LEVELS:
                p.add_run(" [unverified]").bold = True
    doc.save(str(path))
    return path


def _add_text(paragraph, text: str) -> None:
    marker = "[Unverified] "
    if text.startswith(marker):
        paragraph.add_run(marker).bold = True
        text = text[len(marker) :]
    paragraph.add_run(text)
