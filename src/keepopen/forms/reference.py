"""A draft BibTeX entry from the *Suggest a reference* issue form.

The draft is deliberately unfinished: it has the address and, in brackets, the title as the
contributor gave it, but no `verification` and no author, so `keepopen check` fails (BIB013,
BIB010) until an editor has opened the source, corrected the fields and said how it was
checked. The contributor's other answers are `%` comment lines for the editor, never printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keepopen.forms.body import read_issue_body
from keepopen.forms.definition import Form

__all__ = ["REFERENCE_FIELDS", "ReferenceDraft", "reference_from_issue"]

#: The reference form's questions this module reads (a test keeps it equal to the form's).
REFERENCE_FIELDS = frozenset({"url", "title", "seen", "supports"})
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.I)


@dataclass
class ReferenceDraft:
    key: str
    text: str
    warnings: list[str] = field(default_factory=list)


def _field_text(text: str) -> str:
    """Contributor text safe inside `{...}`: no braces or commands, BibTeX's specials escaped."""
    text = re.sub(r"[{}\\]", "", " ".join(text.split()))
    return re.sub(r"([%&$#])", r"\\\1", text)


def _comment_text(text: str) -> str:
    # Comment lines may hold no at-sign (BIB014): the loader would take it for an entry.
    return " ".join(text.split()).replace("@", "(at)")


def reference_from_issue(
    form: Form, body: str, key: str, issue_number: int | None, scrub
) -> ReferenceDraft:
    """The draft entry `key` from an issue `body` of the reference `form`.

    `scrub(where, text)` removes contact details (as for the other forms).
    """
    answers = read_issue_body(form, body).text
    address = (answers.get("url") or "").strip()
    doi = _DOI.match(address)
    title = scrub("the title", answers.get("title")) or ""
    entry_type = "misc" if doi else "online"
    lines = [f"@{entry_type}{{{key},", f"  title        = {{[{_field_text(title)}]}},"]
    warnings = []
    if doi:
        lines.append(f"  doi          = {{{re.sub(r'[{}]', '', doi.group(1))}}},")
    elif re.match(r"^https?://\S+$", address):
        url = re.sub(r"([%#])", r"\\\1", address)
        lines.append(f"  url          = {{{url}}},")
    else:
        warnings.append(f"the address {address!r} is neither a web address nor a DOI")
    lines.append("}")
    source = f"issue #{issue_number}" if issue_number else "an issue"
    supports = scrub("what it supports", answers.get("supports")) or ""
    comments = [
        f"Draft from {source} (keepopen new reference --from-issue). Before review: open the",
        "source, correct the title, add the author or organisation and the date as shown, a",
        "`verification` level and a `note` saying where you checked it; then delete these lines.",
        "The contributor's answers:",
        f"  Title, author, date as shown: {_comment_text(title)}",
        f"  Address: {_comment_text(address)}",
        f"  How they saw it: {_comment_text(answers.get('seen') or 'not said')}",
        f"  What it supports: {_comment_text(supports)}",
    ]
    text = "".join(f"% {line}\n" for line in comments) + "\n".join(lines) + "\n"
    return ReferenceDraft(key, text, warnings)
