"""Controlled vocabularies (`taxonomies/*.yml`) and near-miss suggestions.

A file that cannot be used (not UTF-8, not YAML, anchors or deep nesting) gives an empty
vocabulary and diagnostics saying why, never an exception: every page's themes would then be
reported as unknown, and the file's own problem is listed first.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from keepopen.content.plaintext import text_problems
from keepopen.content.safe_yaml import YamlLimitError
from keepopen.content.textfile import NotUtf8Error, UnreadableFileError, read_text, unreadable
from keepopen.content.yaml_positions import load_yaml_with_positions
from keepopen.diagnostics import Diagnostic, display_path
from keepopen.rules import make

__all__ = ["Vocabulary", "closest", "load_vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The ids (and labels) of one controlled vocabulary, read from a data file."""

    name: str
    path: Path
    labels: dict[str, str]
    #: Why the file could not be used (empty when it was read).
    diagnostics: tuple[Diagnostic, ...] = ()
    #: One-line definitions, where the file gives them (themes do).
    definitions: dict[str, str] = field(default_factory=dict)

    def __contains__(self, item: object) -> bool:
        return item in self.labels

    @property
    def ids(self) -> list[str]:
        return list(self.labels)


def load_vocabulary(path: Path, name: str, root: Path | None = None) -> Vocabulary:
    """Read a list of `{id, label, ...}` mappings. A missing file is an empty vocabulary.

    Diagnostics name the file relative to `root` (default: the working directory).
    """
    if not path.exists():
        return Vocabulary(name, path, {})
    shown = display_path(path, root)
    fix = "write the file as a list of `- id: ...` entries with `label: ...`"
    try:
        entries, positions = load_yaml_with_positions(read_text(path))
    except (NotUtf8Error, UnreadableFileError) as exc:
        return Vocabulary(name, path, {}, (unreadable(exc, shown),))
    except YamlLimitError as exc:
        return Vocabulary(
            name, path, {}, (make(exc.code, shown, exc.line, exc.col, exc.message, exc.fix),)
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        message = f"the {name} vocabulary is not valid YAML: {problem}"
        return Vocabulary(name, path, {}, (make("FM014", shown, line, col, message, fix),))
    if entries is not None and not isinstance(entries, list):
        message = f"the {name} vocabulary must be a list of entries"
        return Vocabulary(name, path, {}, (make("FM014", shown, 1, 1, message, fix),))
    labels = {
        str(e["id"]): str(e.get("label", e["id"]))
        for e in entries or []
        if isinstance(e, dict) and "id" in e
    }

    # Labels and definitions are printed on pages (facts tables, theme lists): plain text, one
    # line each, checked like front matter (FM009/FM010).
    def name_of(where: tuple[str | int, ...]) -> str:
        entry = (entries or [])[where[0]] if isinstance(where[0], int) else {}
        # `continuity.label`: the entry's id, where the contributor will look for it.
        head = str(entry["id"]) if isinstance(entry, dict) and "id" in entry else str(where[0])
        return ".".join([head, *(str(part) for part in where[1:])])

    problems = text_problems(
        entries,
        lambda where: positions.where(where, value=True),
        shown,
        lambda where: False,
        name_of,
    )
    definitions = {
        str(e["id"]): str(e["definition"])
        for e in entries or []
        if isinstance(e, dict) and "id" in e and e.get("definition")
    }
    return Vocabulary(name, path, labels, tuple(problems), definitions)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The most similar choice, or None when nothing is close enough to suggest."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
