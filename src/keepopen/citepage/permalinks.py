"""Permanent addresses: the redirects map and the ledger of published ids.

`redirects.yml` (next to `mkdocs.yml`) maps an old page path to its new path, with the reason,
and feeds the `redirects` plugin so old URLs keep working. `published.yml` records every
published id and the file it lives in; `keepopen check` fails when a published id disappears
or moves and no redirect keeps its old address alive. `keepopen export published` updates
the ledger after a release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from keepopen.content.library import Library, scan
from keepopen.content.safe_yaml import YamlLimitError
from keepopen.content.textfile import NotUtf8Error, UnreadableFileError, read_text, unreadable
from keepopen.content.yaml_positions import load_yaml_with_positions
from keepopen.diagnostics import Diagnostic, display_path
from keepopen.rules import make

__all__ = [
    "LEDGER_FILE",
    "REDIRECTS_FILE",
    "Redirect",
    "check_published",
    "load_ledger",
    "load_redirects",
    "redirect_map",
    "update_published",
]

REDIRECTS_FILE = "redirects.yml"
LEDGER_FILE = "published.yml"

_LEDGER_HEADER = """\
# Published page ids and the file (under docs/) each lives in. Written by
# `keepopen export published`; do not edit by hand. `keepopen check` fails when an id listed
# here disappears or moves without an entry in redirects.yml.
"""


@dataclass(frozen=True)
class Redirect:
    """One entry of `redirects.yml`: `old` and `new` are paths under `docs/`."""

    old: str
    new: str
    reason: str
    line: int


def _mapping_lines(path: Path, root: Path) -> tuple[dict, dict[str, int], list[Diagnostic]]:
    """Load a YAML mapping and the 1-based line of each top-level key."""
    shown = display_path(path, root)
    if not path.exists():
        return {}, {}, []
    try:
        # One bounded parse: anchors, aliases and deep nesting are refused before building.
        data, positions = load_yaml_with_positions(read_text(path))
    except (NotUtf8Error, UnreadableFileError) as exc:
        return {}, {}, [unreadable(exc, shown)]
    except YamlLimitError as exc:
        return {}, {}, [make(exc.code, shown, exc.line, exc.col, exc.message, exc.fix)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return (
            {},
            {},
            [Diagnostic(shown, line, 1, "PUB100", f"invalid YAML: {exc}", "fix the YAML syntax")],
        )
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict):
        return (
            {},
            {},
            [
                Diagnostic(
                    shown,
                    1,
                    1,
                    "PUB100",
                    "expected a mapping of paths",
                    "see the comment at the top of the file",
                )
            ],
        )
    lines = {str(key[0]): pos.line for key, pos in positions.keys.items() if len(key) == 1}
    return data, lines, []


def load_redirects(root: Path) -> tuple[list[Redirect], list[Diagnostic]]:
    """Read `redirects.yml`: `old/path.md: {to: new/path.md, reason: why}` per entry."""
    path = root / REDIRECTS_FILE
    data, lines, diags = _mapping_lines(path, root)
    shown = display_path(path, root)
    redirects: list[Redirect] = []
    for old, entry in data.items():
        line = lines.get(str(old), 1)
        if not isinstance(entry, dict) or not entry.get("to"):
            diags.append(
                Diagnostic(
                    shown,
                    line,
                    1,
                    "PUB101",
                    f"redirect `{old}` has no `to`",
                    "write `to: new/path.md` under it",
                )
            )
            continue
        target = str(entry["to"]).strip()
        if re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\)", target):
            # A published address must stay in the library: never forward it to another site.
            diags.append(
                Diagnostic(
                    shown,
                    line,
                    1,
                    "PUB105",
                    f"redirect `{old}` leads to `{target}`, outside the library",
                    "point `to:` at a page of the library (`new/path.md`), or remove the entry",
                )
            )
            continue
        if not str(entry.get("reason") or "").strip():
            diags.append(
                Diagnostic(
                    shown,
                    line,
                    1,
                    "PUB102",
                    f"redirect `{old}` gives no reason",
                    "add `reason:` saying why the page moved",
                )
            )
        redirects.append(Redirect(str(old), str(entry["to"]), str(entry.get("reason") or ""), line))
    return redirects, diags


def redirect_map(root: Path) -> dict[str, str]:
    """The map the `redirects` plugin reads (`old.md` -> `new.md`)."""
    return {r.old: r.new for r in load_redirects(root)[0]}


def load_ledger(root: Path) -> tuple[dict[str, str], dict[str, int], list[Diagnostic]]:
    """Read `published.yml`: id -> docs-relative path, with the line of each id."""
    data, lines, diags = _mapping_lines(root / LEDGER_FILE, root)
    return {str(k): str(v) for k, v in data.items()}, lines, diags


def _current_ids(docs_dir: Path, library: Library | None = None) -> dict[str, str]:
    pages = library if library is not None else scan(docs_dir.parent, docs_dir=docs_dir.name)
    return {p.id: p.src for p in pages if p.id}


def _follows(redirects: dict[str, str], old: str) -> str | None:
    """Where the redirect chain starting at `old` ends (None without a redirect)."""
    seen = {old}
    target = redirects.get(old)
    while target in redirects and target not in seen:
        seen.add(target)
        target = redirects[target]
    return target


def check_published(root: Path, library: Library | None = None) -> list[Diagnostic]:
    """Problems with permanent addresses under the repository `root`.

    `library` is the repository's already scanned pages (`keepopen check` has them); without
    it the pages are scanned here.

    Fails (PUB001/PUB002) when a published id is gone or moved without a redirect from its old
    path, and (PUB101-PUB104) when `redirects.yml` is malformed, points nowhere, or shadows a
    page that still exists.
    """
    docs_dir = root / "docs"
    redirects, diags = load_redirects(root)
    ledger, lines, ledger_diags = load_ledger(root)
    diags += ledger_diags
    current = _current_ids(docs_dir, library)
    paths = set(current.values())
    by_old = {r.old: r.new for r in redirects}
    shown_redirects = display_path(root / REDIRECTS_FILE, root)
    for r in redirects:
        if r.new not in paths and not r.new.startswith(("http://", "https://")):
            diags.append(
                Diagnostic(
                    shown_redirects,
                    r.line,
                    1,
                    "PUB103",
                    f"redirect target `{r.new}` does not exist",
                    "point `to:` at the page's current file under docs/",
                )
            )
        if r.old in paths:
            diags.append(
                Diagnostic(
                    shown_redirects,
                    r.line,
                    1,
                    "PUB104",
                    f"`{r.old}` is redirected but the page still exists",
                    "remove the redirect or the old page",
                )
            )
    diags += _lost_ids(root, ledger, lines, current, by_old).values()
    return diags


def _lost_ids(
    root: Path,
    ledger: dict[str, str],
    lines: dict[str, int],
    current: dict[str, str],
    by_old: dict[str, str],
) -> dict[str, Diagnostic]:
    """Published id -> the problem, for ids gone or moved with no redirect from the old path."""
    shown_ledger = display_path(root / LEDGER_FILE, root)
    lost: dict[str, Diagnostic] = {}
    for page_id, old_path in sorted(ledger.items()):
        line = lines.get(page_id, 1)
        new_path = current.get(page_id)
        if new_path == old_path:
            continue
        target = _follows(by_old, old_path)
        if new_path is None and target is None:
            lost[page_id] = Diagnostic(
                shown_ledger,
                line,
                1,
                "PUB001",
                f"published id `{page_id}` ({old_path}) no longer exists",
                f"restore the page, or add `{old_path}: {{to: <new page>.md, reason: ...}}` "
                f"to {REDIRECTS_FILE}",
            )
        elif new_path is not None and target != new_path:
            lost[page_id] = Diagnostic(
                shown_ledger,
                line,
                1,
                "PUB002",
                f"published id `{page_id}` moved from {old_path} to {new_path} without a redirect",
                f"add `{old_path}: {{to: {new_path}, reason: ...}}` to {REDIRECTS_FILE}",
            )
    return lost


def update_published(
    root: Path, library: Library | None = None
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Record every current page id in `published.yml` (kept sorted, so diffs stay small).

    A moved or removed id is only updated when a redirect covers its old path; otherwise the
    old entry stays and the diagnostic from `check_published` explains what to add.
    """
    ledger, lines, diags = load_ledger(root)
    if diags:
        return ledger, diags
    redirects, _ = load_redirects(root)
    current = _current_ids(root / "docs", library)
    blocked = _lost_ids(root, ledger, lines, current, {r.old: r.new for r in redirects})
    diags = list(blocked.values())
    for page_id, path in current.items():
        if page_id not in blocked:
            ledger[page_id] = path
    text = _LEDGER_HEADER + yaml.safe_dump(
        dict(sorted(ledger.items())), sort_keys=True, allow_unicode=True, default_flow_style=False
    )
    (root / LEDGER_FILE).write_text(text, encoding="utf-8")
    return ledger, diags
