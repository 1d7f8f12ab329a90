"""Front matter keeps the line of every key; YAML errors and odd shapes become diagnostics."""

from __future__ import annotations

import pytest

from keepopen.content.frontmatter import FrontMatterError, Position, parse

PAGE = """\
---
type: testimony
id: quiet-loss
period: {start: 2024-05, end: 2026-02}
collected: 2026-11-25
themes:
  - continuity
  - openness
consent:
  scope: publish
---

# Body
"""


def test_positions_of_keys_values_and_list_items():
    fm, body = parse(PAGE)
    assert fm is not None
    assert fm.keys[("id",)] == Position(3, 1)
    assert fm.values[("id",)] == Position(3, 5)
    assert fm.keys[("period", "end")] == Position(4, 26)
    assert fm.values[("themes", 1)] == Position(8, 5)
    assert fm.keys[("consent", "scope")] == Position(10, 3)
    assert fm.body_line == 12
    assert body == "\n# Body\n"


def test_dates_stay_text_so_the_model_reports_bad_ones():
    fm, _ = parse(PAGE)
    assert fm.data["collected"] == "2026-11-25"
    fm, _ = parse("---\ncollected: 2026-13-01\n---\n")
    assert fm.data["collected"] == "2026-13-01"


def test_where_falls_back_to_the_nearest_written_ancestor():
    fm, _ = parse(PAGE)
    assert fm.where(("consent", "withdraw")) == Position(9, 1)
    assert fm.where(("nothing",)) == Position(1, 1)


def test_page_without_front_matter():
    assert parse("# Just a page\n") == (None, "# Just a page\n")


@pytest.mark.parametrize(
    ("text", "line", "col", "code"),
    [
        ("---\ntype: page\ntitle: [open\nid: x\n---\n", 4, 3, "FM001"),
        ("---\ntype: page\n  id: x\n---\n", 3, 5, "FM001"),
        ("---\ntype: page\n", 1, 1, "FM001"),
        ("---\n- a\n- b\n---\n", 2, 1, "FM002"),
    ],
)
def test_errors_point_at_the_yaml_line(text, line, col, code):
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    assert (info.value.line, info.value.col, info.value.code) == (line, col, code)
