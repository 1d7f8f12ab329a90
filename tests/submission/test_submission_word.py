"""The Word file a UN office expects, laid out by LibreOffice: footnotes, fonts, widths, pages.

Tests that need LibreOffice skip locally without it and fail under CI=true (`.ci/run`
installs libreoffice-writer-nogui).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from submission_paths import FORUMS, LIBRARY, UPR_FIELDS, require_tool

from keepopen.export.submission import ExportOptions, export_brief, export_submission
from keepopen.export.submission.assemble import Document, Item
from keepopen.export.submission.docx_writer import write_docx
from keepopen.export.submission.layout import estimate_pages
from keepopen.export.submission.pagecount import docx_to_pdf, find_soffice, real_page_count
from keepopen.export.submission.pdf_writer import find_chromium
from keepopen.forums import load_profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UPR = load_profile(FORUMS / "ohchr-upr.yml")


def _soffice() -> str:
    return require_tool("LibreOffice (soffice)", find_soffice())


@pytest.fixture(scope="module")
def upr_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("upr") / "out"
    export_brief(
        [str(LIBRARY / "docs" / "arguments" / "continuity-fixture.md")],
        "ohchr-upr",
        # Whole pages (`--full`): the fixture's body carries the citations the footnotes test.
        ExportOptions(out, forums_dir=FORUMS, root=LIBRARY, full=True),
        fields=dict(UPR_FIELDS),
    )
    return out / "submission.docx"


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def test_sources_are_real_word_footnotes(upr_brief: Path) -> None:
    document = _part(upr_brief, "word/document.xml")
    notes = _part(upr_brief, "word/footnotes.xml")
    assert "footnotes+xml" in _part(upr_brief, "[Content_Types].xml")
    assert "relationships/footnotes" in _part(upr_brief, "word/_rels/document.xml.rels")
    anchors = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)
    bodies = re.findall(r'<w:footnote w:id="(\d+)">', notes)
    assert anchors == bodies == [str(n) for n in range(1, len(anchors) + 1)]
    # The first note of a source gives it in full, later ones the short form.
    assert "Model Retirement Notice" in notes
    assert "References" not in [p.text for p in docx.Document(str(upr_brief)).paragraphs]


def test_every_font_is_the_forum_serif_and_black(upr_brief: Path) -> None:
    styles = _part(upr_brief, "word/styles.xml")
    assert "Theme=" not in styles and "w:themeColor" not in styles
    rfonts = " ".join(re.findall(r"<w:rFonts ([^>]*)/>", styles))
    fonts = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', rfonts))
    assert fonts == {"Times New Roman"}
    colours = set(re.findall(r'<w:color w:val="([0-9A-Fa-f]{6})"', styles))
    assert colours <= {"000000"}


def test_dates_are_written_out(upr_brief: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(upr_brief)).paragraphs)
    assert re.search(r"^Date: \d{1,2} [A-Z][a-z]+ \d{4}$", text, flags=re.M)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_field_table_has_fixed_widths(upr_brief: Path) -> None:
    table = docx.Document(str(upr_brief)).tables[0]._tbl
    assert table.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    grid = [int(c.get(f"{W}w")) for c in table.tblGrid.findall(f"{W}gridCol")]
    assert grid == [round(5 / 2.54 * 1440), round(11 / 2.54 * 1440)]


def test_libreoffice_keeps_the_value_column_11_cm(upr_brief: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    import subprocess

    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(upr_brief),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    flat = (tmp_path / "submission.fodt").read_text(encoding="utf-8")
    widths = re.findall(r'style:column-width="([\d.]+)(cm|in)"', flat)
    cm = [float(v) * (2.54 if unit == "in" else 1) for v, unit in widths]
    assert any(abs(w - 11.0) < 0.05 for w in cm), cm
    assert any(abs(w - 5.0) < 0.05 for w in cm), cm


def test_page_limit_is_enforced_on_the_real_layout(upr_brief: Path) -> None:
    _soffice()
    record = (upr_brief.parent / "submission.json").read_text(encoding="utf-8")
    assert '"docx_pages": 1' in record


def _document(items: list[Item]) -> Document:
    return Document("A brief", "OHCHR UPR", [("State under review", "Exampleland")], items)


def _paragraphs(text: str, count: int, headings: bool = False) -> list[Item]:
    items: list[Item] = []
    for n in range(count):
        if headings:
            items.append(Item("heading", f"Heading number {n} of this brief", 2))
        items.append(Item("paragraph", text, number=n + 1))
    return items


@pytest.mark.parametrize(
    ("name", "items"),
    [
        ("wide letters", _paragraphs("WMWM MWMW WWMM MMWW " * 12, 30)),
        ("headings", _paragraphs("A short paragraph under a heading.", 40, headings=True)),
        ("cyrillic", _paragraphs("Широкая буква Ж и Щ в длинных словах исследования " * 6, 30)),
        ("cjk", _paragraphs("人工智能模型的连续性对用户很重要" * 8, 30)),
    ],
)
def test_the_estimate_never_undercounts(name: str, items: list[Item], tmp_path: Path) -> None:
    soffice = _soffice()
    document = _document(items)
    path = write_docx(document, UPR, tmp_path / "brief.docx")
    real = real_page_count(path, soffice)
    estimate = estimate_pages(document, UPR.layout).pages
    assert real is not None and estimate >= real, (name, estimate, real)


def test_a_stale_pdf_from_an_earlier_export_disappears(tmp_path: Path) -> None:
    require_tool("chromium", find_chromium())
    out = tmp_path / "out"
    submissions = LIBRARY / "docs" / "submissions"
    export_submission(
        submissions / "fixture-consultation.md", ExportOptions(out, forums_dir=FORUMS)
    )
    assert (out / "submission.pdf").is_file()
    export_submission(
        submissions / "fixture-un-dcp.md", ExportOptions(out, forums_dir=FORUMS, force=True)
    )
    assert not (out / "submission.pdf").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".keepopen-export.json",
        "fields.md",  # the UN DCP form's fields, ready to paste
        "submission.docx",
        "submission.json",
        "submission.md",
    ]


def test_libreoffice_converts_with_a_private_profile(upr_brief: Path, tmp_path: Path) -> None:
    pdf = docx_to_pdf(upr_brief, tmp_path, _soffice())
    assert pdf.read_bytes().startswith(b"%PDF")
