"""An issue body as GitHub renders a submitted form, read back into answers.

GitHub writes each question as `### <label>`, a blank line and the answer; an empty answer as
`_No response_`; a dropdown as the chosen option's text; checkboxes as `- [X] <label>` or
`- [ ] <label>`. Headings are looked for by the form's own labels, in the form's order, so a
`###` line inside an answer is read as part of that answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keepopen.forms.definition import Form

__all__ = ["NO_RESPONSE", "FormBodyError", "IssueAnswers", "read_issue_body"]

NO_RESPONSE = "_No response_"
_CHECKBOX = re.compile(r"^- \[( |x|X)\] (.+)$", re.M)


class FormBodyError(ValueError):
    """The body does not answer the form as it is now defined (a changed form, a wrong kind)."""


@dataclass
class IssueAnswers:
    """Answers by field id: text (None when not answered); checkboxes as `{label: ticked}`."""

    text: dict[str, str | None] = field(default_factory=dict)
    ticked: dict[str, dict[str, bool]] = field(default_factory=dict)


def _sections(form: Form, body: str) -> dict[str, str]:
    # From the last question back, each heading is the last match before the next one: a
    # contributor who types a later question's `### label` into an answer cannot move it.
    found: dict[str, tuple[int, int]] = {}  # field id -> (heading start, answer start)
    end = len(body)
    for f in reversed(form.fields):
        heading = re.compile(rf"^###[ \t]+{re.escape(f.label)}[ \t]*$", re.M)
        matches = list(heading.finditer(body, 0, end))
        if matches:
            found[f.id] = (matches[-1].start(), matches[-1].end())
            end = matches[-1].start()
    missing = [f.label for f in form.fields if f.id not in found]
    if missing:
        raise FormBodyError(
            f"the issue does not answer the {form.kind} form: no `### {missing[0]}` section"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
        )
    order = sorted(found.items(), key=lambda item: item[1][0])
    ends = [start for _, (start, _) in order[1:]] + [len(body)]
    return {i: body[begin:stop].strip() for (i, (_, begin)), stop in zip(order, ends, strict=True)}


def read_issue_body(form: Form, body: str) -> IssueAnswers:
    """The answers in `body` to `form`; `FormBodyError` if a question or an option is unknown."""
    body = body.replace("\r\n", "\n")
    answers = IssueAnswers()
    for field_id, raw in _sections(form, body).items():
        question = form.field(field_id)
        value = None if raw in ("", NO_RESPONSE) else raw
        if question.type == "checkboxes":
            ticked = {m.group(2).strip(): m.group(1) != " " for m in _CHECKBOX.finditer(raw)}
            unknown = set(ticked) - set(question.options)
            if unknown:
                raise FormBodyError(f"`{question.label}`: unknown option {sorted(unknown)[0]!r}")
            answers.ticked[field_id] = {o: ticked.get(o, False) for o in question.options}
            continue
        if question.type == "dropdown" and value is not None and value not in question.options:
            raise FormBodyError(f"`{question.label}`: {value!r} is not one of the form's options")
        answers.text[field_id] = value
    return answers
