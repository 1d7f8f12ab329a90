"""Front matter: split a page into YAML and body, and remember where every key sits.

Diagnostics must point at the offending field, so the YAML is composed into nodes (which keep
their line and column) and constructed from those same nodes in one pass. Dates stay text: the
content model parses them, so a bad date is reported as a bad date, not as a YAML crash.
Anchors, aliases, deep nesting and oversized front matter are refused before any node is built
(`safe_yaml`), so a few hundred hostile bytes cannot hang or crash a check or a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from keepopen.content.safe_yaml import (
    FRONT_MATTER_MAX_BYTES,
    YamlLimitError,
    as_depth_error,
    check_bounded,
    check_depth,
)
from keepopen.content.yaml_positions import KeyPath, Position, nearest, record_positions

__all__ = ["FrontMatter", "FrontMatterError", "Position", "split_front_matter", "parse"]

#: A path into the front matter: keys and list indexes, e.g. `("consent", "scope")`.
Path = KeyPath

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves timestamps as text (the model validates dates)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """Parsed front matter with the file position of every key and value."""

    data: dict[str, Any]
    #: Where each key is written (`path -> position of the key`); list items map to the item.
    keys: dict[Path, Position] = field(default_factory=dict)
    #: Where each value starts.
    values: dict[Path, Position] = field(default_factory=dict)
    #: First line of the page body (1-based).
    body_line: int = 1
    #: The raw YAML text between the `---` fences.
    text: str = ""
    #: Line of the first YAML line in the file (1-based).
    yaml_line: int = 2
    #: Keys written twice in one mapping (YAML keeps only the last value): path and position.
    duplicates: list[tuple[Path, Position]] = field(default_factory=list)

    def where(self, path: Path, *, value: bool = False) -> Position:
        """Position of `path`, or of its nearest written ancestor (the fence if none)."""
        return nearest(self.keys, self.values, path, value=value)


class FrontMatterError(Exception):
    """Front matter is missing, unterminated, not a mapping, or not YAML."""

    def __init__(self, message: str, line: int, col: int, fix: str, code: str) -> None:
        super().__init__(message)
        self.message, self.line, self.col, self.fix, self.code = message, line, col, fix, code


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return `(yaml_text, body, body_line)`, or None when the page has no front matter.

    Raises:
        FrontMatterError: the opening `---` is never closed.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if not (text.startswith("---\n") or text.startswith("---\r\n") or text.rstrip() == "---"):
        return None
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(
        "front matter starts with `---` but never ends",
        1,
        1,
        "add a line with only `---` after the last front-matter field",
        "FM001",
    )


def _limit_error(exc: YamlLimitError, offset: int) -> FrontMatterError:
    line = exc.line + offset - 1 if exc.code != "FM013" else 1
    return FrontMatterError(exc.message, line, exc.col, exc.fix, exc.code)


def parse(text: str) -> tuple[FrontMatter | None, str]:
    """Parse a page. Returns `(front matter or None, body)`.

    Raises:
        FrontMatterError: the YAML does not parse or is not a mapping; `line` points at the
            YAML error in the page file.
    """
    split = split_front_matter(text)
    if split is None:
        return None, text
    yaml_text, body, body_line = split
    offset = 2  # YAML line 0 is file line 2, after the opening fence.
    depth_checked = False
    try:
        depth_checked = check_bounded(yaml_text, _Loader, FRONT_MATTER_MAX_BYTES, "front matter")
    except YamlLimitError as exc:
        raise _limit_error(exc, offset) from None
    except yaml.YAMLError:
        pass  # the same error is raised and reported with its position below
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if not depth_checked:
            check_depth(node, "front matter")
        data = loader.construct_document(node) if node is not None else None
    except YamlLimitError as exc:
        raise _limit_error(exc, offset) from None
    except yaml.MarkedYAMLError as exc:
        too_deep = as_depth_error(exc, "front matter")
        if too_deep is not None:
            raise _limit_error(too_deep, offset) from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else 1
        col = mark.column + 1 if mark else 1
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if (
            exc.context
            and exc.context_mark
            and exc.problem_mark
            and (exc.context_mark.line != exc.problem_mark.line)
        ):
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + offset})"
        raise FrontMatterError(
            f"front matter is not valid YAML: {problem}",
            line,
            col,
            "check indentation and quoting here; put text with `:` or `#` in quotes",
            "FM001",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise FrontMatterError(
            f"front matter is not valid YAML: {exc}", 1, 1, "check the YAML syntax", "FM001"
        ) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "front matter must be `key: value` lines",
            offset,
            1,
            "write the front matter as `key: value` lines",
            "FM002",
        )
    positions = record_positions(node, offset)
    fm = FrontMatter(
        data=data,
        keys=positions.keys,
        values=positions.values,
        body_line=body_line,
        text=yaml_text,
        yaml_line=offset,
        duplicates=positions.duplicates,
    )
    return fm, body
