"""Bounded YAML for everything contributors write: front matter, taxonomies, forum profiles,
`redirects.yml` and `published.yml`.

PyYAML's safe loader never runs code, but it still expands aliases: a few hundred bytes of
nested `&a`/`*a` ("billion laughs") become gigabytes once our code walks the result, and a
recursive alias makes a structure that contains itself. None of our files needs anchors, so
the parser's events are read first and any anchor or alias is refused, as is nesting deeper
than `MAX_DEPTH` or text larger than the caller's limit, all before a single value is built.
Reading events and checking depth are iterative, so even 5,000 nested `[` cannot exhaust the
stack.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import yaml

__all__ = [
    "DATA_MAX_BYTES",
    "FRONT_MATTER_MAX_BYTES",
    "MAX_DEPTH",
    "SafeLoader",
    "YamlLimitError",
    "as_depth_error",
    "check_bounded",
    "check_depth",
    "load_yaml",
]

#: Deepest nesting of lists and mappings accepted (real files need 4 or 5 levels).
MAX_DEPTH = 20
#: Largest front matter accepted (real pages have a few KB).
FRONT_MATTER_MAX_BYTES = 64 * 1024
#: Largest YAML data file accepted (taxonomies, forum profiles, redirects, ledger).
DATA_MAX_BYTES = 1024 * 1024

#: The C loader when PyYAML was built with libyaml (much faster), else the Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

try:  # what the C loaders are built on
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml: an empty tuple matches nothing
    _CParser = ()  # type: ignore[assignment, misc]
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class YamlLimitError(Exception):
    """YAML refused before it is built: `code` is FM011-FM013, `line`/`col` are 1-based."""

    def __init__(self, code: str, message: str, line: int, col: int, fix: str) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.col, self.fix = code, message, line, col, fix


def check_bounded(
    text: str, loader: type = SafeLoader, max_bytes: int = DATA_MAX_BYTES, what: str = "this file"
) -> bool:
    """Refuse oversized text and, when `text` could hold them, anchors and aliases.

    `what` names the text in messages ("front matter", "this file"). Returns whether nesting
    depth was checked too; when not, call `check_depth` on the composed node before building
    from it. (Anchors need `&` and aliases `*`, so most texts skip the event scan: libyaml
    limits nesting to 1,000 levels while composing, and `check_depth` then needs no recursion.)

    Raises:
        YamlLimitError: FM011 (anchor or alias), FM012 (too deep) or FM013 (too large).
        yaml.YAMLError: the text is not YAML at all (callers report it as they always did).
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise YamlLimitError(
            "FM013",
            f"{what} is {size // 1024} KB; at most {max_bytes // 1024} KB is read",
            1,
            1,
            "shorten it: long text belongs in a page body, not in YAML",
        )
    # The pure-Python composer recurses, so without libyaml every text is scanned first.
    if "&" not in text and "*" not in text and issubclass(loader, _CParser):
        return False
    parser = loader(text)
    depth = 0
    try:
        while _next_event(parser, what):
            event = parser.get_event()
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                alias = isinstance(event, yaml.AliasEvent)
                kind, sign = ("alias", "*") if alias else ("anchor", "&")
                raise YamlLimitError(
                    "FM011",
                    f"{what} uses a YAML {kind} (`{sign}{event.anchor}`); anchors and aliases "
                    "are not allowed",
                    mark.line + 1,
                    mark.column + 1,
                    "write the value out in full instead of `&name` / `*name`",
                )
            if isinstance(event, _STARTS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(mark, what)
            elif isinstance(event, _ENDS):
                depth -= 1
    finally:
        parser.dispose()
    return True


def _next_event(parser: Any, what: str) -> bool:
    try:
        return bool(parser.check_event())
    except yaml.YAMLError as exc:
        raise as_depth_error(exc, what) or exc from None


def _too_deep(mark: yaml.Mark, what: str) -> YamlLimitError:
    return YamlLimitError(
        "FM012",
        f"{what} nests lists and mappings more than {MAX_DEPTH} levels deep",
        mark.line + 1,
        mark.column + 1,
        "flatten the structure; no field needs this much nesting",
    )


def as_depth_error(exc: yaml.YAMLError, what: str = "this file") -> YamlLimitError | None:
    """FM012 for libyaml's own "exceeded maximum nesting depth" (1,000 levels), else None."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None or "nesting depth" not in str(getattr(exc, "problem", "")):
        return None
    return _too_deep(mark, what)


def check_depth(node: yaml.Node | None, what: str = "this file") -> None:
    """Refuse a composed node tree nested deeper than `MAX_DEPTH` (walked without recursion).

    Raises:
        YamlLimitError: FM012, at the first node too deep.
    """
    stack = [(node, 0)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            children = current.value
        elif isinstance(current, yaml.MappingNode):
            children = [child for pair in current.value for child in pair]
        else:
            continue
        if depth + 1 > MAX_DEPTH:
            raise _too_deep(current.start_mark, what)
        stack.extend((child, depth + 1) for child in children)


@contextlib.contextmanager
def bounded_node(
    text: str, loader: type = SafeLoader, max_bytes: int = DATA_MAX_BYTES
) -> Iterator[tuple[Any, yaml.Node | None]]:
    """`(parser, composed node)` of `text` within the limits of `check_bounded`.

    Nothing is constructed yet: the caller builds data from the node (and may read its marks)
    inside the block; the parser is disposed of after it.
    """
    checked = check_bounded(text, loader, max_bytes)
    parser = loader(text)
    try:
        try:
            node = parser.get_single_node()
        except yaml.YAMLError as exc:
            raise as_depth_error(exc) or exc from None
        if not checked:
            check_depth(node)
        yield parser, node
    finally:
        parser.dispose()


def load_yaml(text: str, loader: type = SafeLoader, max_bytes: int = DATA_MAX_BYTES) -> Any:
    """`yaml.safe_load(text)` within the limits of `check_bounded` (same exceptions, plus those)."""
    with bounded_node(text, loader, max_bytes) as (parser, node):
        return parser.construct_document(node) if node is not None else None
