"""`keepopen changes`: pages and references a branch adds, changes or removes."""

from __future__ import annotations

from keepopen.cli import main
from keepopen.history.changes import bib_keys, library_changes, summary_markdown

BIB = "@article{smith2024,\n  title = {A},\n}\n@string{x = {y}}\n"


def test_bib_keys_skip_strings_and_comments() -> None:
    assert bib_keys(BIB + "@comment{nothing,}\n@Book( jones2020 ,\n)") == {"smith2024", "jones2020"}


def test_a_branch_reports_what_it_adds_changes_and_removes(repo) -> None:
    repo.write("docs/testimony/a.md", "# A\n")
    repo.write("docs/testimony/b.md", "# B\n")
    repo.write("references/core.bib", BIB)
    repo.write("references/old.bib", "@misc{moved2020,\n}\n@misc{gone2019,\n}\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("docs/testimony/a.md", "# A, edited\n")
    repo.remove("docs/testimony/b.md")
    repo.write("docs/arguments/c.md", "# C\n")
    repo.write("references/core.bib", BIB + "@report{un2025,\n}\n@misc{moved2020,\n}\n")
    repo.remove("references/old.bib")
    repo.write("Makefile", "all:\n")
    repo.commit("pr")
    # main moves on after the branch left it: its changes are not the branch's
    repo.git("checkout", "-q", "main")
    repo.write("docs/about.md", "# About\n")
    repo.commit("main moves on")
    repo.git("checkout", "-q", "pr")

    changes = library_changes(repo.root, "main")

    assert changes.pages_added == ["docs/arguments/c.md"]
    assert changes.pages_changed == ["docs/testimony/a.md"]
    assert changes.pages_removed == ["docs/testimony/b.md"]
    assert changes.references_added == ["un2025"]  # moved2020 only moved to another file
    assert changes.references_removed == ["gone2019"]
    assert changes.other_files == ["Makefile"]
    text = summary_markdown(changes, (1, 2), base="main")
    assert "**Pages added** (1)" in text and "- `docs/arguments/c.md`" in text
    assert "`un2025`" in text and "docs/about.md" not in text
    assert "fails: 1 error(s), 2 warning(s)" in text


def test_nothing_changed_says_so(repo) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("base")
    assert "No page or reference changed." in summary_markdown(library_changes(repo.root, "HEAD"))


def test_command_prints_the_summary_and_names_a_bad_revision(repo, capsys) -> None:
    repo.write("docs/index.md", "# Home\n")
    repo.commit("base")
    repo.write("docs/new.md", "# New\n")
    repo.commit("new page")
    assert main(["changes", "--base", "HEAD~1", "--root", str(repo.root)]) == 0
    assert "- `docs/new.md`" in capsys.readouterr().out
    assert main(["changes", "--base", "no-such-branch", "--root", str(repo.root)]) == 2
    assert "no-such-branch" in capsys.readouterr().err
