"""Where each key and value of a YAML text is written, from the composed nodes' marks.

Diagnostics must point at the offending key, and searching the text for a key's name finds
the first key of that name at any depth. The composed node tree already knows every key's
line and column, so the same nodes are walked for positions and constructed into data. Used
by the front-matter reader and by every YAML data file (forum profiles, redirects, ledger).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from keepopen.content.safe_yaml import DATA_MAX_BYTES, SafeLoader, bounded_node

__all__ = ["KeyPath", "Position", "YamlPositions", "load_yaml_with_positions", "record_positions"]

#: A path into a YAML document: keys and list indexes, e.g. `("fields", 2, "max_length")`.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """1-based line and column in the file."""

    line: int
    col: int


@dataclass
class YamlPositions:
    """The file position of every key and value of one YAML document."""

    #: Where each key is written (`path -> position of the key`); list items map to the item.
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    #: Where each value starts.
    values: dict[KeyPath, Position] = field(default_factory=dict)
    #: Keys written twice in one mapping (YAML keeps only the last value): path and position.
    duplicates: list[tuple[KeyPath, Position]] = field(default_factory=list)

    def where(self, path: tuple[Any, ...], *, value: bool = False) -> Position:
        """Position of `path`, or of its nearest written ancestor (1:1 if none)."""
        return nearest(self.keys, self.values, path, value=value)


def nearest(
    keys: dict[KeyPath, Position],
    values: dict[KeyPath, Position],
    path: tuple[Any, ...],
    *,
    value: bool = False,
) -> Position:
    """Position of `path` in `values` (or `keys`), else of its nearest written ancestor."""
    table = values if value else keys
    probe = tuple(path)
    while probe:
        if probe in table:
            return table[probe]
        if probe in keys:
            return keys[probe]
        probe = probe[:-1]
    return Position(1, 1)


def record_positions(
    node: yaml.Node | None, offset: int = 1, into: YamlPositions | None = None
) -> YamlPositions:
    """Walk a composed node tree and record where every key and value starts.

    `offset` is the file line of the YAML text's first line (1 for a whole file). Iterative,
    so a deep (already bounded) tree costs no recursion.
    """
    out = into if into is not None else YamlPositions()
    stack: list[tuple[yaml.Node, KeyPath]] = [(node, ())] if node is not None else []
    while stack:
        current, path = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                child = (*path, key_node.value)
                mark = key_node.start_mark
                if child in out.keys:
                    out.duplicates.append((child, Position(mark.line + offset, mark.column + 1)))
                    continue
                out.keys[child] = Position(mark.line + offset, mark.column + 1)
                vmark = value_node.start_mark
                out.values[child] = Position(vmark.line + offset, vmark.column + 1)
                stack.append((value_node, child))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                mark = item.start_mark
                out.keys[(*path, index)] = out.values[(*path, index)] = Position(
                    mark.line + offset, mark.column + 1
                )
                stack.append((item, (*path, index)))
    out.duplicates.sort(key=lambda found: (found[1].line, found[1].col))  # document order
    return out


def load_yaml_with_positions(
    text: str, loader: type = SafeLoader, max_bytes: int = DATA_MAX_BYTES
) -> tuple[Any, YamlPositions]:
    """`load_yaml(text)` plus the position of every key, from one composition of the text.

    Raises what `keepopen.content.safe_yaml.load_yaml` raises.
    """
    with bounded_node(text, loader, max_bytes) as (parser, node):
        data = parser.construct_document(node) if node is not None else None
    return data, record_positions(node)
