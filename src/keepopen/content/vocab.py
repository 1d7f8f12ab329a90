"""Controlled vocabularies (`taxonomies/*.yml`) and near-miss suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Vocabulary", "closest", "load_vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """The ids (and labels) of one controlled vocabulary, read from a data file."""

    name: str
    path: Path
    labels: dict[str, str]

    def __contains__(self, item: object) -> bool:
        return item in self.labels

    @property
    def ids(self) -> list[str]:
        return list(self.labels)


def load_vocabulary(path: Path, name: str) -> Vocabulary:
    """Read a list of `{id, label, ...}` mappings. A missing file is an empty vocabulary."""
    if not path.exists():
        return Vocabulary(name, path, {})
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    labels = {
        str(e["id"]): str(e.get("label", e["id"]))
        for e in entries
        if isinstance(e, dict) and "id" in e
    }
    return Vocabulary(name, path, labels)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The most similar choice, or None when nothing is close enough to suggest."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
