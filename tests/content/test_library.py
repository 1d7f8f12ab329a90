"""`scan()` reads every page of a library with its id, type, model, body and URL."""

from __future__ import annotations

from pathlib import Path

from keepopen.content import model
from keepopen.content.library import page_url, scan

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"


def test_scan_fixture_library():
    library = scan(FIXTURE)
    assert library.diagnostics == []
    pages = {p.id: p for p in library}
    assert set(pages) == {
        "home",
        "quiet-loss",
        "keep-it-open",
        "2024-05-13-gpt-4o-release",
        "un-dcp-draft",
    }
    testimony = pages["quiet-loss"]
    assert isinstance(testimony.model, model.Testimony)
    assert testimony.type == "testimony"
    assert testimony.url == "testimony/quiet-loss/"
    assert testimony.rel == "docs/testimony/quiet-loss.md"
    assert testimony.body.startswith("\n# A quiet loss")
    assert testimony.body_line == 25  # the line after the closing `---`
    assert str(testimony.model.collected) == "2026-11-25"
    assert testimony.model.period.start == "2024-05"
    assert isinstance(pages["keep-it-open"].model, model.Argument)
    assert isinstance(pages["2024-05-13-gpt-4o-release"].model, model.Event)
    assert isinstance(pages["un-dcp-draft"].model, model.Submission)
    assert isinstance(pages["home"].model, model.Page)
    assert pages["home"].url == ""
    assert library.themes.ids == ["openness", "continuity", "relational-value"]
    assert "gpt-4.1" in library.models
    assert library.get("quiet-loss") is testimony
    assert [p.id for p in library.of_type("event")] == ["2024-05-13-gpt-4o-release"]


def test_page_url_follows_directory_urls():
    assert page_url("index.md") == ""
    assert page_url("testimony/index.md") == "testimony/"
    assert page_url("evidence/events/x.md") == "evidence/events/x/"


def test_invalid_page_stays_in_library_without_model(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.md").write_text("---\ntype: page\nid: bad\n---\n", "utf-8")
    library = scan(tmp_path)
    [page] = library.pages
    assert page.model is None and page.id == "bad"
    assert [d.format() for d in library.diagnostics] == [
        "docs/bad.md:1:1: FM003 missing required field `title` (fix: add `title:` with a value "
        "(see docs/contribute/content-model.md))"
    ]
