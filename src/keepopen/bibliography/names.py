"""Person names: splitting `author` fields, full names for references, short in-text labels.

pybtex's `Person` does the BibTeX name parsing (`Last, First`, `von` parts, `{{Corporate
Author}}` kept whole); this module only turns its parts into clean Unicode.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from keepopen.bibliography.latex import latex_to_plain

__all__ = ["author_label", "bad_names", "full_name", "is_others", "join_names", "parse_names"]

#: Above this many names a reference lists the first `_SHOWN` and "et al." (Chicago 18th
#: edition, as Pandoc's built-in Chicago author-date style).
_MAX_LISTED = 6
_SHOWN = 3
_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def parse_names(value: str) -> tuple[Person, ...]:
    """The persons of an `author`/`editor` value, in order. `and others` becomes `others`.

    Any whitespace (a line break too) around `and` separates two people, as in BibTeX.
    Cached: the same author lists recur across entries (treat the result as read-only).
    """
    value = _braced_controls(_WHITESPACE.sub(" ", value).strip())
    persons = (_person(name) or Person(last=f"{{{name}}}") for name in split_name_list(value))
    return tuple(p for p in persons if str(p).strip())


_SPACED_ACCENT = re.compile(r"\\([uvHrdckb])\s+(\w)")
_SPACED_SYMBOL = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)\s+")


def _braced_controls(value: str) -> str:
    """`Pet\\H o` as `Pet{\\H{o}}`, `Brau\\ss e` as `Brau{\\ss}e`: in TeX the space only
    ends the command, but a name splitter would take it for the space between two words."""
    value = _SPACED_ACCENT.sub(r"{\\\1{\2}}", value)
    return _SPACED_SYMBOL.sub(r"{\\\1}", value)


def bad_names(value: str) -> list[str]:
    """The names in a value that BibTeX cannot parse (e.g. `Smith, John, Jones, Ann`)."""
    value = _WHITESPACE.sub(" ", value).strip()
    return [name for name in split_name_list(value) if name.strip() and _person(name) is None]


#: biblatex's extended name format: `family=Meij, given=Vincent, prefix=van der`.
_EXTENDED = re.compile(r"^\s*(family|given|prefix|suffix|useprefix)\s*=", re.IGNORECASE)
_EXTENDED_PARTS = {"family": "last", "given": "first", "prefix": "prelast", "suffix": "lineage"}


def _extended(name: str) -> Person | None:
    """A name in biblatex's `key=value` form, or None when it is not written that way."""
    if not _EXTENDED.match(name):
        return None
    parts: dict[str, str] = {}
    for piece in name.split(","):
        key, _, value = piece.partition("=")
        target = _EXTENDED_PARTS.get(key.strip().lower())
        if target and value.strip():
            parts[target] = value.strip().strip('"')
    return Person(**parts) if parts.get("last") else None


def _person(name: str) -> Person | None:
    try:
        return _extended(name) or Person(name)
    except PybtexError:
        return None


def _cjk(text: str) -> bool:
    return bool(text) and all("\u2e80" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in text)


def is_others(person: Person) -> bool:
    """True for the `others` of `and others` (it means "et al.", not a person)."""
    return _is_others(person)


def _is_others(person: Person) -> bool:
    return [str(p) for p in person.last_names] == ["others"] and not person.first_names


def _plain(parts: list[str]) -> str:
    return " ".join(latex_to_plain(p) for p in parts if p).strip()


def _last(person: Person) -> str:
    return _plain(person.prelast_names + person.last_names)


def full_name(person: Person, *, inverted: bool) -> str:
    """`Jones, Jane A.` (inverted) or `Jane A. Jones`; a corporate name stays as written."""
    first = _plain(person.first_names + person.middle_names)
    last = _last(person)
    lineage = _plain(person.lineage_names)
    if _cjk(first) and _cjk(last):
        return last + first  # Chinese, Japanese, Korean names: family name first, no space
    if not first:
        return ", ".join(p for p in (last, lineage) if p)
    if inverted:
        return ", ".join(p for p in (last, first, lineage) if p)
    return " ".join(p for p in (first, last)) + (f", {lineage}" if lineage else "")


def join_names(persons: Sequence[Person], *, invert_first: bool = True) -> str:
    """All names for a reference list: `Smith, John, Jane Doe, and Ann Lee`."""
    others = any(_is_others(p) for p in persons)
    etal = others or len(persons) > _MAX_LISTED
    people = [p for p in persons if not _is_others(p)]
    if len(persons) > _MAX_LISTED and not others:
        # (`and others` lists every named person, then "et al.", as citeproc does)
        people = people[:_SHOWN]
    names = [full_name(p, inverted=(i == 0 and invert_first)) for i, p in enumerate(people)]
    if etal:
        return ", ".join(names) + (", et al." if len(names) > 1 else " et al.")
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}" if "," in names[0] else f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def author_label(persons: Sequence[Person]) -> str:
    """The in-text label: `OECD`, `Smith and Jones`, `Smith et al.` (empty if no persons)."""
    people = [p for p in persons if not _is_others(p)]
    etal = len(people) != len(persons)
    if not people:
        return ""
    if len(people) >= 3 or (etal and people):
        return f"{_last(people[0])} et al."
    if len(people) == 2:
        return f"{_last(people[0])} and {_last(people[1])}"
    return _last(people[0])
