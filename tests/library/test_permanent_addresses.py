"""Published ids of the real library keep their addresses: a move needs a redirect."""

from __future__ import annotations

import shutil
from pathlib import Path

from keepopen.citepage import check_published

ROOT = Path(__file__).resolve().parents[2]
MOVED = "arguments/relational-continuity.md"


def _copy_library(target: Path) -> Path:
    shutil.copytree(ROOT / "docs", target / "docs")
    for name in ("published.yml", "redirects.yml"):
        shutil.copy(ROOT / name, target / name)
    return target


def test_the_first_edition_is_recorded_as_published() -> None:
    ledger = (ROOT / "published.yml").read_text(encoding="utf-8")
    assert f"relational-continuity: {MOVED}" in ledger
    assert check_published(ROOT) == []


def test_moving_a_published_page_fails_until_a_redirect_is_added(tmp_path: Path) -> None:
    root = _copy_library(tmp_path)
    (root / "docs/arguments/relational-continuity.md").rename(
        root / "docs/arguments/continuity-of-relationships.md"
    )
    page = root / "docs/arguments/continuity-of-relationships.md"
    page.write_text(
        page.read_text("utf-8").replace(
            "id: relational-continuity", "id: continuity-of-relationships"
        ),
        encoding="utf-8",
    )
    problems = check_published(root)
    assert [d.code for d in problems] == ["PUB001"], [d.format() for d in problems]
    assert "relational-continuity" in problems[0].message

    redirects = root / "redirects.yml"  # added to the library's own redirects
    redirects.write_text(
        redirects.read_text(encoding="utf-8").rstrip().removesuffix("{}")
        + f"\n{MOVED}:\n  to: arguments/continuity-of-relationships.md\n"
        "  reason: Renamed to match the claim.\n",
        encoding="utf-8",
    )
    assert check_published(root) == []
