"""`keepopen changelog`: an edition's published pages added, changed, moved and withdrawn."""

from __future__ import annotations

from keepopen.cli import main
from keepopen.history.changelog import changelog_markdown, edition_changes, previous_edition

LEDGER = "published.yml"


def _ledger(entries: dict[str, str]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in sorted(entries.items()))


def test_an_edition_lists_added_changed_moved_and_withdrawn_pages(repo) -> None:
    repo.write("docs/testimony/a.md", "A\n")
    repo.write("docs/testimony/b.md", "B\n")
    repo.write("docs/arguments/c.md", "C\n")
    repo.write("docs/arguments/same.md", "S\n")
    repo.write(
        LEDGER,
        _ledger(
            {
                "a": "testimony/a.md",
                "b": "testimony/b.md",
                "c": "arguments/c.md",
                "same": "arguments/same.md",
            }
        ),
    )
    repo.commit("first edition")
    repo.git("tag", "2026.1")
    repo.write("docs/testimony/a.md", "A, corrected\n")
    repo.remove("docs/testimony/b.md")  # taken down
    repo.remove("docs/arguments/c.md")
    repo.write("docs/arguments/c-renamed.md", "C\n")
    repo.write("docs/evidence/d.md", "D\n")
    repo.write("docs/evidence/unlisted.md", "not in the ledger yet\n")
    repo.write(
        LEDGER,
        _ledger(
            {
                "a": "testimony/a.md",
                "b": "testimony/b.md",
                "c": "arguments/c-renamed.md",
                "d": "evidence/d.md",
                "same": "arguments/same.md",
            }
        ),
    )
    repo.commit("second edition")
    repo.git("tag", "2026.2")

    assert previous_edition(repo.root, "2026.2") == "2026.1"
    assert previous_edition(repo.root, "2026.1") is None
    changes = edition_changes(repo.root, "2026.2", "2026.1")
    assert changes.added == {"d": "evidence/d.md"}
    assert changes.changed == {"a": "testimony/a.md"}
    assert changes.moved == {"c": ("arguments/c.md", "arguments/c-renamed.md")}
    assert changes.withdrawn == {"b": "testimony/b.md"}
    text = changelog_markdown(changes, "Edition 2026.2")
    assert text.startswith("## Edition 2026.2\n")
    assert "### Withdrawn (1)\n\n- `b` (testimony/b.md)" in text
    assert "same" not in text and "unlisted" not in text


def test_the_first_edition_adds_every_published_page(repo, capsys) -> None:
    repo.write("docs/testimony/a.md", "A\n")
    repo.write(LEDGER, _ledger({"a": "testimony/a.md"}))
    repo.commit("first edition")
    assert main(["changelog", "--root", str(repo.root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## HEAD\n") and "### Added (1)\n\n- `a` (testimony/a.md)" in out
