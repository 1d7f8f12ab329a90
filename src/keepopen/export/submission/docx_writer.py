"""`submission.docx` with python-docx: title page, headings, numbered paragraphs, footnotes.

Paragraph numbers are written as text ("1.", "2.", ...) in the paragraph style
`Numbered Paragraph` with a hanging indent, not as a Word list: they then survive copy-paste,
conversion and any viewer, and the number a reader cites is the number printed.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.export.submission.assemble import Document
from keepopen.export.submission.citestyle import Note
from keepopen.export.submission.layout import LABEL_COLUMN_CM, NUMBER_INDENT_CM, PAGE_SIZES_CM
from keepopen.forums.profile import ForumProfile

__all__ = [
    "FOOTNOTE_STYLE",
    "NUMBERED_STYLE",
    "QUOTE_STYLE",
    "REFERENCE_STYLE",
    "write_docx",
]

NUMBERED_STYLE = "Numbered Paragraph"
QUOTE_STYLE = "Submission Quote"
REFERENCE_STYLE = "Reference Entry"
FOOTNOTE_STYLE = "Footnote Text"
FOOTNOTE_MARK_STYLE = "Footnote Reference"
#: Footnotes in 10 pt, as in the Human Rights Council's documents.
FOOTNOTE_PT = 10.0


def _set_font(style, name: str, size: float | None = None) -> None:
    style.font.name = name
    _font_everywhere(style.element.get_or_add_rPr().get_or_add_rFonts(), name)
    if size:
        style.font.size = Pt(size)


_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_THEME_COLOUR = ("w:themeColor", "w:themeShade", "w:themeTint", "w:themeFill")


def _font_everywhere(rfonts, name: str) -> None:
    # Word reads East Asian and complex-script fonts from rFonts too, and a theme font
    # (`asciiTheme`) wins over a named one: name the forum's font for every script.
    for attr in _THEME_FONTS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _one_font_black(doc, name: str) -> None:
    """Every style and the document defaults in the forum's font; no theme (blue) colours."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _font_everywhere(rpr.find(qn("w:rFonts")), name)
    for rfonts in styles.iter(qn("w:rFonts")):
        _font_everywhere(rfonts, name)
    for element in styles.iter():  # Theme colours (blue accents) give way to black.
        for attr in _THEME_COLOUR:
            element.attrib.pop(qn(attr), None)
    for colour in styles.iter(qn("w:color")):
        colour.set(qn("w:val"), "000000")
    for border in list(styles.iter(qn("w:pBdr"))):  # The template's Title has a blue rule.
        border.getparent().remove(border)


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
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # never stretched
    title = doc.styles["Title"]
    _set_font(title, layout.font, layout.font_size_pt * 2)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    title.paragraph_format.space_after = Pt(layout.font_size_pt)
    note = doc.styles.add_style(FOOTNOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(FOOTNOTE_PT)
    note.paragraph_format.line_spacing = 1.0
    note.paragraph_format.space_after = Pt(0)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    mark = doc.styles.add_style(FOOTNOTE_MARK_STYLE, WD_STYLE_TYPE.CHARACTER)
    mark.font.superscript = True
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
    _one_font_black(doc, layout.font)


#: The header line of every page of a `--draft` export.
DRAFT_MARK = "DRAFT: not for submission"


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
        _field_table(doc, doc_model.fields, width - 2 * layout.margin_cm)
    if layout.title_page:
        doc.add_page_break()
        section.different_first_page_header_footer = True
    if layout.page_numbers:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(footer)
    if doc_model.draft:  # `--draft`: every page, the title page too, says so at the top
        for header in (section.header, section.first_page_header):
            header.paragraphs[0].text = DRAFT_MARK

    notes = _Footnotes()
    for item in doc_model.items:
        if item.kind == "heading":
            doc.add_heading(item.text, level=min(item.level, 4))
        elif item.kind == "quote":
            _add_text(doc.add_paragraph(style=QUOTE_STYLE), item.text, item.notes, notes)
        elif layout.numbered_paragraphs.value:
            p = doc.add_paragraph(style=NUMBERED_STYLE)
            p.add_run(f"{item.number}.\t")
            _add_text(p, item.text, item.notes, notes)
        else:
            _add_text(doc.add_paragraph(), item.text, item.notes, notes)
    cited_in_notes = any(n.kind == "cite" for item in doc_model.items for n in item.notes)
    if doc_model.references and not cited_in_notes:  # Footnotes already give each source.
        doc.add_heading("References", level=1)
        for row in doc_model.references:
            p = doc.add_paragraph(style=REFERENCE_STYLE)
            p.add_run(f"{row.label}\t{row.entry.text}" if row.label else row.entry.text)
            if row.verification not in VERIFIED_LEVELS:
                p.add_run(" [unverified]").bold = True
    notes.attach(doc)
    doc.save(str(path))
    return path


def _field_table(doc, fields: list[tuple[str, str]], text_cm: float) -> None:
    """Label | value, with fixed widths every word processor keeps (LibreOffice reads the grid)."""
    widths = (Cm(LABEL_COLUMN_CM), Cm(text_cm - LABEL_COLUMN_CM))
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False  # `w:tblLayout w:type="fixed"`
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(Cm(text_cm).twips)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the `w:gridCol` widths
    for label, value in fields:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT  # a label is never stretched
        cells[0].paragraphs[0].runs[0].bold = True


class _Footnotes:
    """Real Word footnotes: `word/footnotes.xml`, its relationship and content type.

    python-docx has no footnote API, so the part is written through its packaging layer.
    """

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, paragraph, text: str) -> None:
        self.texts.append(text)
        run = paragraph.add_run()
        run.style = FOOTNOTE_MARK_STYLE
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(len(self.texts)))
        run._r.append(ref)

    def attach(self, doc) -> None:
        if not self.texts:
            return
        root = OxmlElement("w:footnotes")
        for number, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = _child(root, "w:footnote", {"w:type": kind, "w:id": str(number)})
            _child(_child(_child(note, "w:p"), "w:r"), f"w:{kind}")
        style_id = doc.styles[FOOTNOTE_STYLE].style_id
        mark_id = doc.styles[FOOTNOTE_MARK_STYLE].style_id
        for number, text in enumerate(self.texts, 1):
            p = _child(_child(root, "w:footnote", {"w:id": str(number)}), "w:p")
            _child(_child(p, "w:pPr"), "w:pStyle", {"w:val": style_id})
            mark = _child(p, "w:r")
            _child(_child(mark, "w:rPr"), "w:rStyle", {"w:val": mark_id})
            _child(mark, "w:footnoteRef")
            _child(_child(p, "w:r"), "w:t", {"xml:space": "preserve"}).text = " " + text
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
        # Word names the separator notes in its settings too (before `w:compat`, as the schema
        # orders them).
        settings = doc.settings.element
        properties = OxmlElement("w:footnotePr")
        for separator_id in ("-1", "0"):
            _child(properties, "w:footnote", {"w:id": separator_id})
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(properties)
        else:
            settings.append(properties)


def _child(parent, tag: str, attrs: dict[str, str] | None = None):
    element = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        element.set(qn(name), value)
    parent.append(element)
    return element


def _add_text(paragraph, text: str, notes: list[Note], footnotes: _Footnotes) -> None:
    """The text in runs, with a real footnote at each note's place."""
    marker = "[Unverified] "
    pos = 0
    if text.startswith(marker):
        paragraph.add_run(marker).bold = True
        pos = len(marker)
    for note in sorted(notes, key=lambda n: n.offset):
        if note.offset > pos:
            paragraph.add_run(text[pos : note.offset])
            pos = note.offset
        footnotes.add(paragraph, note.text)
    if pos < len(text):
        paragraph.add_run(text[pos:])
