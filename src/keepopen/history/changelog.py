"""The content changelog of an edition: which published pages it added, changed, moved or
withdrew since the previous edition.

Read from the ledger of published ids (`published.yml`, see `keepopen.citepage.permalinks`) at
both revisions and from git: an id new in the ledger was added; an id whose file changed was
changed; an id whose file is gone from `docs/` (taken down, or redirected) was withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from keepopen.citepage.permalinks import LEDGER_FILE
from keepopen.history.git import GitError, changed_files, file_at, files_at, git

__all__ = ["EditionChanges", "edition_changes", "changelog_markdown", "previous_edition"]


@dataclass
class EditionChanges:
    """Page ids (with their file under `docs/` at the newer revision where it exists)."""

    since: str | None
    until: str
    added: dict[str, str] = field(default_factory=dict)
    changed: dict[str, str] = field(default_factory=dict)
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    withdrawn: dict[str, str] = field(default_factory=dict)


def _ledger(root: Path, revision: str | None) -> dict[str, str]:
    text = file_at(root, revision, LEDGER_FILE) if revision else None
    data = yaml.safe_load(text) if text else None
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def previous_edition(root: Path, until: str) -> str | None:
    """The newest tag reachable from `until`'s parent, or None for the first edition."""
    try:
        return git(root, "describe", "--tags", "--abbrev=0", f"{until}^").strip() or None
    except GitError:
        return None


def edition_changes(root: Path, until: str = "HEAD", since: str | None = None) -> EditionChanges:
    """What the edition at `until` changed since the edition `since` (None: since the start)."""
    before, after = _ledger(root, since), _ledger(root, until)
    docs_now = {p.removeprefix("docs/") for p in files_at(root, until, "docs")}
    docs_before: set[str] = set()
    touched: set[str] = set()
    if since:
        docs_before = {p.removeprefix("docs/") for p in files_at(root, since, "docs")}
        touched = {p.removeprefix("docs/") for _, p in changed_files(root, since, until)}
    result = EditionChanges(since=since, until=until)
    for page_id in sorted(before.keys() | after.keys()):
        old = before.get(page_id)
        new = after.get(page_id, old)
        was = old if old in docs_before else None
        now = new if new in docs_now else None
        if now and not was:
            result.added[page_id] = now
        elif was and not now:
            result.withdrawn[page_id] = was
        elif was and now and was != now:
            result.moved[page_id] = (was, now)
        elif now and now in touched:
            result.changed[page_id] = now
    return result


def changelog_markdown(changes: EditionChanges, title: str | None = None) -> str:
    """The edition's changelog in Markdown, one section per kind of change."""
    since = f" since {changes.since}" if changes.since else ""
    lines = [f"## {title or changes.until}", "", f"Published pages{since}:", ""]
    sections = [
        ("Added", [f"`{i}` ({p})" for i, p in changes.added.items()]),
        ("Changed", [f"`{i}` ({p})" for i, p in changes.changed.items()]),
        ("Moved", [f"`{i}` ({a} → {b})" for i, (a, b) in changes.moved.items()]),
        ("Withdrawn", [f"`{i}` ({p})" for i, p in changes.withdrawn.items()]),
    ]
    empty = True
    for name, items in sections:
        if items:
            empty = False
            lines += [f"### {name} ({len(items)})", "", *(f"- {item}" for item in items), ""]
    if empty:
        lines += ["No published page was added, changed or withdrawn.", ""]
    return "\n".join(lines)
