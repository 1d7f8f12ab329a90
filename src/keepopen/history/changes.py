"""What a pull request changes in the library: pages added, changed or removed, and references
added or removed, between the point where it left `base` and `head`.

Reported in Markdown for the pull request's job summary (`keepopen changes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.history.git import changed_files, file_at, git

__all__ = ["LibraryChanges", "bib_keys", "library_changes", "summary_markdown"]

#: An entry's opening `@type{key,`; `@string`, `@preamble` and `@comment` hold no reference.
_ENTRY = re.compile(
    r"^\s*@(?!(?:string|preamble|comment)\b)\w+\s*[{(]\s*([^\s,]+)\s*,", re.I | re.M
)


def bib_keys(text: str | None) -> set[str]:
    """The citation keys a BibTeX text defines."""
    return set(_ENTRY.findall(text or ""))


@dataclass
class LibraryChanges:
    """Paths are relative to the repository root; keys are citation keys."""

    pages_added: list[str] = field(default_factory=list)
    pages_changed: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    references_added: list[str] = field(default_factory=list)
    references_removed: list[str] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)

    @property
    def changed_paths(self) -> set[str]:
        return {*self.pages_added, *self.pages_changed}


def library_changes(root: Path, base: str, head: str = "HEAD") -> LibraryChanges:
    """The library's changes from the merge base of `base` and `head` to `head`."""
    start = git(root, "merge-base", base, head).strip()
    changes = LibraryChanges()
    added: set[str] = set()
    removed: set[str] = set()
    for status, path in changed_files(root, start, head):
        if path.startswith("docs/") and path.endswith(".md"):
            {"A": changes.pages_added, "D": changes.pages_removed}.get(
                status, changes.pages_changed
            ).append(path)
        elif path.endswith(".bib"):
            before, after = (
                bib_keys(file_at(root, start, path)),
                bib_keys(file_at(root, head, path)),
            )
            added |= after - before
            removed |= before - after
        else:
            changes.other_files.append(path)
    # A reference moved from one .bib file to another is neither added nor removed.
    changes.references_added = sorted(added - removed)
    changes.references_removed = sorted(removed - added)
    return changes


def _section(title: str, items: list[str], limit: int = 50) -> list[str]:
    if not items:
        return []
    lines = [f"**{title}** ({len(items)})", ""]
    lines += [f"- `{item}`" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"- ... and {len(items) - limit} more")
    return [*lines, ""]


def summary_markdown(
    changes: LibraryChanges, check_counts: tuple[int, int] | None = None, base: str = ""
) -> str:
    """A short Markdown report: what changed, then (if given) the check's errors and warnings."""
    against = f" (against `{base}`)" if base else ""
    lines = [f"### What this changes in the library{against}", ""]
    lines += _section("Pages added", changes.pages_added)
    lines += _section("Pages changed", changes.pages_changed)
    lines += _section("Pages removed", changes.pages_removed)
    lines += _section("References added", changes.references_added)
    lines += _section("References removed", changes.references_removed)
    if len(lines) == 2:
        lines += ["No page or reference changed.", ""]
    if changes.other_files:
        lines += [f"Other files changed: {len(changes.other_files)}.", ""]
    if check_counts is not None:
        errors, warnings = check_counts
        verdict = "passes" if not errors else "fails"
        lines += [f"**`keepopen check`** {verdict}: {errors} error(s), {warnings} warning(s).", ""]
    return "\n".join(lines)
