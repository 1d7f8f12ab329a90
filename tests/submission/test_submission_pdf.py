"""PDF export (consultation-generic asks for PDF): printed by Chromium, checked with pdftoppm."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from submission_paths import FORUMS, LIBRARY, TEST_FORUMS, pdftoppm, require_tool

from keepopen.export.submission import ExportOptions, export_submission
from keepopen.export.submission.docx_writer import NUMBERED_STYLE
from keepopen.export.submission.pdf_writer import find_chromium

PAGE = LIBRARY / "docs" / "submissions" / "fixture-consultation.md"


@pytest.fixture(scope="module")
def pdf_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("chromium", find_chromium())
    out = tmp_path_factory.mktemp("consultation")
    result = export_submission(PAGE, ExportOptions(out, forums_dir=FORUMS))
    assert (out / "submission.pdf") in result.written
    return out


def test_pdf_pages_render_to_png_and_match_the_recorded_count(
    pdf_export: Path, tmp_path: Path
) -> None:
    tool = require_tool("pdftoppm", pdftoppm())
    subprocess.run(
        [tool, "-r", "20", "-png", str(pdf_export / "submission.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    record = json.loads((pdf_export / "submission.json").read_text(encoding="utf-8"))
    assert len(pngs) == record["figures"]["pdf_pages"]
    # Title page + body: at least two pages, and within the estimate (which over-counts).
    assert 2 <= len(pngs) <= record["figures"]["estimated_docx_pages"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_pdf_text_uses_the_author_date_style(pdf_export: Path) -> None:
    md = (pdf_export / "submission.md").read_text(encoding="utf-8")
    assert "within days (Doe and Roe 2026, p. 3)." in md
    # Author-date reference lists carry no "[n]" labels and are sorted by author.
    refs = md.split("## References", 1)[1].strip().splitlines()
    entries = [line for line in refs if line]
    assert len(entries) == 2 and not entries[0].startswith("[")
    assert "Users Protest" in entries[0] and "Model Retirement Notice" in entries[1]


def test_layout_variant_letter_unnumbered_without_title_page(tmp_path: Path) -> None:
    require_tool("chromium", find_chromium())
    tool = require_tool("pdftoppm", pdftoppm())
    out = tmp_path / "out"
    result = export_submission(PAGE, ExportOptions(out, forums_dir=TEST_FORUMS))
    document = docx.Document(str(out / "submission.docx"))
    assert document.paragraphs[0].style.name == "Title"  # A title block, not a title page:
    assert not document.element.xpath("//w:br[@w:type='page']")
    assert not [p for p in document.paragraphs if p.style.name == NUMBERED_STYLE]
    assert round(document.sections[0].page_width.cm, 2) == 21.59
    subprocess.run(
        [tool, "-r", "20", "-png", str(out / "submission.pdf"), str(tmp_path / "p")],
        check=True,
        capture_output=True,
    )
    pages = len(list(tmp_path.glob("p-*.png")))
    assert 1 <= pages == result.figures["pdf_pages"] <= result.estimate.pages
