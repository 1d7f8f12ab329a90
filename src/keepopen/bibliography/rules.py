"""The project's rules for `.bib` entries, run by `keepopen check` through `check_bibliography`.

Codes (stable; the loader's own codes BIB001-BIB006 are listed in `loader.py`):

- `BIB010` a field the entry type requires is missing (error)
- `BIB011` neither `url` nor `doi` (error)
- `BIB012` `verification` is not `primary`, `secondary` or `unverified` (error)
- `BIB013` no `verification` field (error)
- `BIB014` an `@` outside any entry: a broken entry header, or an `@` in a comment (error)
- `BIB015` a key outside the project's pattern: lower-case letters, digits, `_` (warning)
- `BIB016` `urldate` is not a `YYYY-MM-DD` date (warning)
- `BIB017` an entry type the style does not know; it prints as a generic entry (warning)
- `BIB018` an `author`/`editor` name BibTeX cannot parse, e.g. people separated by commas
  instead of `and` (error)
- `BIB019` `url` is not an `http(s)://` address (it is printed, but not as a link) (warning)
- `BIB020` a LaTeX command the formatter does not understand; its text is kept (warning)
- `BIB021` a LaTeX command that reads files or defines macros (`\\input`, `\\def`); left out
  (warning)
- `BIB022` braces or commands nested more than 50 levels; the field is shown flat (error)
- `BIB023` a `crossref` loop (A refers to B, B back to A) (error)
- `BIB024` a `crossref` to a key that no `.bib` file defines (warning)
- `BIB025` a `%` comment inside an entry (reported by the loader; see `blocks.py`) (warning)
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from keepopen.bibliography.latex import latex_problems
from keepopen.bibliography.model import Bibliography, Entry
from keepopen.bibliography.names import bad_names
from keepopen.content.choices import HOUSE_KEY_PATTERN, VERIFICATION_LEVELS
from keepopen.diagnostics import Diagnostic, Severity
from keepopen.rules import severity_of

__all__ = [
    "REQUIRED_FIELDS",
    "check_bibliography",
    "check_entry",
    "comment_findings",
    "crossref_findings",
    "latex_findings",
]

_HOUSE_KEY = re.compile(HOUSE_KEY_PATTERN)

_DATE = "date|year"
#: Per entry type, the fields it needs; `a|b` means either will do.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journaltitle|journal", _DATE),
    "book": ("author|editor", "title", _DATE),
    "inbook": ("author", "title", "booktitle", _DATE),
    "incollection": ("author", "title", "booktitle", _DATE),
    "inproceedings": ("author", "title", "booktitle", _DATE),
    "conference": ("author", "title", "booktitle", _DATE),
    "report": ("title", "institution|organization", _DATE),
    "techreport": ("title", "institution|organization", _DATE),
    "online": ("author|editor|organization", "title"),
    "misc": ("title",),
    "thesis": ("author", "title", "type", "institution|school", _DATE),
    "phdthesis": ("author", "title", "school|institution", _DATE),
    "mastersthesis": ("author", "title", "school|institution", _DATE),
    "unpublished": ("author", "title"),
    "software": ("title",),
    "dataset": ("title",),
    "collection": ("editor", "title", _DATE),
    "proceedings": ("title", _DATE),
    "booklet": ("title",),
    "manual": ("title",),
}
_ERROR, _WARNING = Severity.ERROR, Severity.WARNING

#: Fields whose value is an address or an identifier, never formatted as LaTeX text.
_RAW_FIELDS = frozenset(
    {"url", "doi", "eprint", "file", "urldate", "isbn", "issn", "verification", "crossref"}
)
_LATEX_FIXES = {
    "BIB020": "write the text without the command (plain text, `\\emph{...}` for italics)",
    "BIB021": "remove the command: a reference field is shown as text, never run as LaTeX",
    "BIB022": "remove the extra braces; one pair `{...}` around a word keeps its case",
}
_HEADER = re.compile(r"^\s*@\s*[A-Za-z]+")


def _has(entry: Entry, name: str) -> bool:
    return bool(entry.fields.get(name, "").strip())


def check_entry(entry: Entry) -> list[Diagnostic]:
    """The rule findings (BIB010-BIB013, BIB015-BIB022) for one entry."""
    out: list[Diagnostic] = []
    where = (entry.path, entry.line, 1)
    required = REQUIRED_FIELDS.get(entry.type)
    if required is None:
        known = ", ".join(sorted(REQUIRED_FIELDS))
        out.append(
            Diagnostic(
                *where,
                "BIB017",
                f"`@{entry.type}` is not an entry type the style knows; "
                "it prints as a generic reference",
                f"use one of: {known}",
                _WARNING,
            )
        )
    for need in required or ("title",):
        options = need.split("|")
        if not any(_has(entry, name) for name in options):
            shown = " or ".join(f"`{o}`" for o in options)
            out.append(
                Diagnostic(
                    *where,
                    "BIB010",
                    f"`@{entry.type}` entry `{entry.key}` has no {shown}",
                    f"add `{options[0]} = {{...}}`",
                )
            )
    if not (_has(entry, "url") or _has(entry, "doi")):
        out.append(
            Diagnostic(
                *where,
                "BIB011",
                f"`{entry.key}` has neither `url` nor `doi`",
                "add `url = {https://...}` (the page you read) or `doi = {10...}`",
            )
        )
    url = entry.fields.get("url", "").strip()
    if url and not re.match(r"^https?://", url, re.IGNORECASE):
        out.append(
            Diagnostic(
                entry.path, entry.line_of("url"), 1, "BIB019",
                f"`url = {{{url[:60]}}}` is not a web address (http:// or https://)",
                "give the full address of the page, starting with https://", _WARNING,
            )
        )  # fmt: skip
    verification = entry.verification
    if verification is None:
        out.append(
            Diagnostic(
                *where,
                "BIB013",
                f"`{entry.key}` has no `verification` field",
                "add `verification = {primary}`, `{secondary}` or `{unverified}`",
            )
        )
    elif verification not in VERIFICATION_LEVELS:
        close = difflib.get_close_matches(verification.lower(), VERIFICATION_LEVELS, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        out.append(
            Diagnostic(
                entry.path,
                entry.line_of("verification"),
                1,
                "BIB012",
                f"`verification = {{{verification}}}` is not one of primary, secondary, unverified",
                f"{hint}primary: the original was read; secondary: a report "
                "about it was read; unverified: neither",
            )
        )
    if not _HOUSE_KEY.match(entry.key):
        suggestion = re.sub(r"[^a-z0-9_]+", "_", entry.key.lower()).strip("_")
        out.append(
            Diagnostic(
                *where,
                "BIB015",
                f"key `{entry.key}` should use only lower-case letters, digits and `_`",
                f"rename it, e.g. to `{suggestion}` (and update citations)",
                _WARNING,
            )
        )
    for role in ("author", "editor"):
        value = entry.fields.get(role, "")
        if any(code == "BIB022" for code, _ in latex_problems(value)):
            continue  # too deeply nested to be read as names; BIB022 says so
        for name in bad_names(value):
            out.append(
                Diagnostic(
                    entry.path, entry.line_of(role), 1, "BIB018",
                    f"`{role}` name `{name.strip()}` has too many commas",
                    "separate people with `and` (`Smith, John and Doe, Jane`); put a "
                    "corporate name in double braces (`{{Example Institute, Inc.}}`)",
                )
            )  # fmt: skip
    out.extend(latex_findings(entry))
    if _has(entry, "urldate"):
        try:
            date.fromisoformat(entry.fields["urldate"].strip())
        except ValueError:
            out.append(
                Diagnostic(
                    entry.path,
                    entry.line_of("urldate"),
                    1,
                    "BIB016",
                    f"`urldate = {{{entry.fields['urldate']}}}` is not a YYYY-MM-DD date",
                    "write the day you saw the page as e.g. `2026-11-23`",
                    _WARNING,
                )
            )
    return out


def latex_findings(entry: Entry) -> list[Diagnostic]:
    """BIB020-BIB022 for LaTeX the formatter works around in any text field of `entry`."""
    out: list[Diagnostic] = []
    for name, value in entry.fields.items():
        if name in _RAW_FIELDS:
            continue
        for code, message in latex_problems(value):
            out.append(
                Diagnostic(
                    entry.path,
                    entry.line_of(name),
                    1,
                    code,
                    f"`{name}` of `{entry.key}`: {message}",
                    _LATEX_FIXES[code],
                    severity_of(code),
                )
            )
    return out


def crossref_findings(entries: dict[str, Entry]) -> list[Diagnostic]:
    """BIB023 for each `crossref` loop (once, at its first entry) and BIB024 for unknown targets.

    BibTeX and biber copy missing fields from the `crossref` target; a loop never ends and a
    missing target copies nothing, so both are reported rather than silently ignored.
    """
    out: list[Diagnostic] = []
    target = {key: e.fields.get("crossref", "").strip() for key, e in entries.items()}
    reported: set[str] = set()
    for key, entry in entries.items():
        parent = target[key]
        if not parent:
            continue
        if parent not in entries:
            out.append(
                Diagnostic(
                    entry.path, entry.line_of("crossref"), 1, "BIB024",
                    f"`{key}` has `crossref = {{{parent}}}`, but no entry has that key",
                    "fix the key, or add the entry it refers to", _WARNING,
                )
            )  # fmt: skip
            continue
        chain = [key]  # follow the chain; it is a loop when it comes back to a key on it
        while target.get(chain[-1]) in entries and target[chain[-1]] not in chain:
            chain.append(target[chain[-1]])
        back = target.get(chain[-1])
        if back not in chain or chain.index(back) != 0 or key in reported:
            continue  # no loop, or `key` only leads into one (reported at the loop's entries)
        reported.update(chain)
        shown = " → ".join(f"`{k}`" for k in [*chain, key])
        out.append(
            Diagnostic(
                entry.path, entry.line_of("crossref"), 1, "BIB023",
                f"`crossref` goes round in a circle: {shown}",
                "remove `crossref` from one of these entries (a child refers to its parent "
                "book or proceedings, never the other way)",
            )
        )  # fmt: skip
    return out


def comment_findings(path: str, comment: str, start_line: int) -> list[Diagnostic]:
    """BIB014 for every `@` in text outside entries (an implicit comment).

    BibTeX starts an entry at any `@`, so such text is either a broken entry header (its entry is
    lost) or a comment that BibTeX would misread.
    """
    out: list[Diagnostic] = []
    for offset, text in enumerate(comment.split("\n")):
        col = text.find("@")
        if col < 0:
            continue
        if _HEADER.match(text):
            message = (
                f"`{text.strip()[:40]}` looks like an entry header that could not be read, "
                "so this entry is missing"
            )
            fix = "write the header as `@type{key,` (an opening brace, then the key and a comma)"
        else:
            message = "`@` outside an entry: BibTeX reads it as the start of an entry"
            fix = "remove the `@` from the comment, or wrap the comment in `@comment{...}`"
        out.append(Diagnostic(path, start_line + offset, col + 1, "BIB014", message, fix))
    return out


def check_bibliography(bib: Bibliography, include_load: bool = True) -> list[Diagnostic]:
    """Every problem `keepopen check` should print for the loaded `.bib` files, sorted.

    Args:
        bib: A bibliography from `load_bibliography`.
        include_load: Also include the problems found while reading (`bib.diagnostics`:
            BIB001-BIB006). Pass False when those are already reported elsewhere.

    Returns:
        Diagnostics sorted by path, line and column.
    """
    found = list(bib.diagnostics) if include_load else []
    found.extend(bib._comment_findings)
    for entry in bib.entries.values():
        found.extend(check_entry(entry))
    found.extend(crossref_findings(bib.entries))
    return sorted(set(found))
