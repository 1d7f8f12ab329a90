"""Permanent addresses: a published id may move or go only with a redirect from its old path."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from keepopen.citepage.gitdates import last_changed_dates
from keepopen.citepage.permalinks import check_published, redirect_map, update_published
from keepopen.cli import main


def codes(root: Path) -> list[tuple[str, str, int]]:
    return [(d.code, d.path, d.line) for d in check_published(root)]


def test_fixture_library_is_clean(lib: Path) -> None:
    assert check_published(lib) == []
    assert redirect_map(lib) == {"arguments/old-continuity.md": "arguments/continuity-matters.md"}


def test_removed_page_without_redirect_fails_with_file_line_and_fix(lib: Path) -> None:
    (lib / "docs/index.md").unlink()
    (diagnostic,) = check_published(lib)
    assert diagnostic.format() == (
        "published.yml:2:1: PUB001 published id `home` (index.md) no longer exists "
        "(fix: restore the page, or add `index.md: {to: <new page>.md, reason: ...}` "
        "to redirects.yml)"
    )


def test_moved_page_needs_a_redirect_from_its_old_path(lib: Path) -> None:
    (lib / "published.yml").write_text(
        "continuity-matters: arguments/continuity-matters.md\n", encoding="utf-8"
    )
    docs = lib / "docs/arguments"
    (docs / "continuity-matters.md").rename(docs / "continuity.md")
    # The id stays, the file moved: the old URL would break.
    (lib / "redirects.yml").write_text("", encoding="utf-8")
    assert [c[0] for c in codes(lib)] == ["PUB002"]
    (lib / "redirects.yml").write_text(
        "arguments/continuity-matters.md:\n  to: arguments/continuity.md\n  reason: shorter\n",
        encoding="utf-8",
    )
    assert codes(lib) == []


def test_redirect_chains_are_followed(lib: Path) -> None:
    docs = lib / "docs/arguments"
    (docs / "continuity-matters.md").rename(docs / "continuity.md")
    (lib / "redirects.yml").write_text(
        "arguments/old-continuity.md:\n  to: arguments/continuity.md\n  reason: a\n"
        "arguments/continuity-matters.md:\n  to: arguments/continuity.md\n  reason: b\n",
        encoding="utf-8",
    )
    assert codes(lib) == []


def test_bad_redirect_entries_are_reported(lib: Path) -> None:
    (lib / "redirects.yml").write_text(
        "arguments/a.md:\n  to: arguments/nowhere.md\n  reason: gone\n"
        "arguments/index.md:\n  to: arguments/continuity-matters.md\n"
        "arguments/b.md: {}\n",
        encoding="utf-8",
    )
    found = codes(lib)
    assert ("PUB103", "redirects.yml", 1) in found  # target missing
    assert ("PUB102", "redirects.yml", 4) in found  # no reason
    assert ("PUB104", "redirects.yml", 4) in found  # old page still exists
    assert ("PUB101", "redirects.yml", 6) in found  # no target
    # The ledger's old path lost its redirect too.
    assert ("PUB002", "published.yml", 1) in found


def test_invalid_yaml_names_the_line(lib: Path) -> None:
    (lib / "redirects.yml").write_text("a.md:\n  to: [unclosed\n", encoding="utf-8")
    (diagnostic,) = [d for d in check_published(lib) if d.code == "PUB100"]
    assert diagnostic.path == "redirects.yml" and diagnostic.line >= 2


def test_update_records_new_ids_and_keeps_unredirected_moves(lib: Path) -> None:
    (lib / "published.yml").write_text("", encoding="utf-8")
    ledger, diagnostics = update_published(lib)
    assert diagnostics == []
    assert ledger["continuity-matters"] == "arguments/continuity-matters.md"
    assert ledger["lost-partner"] == "testimony/lost-partner.md"
    text = (lib / "published.yml").read_text(encoding="utf-8")
    assert text.index("arguments:") < text.index("home:")  # sorted, stable diffs
    # A move without a redirect is refused: the ledger keeps the old path.
    docs = lib / "docs/testimony"
    (docs / "lost-partner.md").rename(docs / "partner.md")
    ledger, diagnostics = update_published(lib)
    assert [d.code for d in diagnostics] == ["PUB002"]
    assert ledger["lost-partner"] == "testimony/lost-partner.md"


def test_cli_export_published_fails_on_unredirected_removal(lib: Path, capsys) -> None:
    assert main(["export", "published", "--root", str(lib)]) == 0
    (lib / "docs/testimony/lost-partner.md").unlink()
    assert main(["export", "published", "--root", str(lib)]) == 1
    assert "PUB001 published id `lost-partner`" in capsys.readouterr().out


def test_keepopen_check_runs_the_published_ids_rule(lib: Path) -> None:
    from keepopen.checks.runner import run_checks

    (lib / "docs/index.md").unlink()
    assert "PUB001" in {d.code for d in run_checks(lib).diagnostics}


def _git(root: Path, *args: str, date: str = "2026-01-02T10:00:00+00:00") -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_git_dates_come_from_the_last_commit_and_skip_uncommitted_files(lib: Path) -> None:
    _git(lib, "init", "-q", "-b", "main")
    _git(lib, "add", "docs")
    _git(lib, "commit", "-q", "-m", "first")
    (lib / "docs/index.md").write_text("---\ntype: page\nid: home\ntitle: H\n---\n")
    _git(lib, "add", "docs/index.md")
    _git(lib, "commit", "-q", "-m", "second", date="2026-03-04T10:00:00+00:00")
    (lib / "docs/arguments/index.md").write_text("---\ntype: page\nid: arguments\n---\nedited\n")
    (lib / "docs/new.md").write_text("---\ntype: page\nid: new\n---\n")
    dates = last_changed_dates(lib / "docs")
    assert dates["index.md"] == dt.date(2026, 3, 4)
    assert dates["testimony/lost-partner.md"] == dt.date(2026, 1, 2)
    assert "arguments/index.md" not in dates  # uncommitted edit: build date instead
    assert "new.md" not in dates  # untracked


def test_git_dates_outside_a_repository_are_empty(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    assert last_changed_dates(tmp_path / "docs") == {}


def test_every_reported_code_is_documented(lib: Path) -> None:
    from keepopen.rules import RULES

    (lib / "redirects.yml").write_text(
        "arguments/a.md:\n  to: arguments/nowhere.md\n  reason: gone\n"
        "arguments/index.md:\n  to: arguments/continuity-matters.md\n"
        "arguments/b.md: {}\n",
        encoding="utf-8",
    )
    (lib / "docs/index.md").unlink()
    found = {d.code for d in check_published(lib)}
    assert found <= set(RULES)
    assert {"PUB001", "PUB002", "PUB101", "PUB102", "PUB103", "PUB104"} <= found


def test_the_real_repository_has_no_address_problems() -> None:
    root = Path(__file__).resolve().parents[2]
    assert [d.format() for d in check_published(root)] == []


def test_a_redirect_to_another_site_is_refused_and_never_built(lib: Path) -> None:
    (lib / "redirects.yml").write_text(
        "arguments/gone.md:\n  to: 'https://evil.example/phish'\n  reason: moved\n"
        "arguments/gone-too.md:\n  to: //evil.example/x\n  reason: moved\n",
        encoding="utf-8",
    )
    found = codes(lib)
    assert ("PUB105", "redirects.yml", 1) in found
    assert ("PUB105", "redirects.yml", 4) in found
    assert redirect_map(lib) == {}
