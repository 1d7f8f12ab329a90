"""A draft entry's answers from an issue form: what `keepopen new KIND --from-issue` writes.

The contributor's words never reach a page as written: they go, with any e-mail address, phone
number or handle removed, into an HTML comment for the editor to paraphrase, and the page keeps
`TODO` placeholders (which `keepopen check` reports) until the editor has written it. Typed
answers (models, period, consent scope, attribution) become front matter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.bibliography.values import MONTHS
from keepopen.checks.issue_drafts import ISSUE_WORDS_MARKER
from keepopen.checks.safety import CONTACT_PATTERNS
from keepopen.content.choices import CONSENT_SCOPES
from keepopen.content.safe_yaml import load_yaml
from keepopen.content.textfile import read_text
from keepopen.forms.body import IssueAnswers, read_issue_body
from keepopen.forms.definition import Form, load_form
from keepopen.forms.reference import REFERENCE_FIELDS, ReferenceDraft, reference_from_issue

__all__ = [
    "ATTRIBUTION_OPTIONS",
    "FORM_KINDS",
    "READ_FIELDS",
    "Draft",
    "draft_from_issue",
    "reference_draft_from_issue",
    "period_from_text",
    "safe_in_comment",
    "scope_from_option",
    "scrub_contacts",
]

#: Which form field ids each kind reads: a form question not listed here fails a test.
READ_FIELDS: dict[str, frozenset[str]] = {
    "testimony": frozenset({"account", "models", "period", "scope", "attribution", "withdraw"}),
    "argument": frozenset({"claim", "made_by", "evidence", "objections"}),
    "reference": REFERENCE_FIELDS,
}
FORM_KINDS = tuple(READ_FIELDS)

#: The testimony form's attribution options, as the content model spells them.
ATTRIBUTION_OPTIONS = {
    "Anonymous": "anonymous",
    "By a pseudonym (an editor will ask which)": "pseudonym",
    "By name (an editor will contact you to record consent)": "named",
}

#: Month names a contributor may write, from BibTeX's month macros (`jan` -> January).
_MONTHS = {
    name: number
    for number, (short, full) in enumerate(MONTHS.items(), start=1)
    for name in (short, full.lower())
} | {"sept": 9}
_DATE = re.compile(
    r"\b(?P<iso>\d{4}-\d{2}(?:-\d{2})?)\b"
    r"|\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<month_year>\d{4})\b"
    r"|\b(?P<year>(?:19|20)\d{2})\b"
)


@dataclass
class Draft:
    """`keepopen new` answers by question name, and what the editor must know."""

    answers: dict[str, str | None]
    warnings: list[str] = field(default_factory=list)


def scrub_contacts(text: str) -> tuple[str, list[str]]:
    """`text` without e-mail addresses, phone numbers and handles; what was removed, in words."""
    removed = []
    for what, pattern in CONTACT_PATTERNS:
        text, count = pattern.subn(f"[{what} removed]", text)
        if count == 1:
            removed.append(f"an {what}" if what[0] in "aeiou" else f"a {what}")
        elif count:
            removed.append(f"{count} {what}{'es' if what.endswith('s') else 's'}")
    return text, removed


def safe_in_comment(text: str) -> str:
    """`text` that cannot end an HTML comment early: every run of hyphens is spaced out, so no
    `-->` or `--!>` is left (and no `<!--` to nest)."""
    return re.sub(r"-{2,}", lambda m: " ".join("-" * len(m.group(0))), text)


def scope_from_option(option: str) -> str | None:
    """The consent scope a testimony form option names in its final brackets: `(quote)`."""
    match = re.search(r"\(([a-z-]+)\)\s*$", option)
    return match.group(1) if match and match.group(1) in CONSENT_SCOPES else None


def period_from_text(text: str) -> tuple[str | None, str | None]:
    """`(start, end)` as YYYY, YYYY-MM or YYYY-MM-DD from words like "from May 2024 to
    February 2026"; None where the text gives no date."""
    dates = []
    for m in _DATE.finditer(text):
        if m.group("iso"):
            dates.append(m.group("iso"))
        elif m.group("month"):
            month = _MONTHS.get(m.group("month").lower())
            dates.append(f"{m.group('month_year')}-{month:02d}" if month else m.group("month_year"))
        else:
            dates.append(m.group("year"))
    start = dates[0] if dates else None
    end = dates[1] if len(dates) > 1 else None
    return start, end


def _model_ids(root: Path, text: str) -> tuple[list[str], list[str]]:
    """Model ids from taxonomies/models.yml named in `text`, and the names not recognised."""
    data = load_yaml(read_text(root / "taxonomies" / "models.yml")) or []
    by_name = {}
    for item in data:
        by_name[str(item["id"]).lower()] = str(item["id"])
        by_name[str(item.get("label", item["id"])).lower()] = str(item["id"])
    found, unknown = [], []
    for name in (n.strip() for n in re.split(r",|;|\band\b|\n", text)):
        if not name:
            continue
        model = by_name.get(name.lower())
        if model is None:
            unknown.append(name)
        elif model not in found:
            found.append(model)
    return found, unknown


def _title(form: Form, issue_title: str | None) -> str | None:
    title = (issue_title or "").strip()
    prefix = form.title_prefix.strip()
    if prefix and title.lower().startswith(prefix.lower()):
        title = title[len(prefix) :].strip()
    return title or None


def _comment(heading: str, parts: list[tuple[str, str | None]]) -> str:
    lines = [heading]
    for label, text in parts:
        if text:
            lines += ["", f"{label}:", text]
    # The marker lets `keepopen check` (CON005) fail until the editor deletes the comment.
    return f"<!-- {ISSUE_WORDS_MARKER}\n" + safe_in_comment("\n".join(lines)) + "\n-->"


class _Scrubber:
    """Removes contact details from every text it is given, and remembers what it removed."""

    def __init__(self) -> None:
        self.removed: list[str] = []

    def __call__(self, where: str, text: str | None) -> str | None:
        if text is None:
            return None
        clean, removed = scrub_contacts(text)
        self.removed += [f"{what} from {where}" for what in removed]
        return clean

    def warnings(self) -> list[str]:
        if not self.removed:
            return []
        return [
            "removed " + ", ".join(self.removed) + ": a public page must not show them (the "
            "issue still does: ask the contributor, or an admin, to edit it)"
        ]


def _testimony(root: Path, form: Form, answers: IssueAnswers, draft: Draft, scrub, issue) -> None:
    text = answers.text
    models, unknown = _model_ids(root, text.get("models") or "")
    if unknown:
        draft.warnings.append(
            f"models not in taxonomies/models.yml: {', '.join(unknown)} (add them, or correct "
            "`models` by hand)"
        )
    start, end = period_from_text(text.get("period") or "")
    scope = scope_from_option(text.get("scope") or "")
    attribution = ATTRIBUTION_OPTIONS.get(text.get("attribution") or "")
    ticked = answers.ticked.get("withdraw", {})
    acknowledged = bool(ticked) and all(ticked.values())
    where = f"issue #{issue}" if issue else "an issue"
    draft.answers.update(
        models=",".join(models) or None,
        period_start=start,
        period_end=end,
        source_type="submitted",
        where=f"Testimony issue form on the forge ({where})",
        scope=scope,
        attribution=attribution,
        method=f"Chosen by the contributor in the public testimony form ({where})"
        + (
            "; an editor must record consent to be named privately"
            if attribution == "named"
            else ""
        ),
        withdraw="By a takedown request (issue form), as the contributor acknowledged"
        if acknowledged
        else None,
    )
    account = scrub("the account", text.get("account"))
    comment = _comment(
        f"The contributor's account ({where}), for the editor to paraphrase. Never publish it "
        "as written; delete this comment once the page is written.",
        [
            ("Account", account),
            ("Models, as written", scrub("the models answer", text.get("models"))),
            ("Period, as written", scrub("the period answer", text.get("period"))),
        ],
    )
    draft.answers["body"] = (
        "TODO: paraphrase the account in the comment below in a few short paragraphs, within "
        "the consent scope, then delete the comment.\n\n" + comment
    )


def _argument(root: Path, form: Form, answers: IssueAnswers, draft: Draft, scrub, issue) -> None:
    text = answers.text
    claim = scrub("the claim", text.get("claim"))
    draft.answers["claim"] = claim
    draft.answers["title"] = draft.answers.get("title") or claim
    where = f"issue #{issue}" if issue else "an issue"
    comment = _comment(
        f"The contributor's proposal ({where}): turn who made it and its evidence into "
        "reference keys (references/*.bib), then delete this comment.",
        [
            ("Who made it, and where", scrub("who made it", text.get("made_by"))),
            ("Evidence", scrub("the evidence", text.get("evidence"))),
            ("Objection and answer", scrub("the objection", text.get("objections"))),
        ],
    )
    draft.answers["body"] = (
        "TODO: state the argument in your own words, citing every factual claim as [@key].\n\n"
        + comment
    )


def draft_from_issue(
    root: Path,
    kind: str,
    body: str,
    issue_title: str | None = None,
    issue_number: int | None = None,
    today: dt.date | None = None,
) -> Draft:
    """The answers for `keepopen new KIND` from an issue body of the form `kind`.

    Raises `keepopen.forms.body.FormBodyError` when the body does not answer the form.
    """
    form = load_form(root, kind)
    answers = read_issue_body(form, body)
    scrub = _Scrubber()
    draft = Draft(answers={"title": scrub("the issue title", _title(form, issue_title))})
    build = {"testimony": _testimony, "argument": _argument}[kind]
    build(root, form, answers, draft, scrub, issue_number)
    draft.warnings[:0] = scrub.warnings()
    return draft


def reference_draft_from_issue(
    root: Path, body: str, key: str, issue_number: int | None = None
) -> ReferenceDraft:
    """A draft BibTeX entry `key` from an issue body of the reference form."""
    scrub = _Scrubber()
    draft = reference_from_issue(load_form(root, "reference"), body, key, issue_number, scrub)
    draft.warnings[:0] = scrub.warnings()
    return draft
