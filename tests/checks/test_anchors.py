"""Anchors come from rendering the page as the site does, and match what MkDocs itself finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import build_site

from keepopen.checks.anchors import AnchorIndex
from keepopen.checks.links import check_links
from keepopen.checks.mdrender import Renderer
from keepopen.content.library import scan

MKDOCS_YML = """\
site_name: Anchors
strict: true
validation:
  anchors: warn
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
"""

TARGET = """\
# The `open()` call

## See [the policy](index.md) *now*

## Lock-in &amp; exit

## Custom title {#custom}

## Repeated

## Repeated

## The `<details>` tag

Setext heading
--------------

<div id="raw-block" markdown>
Text.
</div>

```
# not a heading
```
"""

#: What `toc` + `attr_list` + raw HTML give TARGET (checked against MkDocs below).
EXPECTED = {
    "the-open-call",
    "see-the-policy-now",
    "lock-in-exit",
    "custom",
    "repeated",
    "repeated_1",
    "the-details-tag",
    "setext-heading",
    "raw-block",
}
#: What the old regex reading made of some of those headings: none exists in the built page.
WRONG = ["the-call", "the-tag", "custom-title", "not-a-heading"]


def _site(root: Path, links: list[str]) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs" / "target.md").write_text(TARGET, encoding="utf-8")
    lines = [f"- [{a}](target.md#{a})" for a in links]
    (root / "docs" / "index.md").write_text("# Home\n\n" + "\n".join(lines) + "\n", "utf-8")
    return root


def test_anchors_are_the_ids_of_the_rendered_page(tmp_path: Path) -> None:
    root = _site(tmp_path, [])
    assert AnchorIndex(Renderer(root))(TARGET) == EXPECTED


def test_anchors_are_kept_by_body_hash(tmp_path: Path) -> None:
    renders: list[str] = []

    class Counting(Renderer):
        def __call__(self, body: str) -> str:
            renders.append(body)
            return super().__call__(body)

    index = AnchorIndex(Counting(_site(tmp_path, [])))
    body = TARGET + "\n## Only in this test {#cache-probe}\n"
    assert index(body) == index(body) == EXPECTED | {"cache-probe"}
    assert len(renders) == 1


def test_mkdocs_finds_every_computed_anchor(tmp_path: Path) -> None:
    root = _site(tmp_path / "ok", sorted(EXPECTED))
    result = build_site(root / "mkdocs.yml", tmp_path / "site-ok")
    assert result.returncode == 0, result.stderr
    # The tests quiet both build banners (README, "Build banners").
    assert "end of life" not in result.stderr and "ProperDocs" not in result.stderr


@pytest.mark.parametrize("wrong", WRONG[:2])
def test_mkdocs_refuses_what_the_regex_made(tmp_path: Path, wrong: str) -> None:
    root = _site(tmp_path / "bad", [wrong])
    result = build_site(root / "mkdocs.yml", tmp_path / "site-bad")
    assert result.returncode != 0 and f"anchor '#{wrong}'" in result.stderr


def test_the_link_check_agrees(tmp_path: Path) -> None:
    root = _site(tmp_path, sorted(EXPECTED) + WRONG)
    found = check_links(scan(root))
    assert sorted(d.message.split("`")[1] for d in found if d.code == "LNK002") == sorted(
        f"#{a}" for a in WRONG
    )
