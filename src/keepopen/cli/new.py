"""`keepopen new testimony|argument|event`: start a page from a template.

`--from-issue FILE` (testimony, argument) drafts the page from an issue form's body instead, and
`keepopen new reference --from-issue FILE` a BibTeX entry (`keepopen.forms.draft`).

In a terminal it asks its questions (Enter keeps the suggestion); otherwise it takes flags.
Anything not given is left as a `TODO` placeholder that `keepopen check` reports, so nothing
unfinished can slip through. The file is validated against the content model before it is
written, and an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from string import Template

from markdown.extensions.toc import slugify

from keepopen.cli.errors import CliError
from keepopen.content.choices import (
    ATTRIBUTIONS,
    CONSENT_SCOPES,
    DATE_PRECISIONS,
    EVENT_KINDS,
    SOURCE_TYPES,
    VERIFICATION_LEVELS,
)

__all__ = ["KINDS", "MAX_ID_LENGTH", "check_id", "register", "render", "run"]

TODO = "TODO"
#: Longest id accepted: it becomes a file name, and file systems stop at 255 bytes.
MAX_ID_LENGTH = 80
_ID = "todo"  # placeholder inside id lists (`[todo]`), reported with the TODO comment
#: Defaults that are safe (most private, least verified) but that a person must confirm.
_CONFIRM = {"scope", "attribution", "verification"}


@dataclass(frozen=True)
class Question:
    """One value a template needs: how to ask for it, its flag and its suggestion."""

    name: str
    prompt: str
    kind: str = "text"  # text | date | partial | list | choice | id
    choices: tuple[str, ...] = ()
    default: str | None = None  # None: a TODO placeholder
    required: bool = False  # must come from a flag (or an answer) when not in a terminal


#: Kinds with an issue form that `--from-issue` reads (`keepopen.forms.draft.FORM_KINDS`).
_FORM_KINDS = ("testimony", "argument", "reference")

_COMMON_TAIL = (Question("body", "Opening paragraph (you can write the rest in the file)"),)

KINDS: dict[str, tuple[str, tuple[Question, ...]]] = {
    "testimony": (
        "testimony",
        (
            Question("title", "Title", required=True),
            Question("id", "Id (lower-case-with-hyphens; becomes the file name)", "id"),
            Question("summary", "Summary in one or two sentences, in your own words"),
            Question("collected", "Date collected (YYYY-MM-DD)", "date", default="today"),
            Question(
                "period_start", "When the experience began (YYYY, YYYY-MM or YYYY-MM-DD)", "partial"
            ),
            Question("period_end", "When it ended (empty if ongoing)", "partial", default=""),
            Question("language", "Language of the original (en, fr, pt-BR...)", default="en"),
            Question("models", "Model ids, comma-separated (taxonomies/models.yml)", "list"),
            Question("themes", "Theme ids, comma-separated (taxonomies/themes.yml)", "list"),
            Question("source_type", "Source type", "choice", SOURCE_TYPES),
            Question("where", "Where it was collected (forum, form, interview)"),
            Question("collected_by", "Collected by", default="Keep Open editors"),
            Question(
                "scope",
                "Consent scope",
                "choice",
                CONSENT_SCOPES,
                default="aggregate-only",
            ),
            Question(
                "attribution",
                "Attribution",
                "choice",
                ATTRIBUTIONS,
                default="anonymous",
            ),
            Question("method", "How consent was recorded"),
            Question("withdraw", "How the person can withdraw it"),
            *_COMMON_TAIL,
        ),
    ),
    "argument": (
        "arguments",
        (
            Question("title", "Title", required=True),
            Question("id", "Id (lower-case-with-hyphens; becomes the file name)", "id"),
            Question("claim", "The claim in one sentence"),
            Question("themes", "Theme ids, comma-separated (taxonomies/themes.yml)", "list"),
            Question("made_by", "Reference keys of who made it, comma-separated", "list"),
            Question("references", "Reference keys it rests on, comma-separated", "list"),
            Question("events", "Event ids it rests on, comma-separated", "list", default=""),
            Question("testimony", "Testimony ids it rests on, comma-separated", "list", default=""),
            Question("objection", "The strongest objection, stated fairly"),
            Question("answer", "The answer to it"),
            Question("policy_ask", "What it asks of policy makers"),
            *_COMMON_TAIL,
        ),
    ),
    "event": (
        "evidence/events",
        (
            Question("title", "Title", required=True),
            Question(
                "date", "Date (YYYY-MM-DD; first day for a month or year)", "date", required=True
            ),
            Question("id", "Id (date-then-slug, e.g. 2024-05-13-gpt-4o-release)", "id"),
            Question(
                "date_precision",
                "Date precision",
                "choice",
                DATE_PRECISIONS,
                default="day",
            ),
            Question("actor", "Who acted (a company, a UN body, a community)"),
            Question(
                "kind",
                "Kind",
                "choice",
                EVENT_KINDS,
            ),
            Question("models", "Model ids, comma-separated (empty if none)", "list", default=""),
            Question("themes", "Theme ids, comma-separated (empty if none)", "list", default=""),
            Question("happened", "What happened, in one or two sentences"),
            Question("sources", "Reference keys that document it, comma-separated", "list"),
            Question(
                "verification",
                "Verification",
                "choice",
                VERIFICATION_LEVELS,
                default="unverified",
            ),
            *_COMMON_TAIL,
        ),
    ),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help="start a testimony, argument or event page from a template",
        description="Write a new page from a template. In a terminal it asks "
        "its questions; otherwise give flags. Never overwrites a file.",
    )
    kinds = p.add_subparsers(dest="page_kind", metavar="KIND", required=True)
    for kind, (_, questions) in KINDS.items():
        k = kinds.add_parser(kind, help=f"a new {kind} page")
        for q in questions:
            flag = "--" + q.name.replace("_", "-")
            k.add_argument(
                flag, dest=q.name, default=None, choices=q.choices or None, help=q.prompt
            )
        k.add_argument("--root", type=Path, default=None, help="repository root")
        if kind in _FORM_KINDS:
            k.add_argument(
                "--from-issue",
                type=Path,
                default=None,
                metavar="FILE",
                help=f"a draft from a {kind} issue form: FILE holds the issue's body, or is "
                "GitHub's event payload ($GITHUB_EVENT_PATH); --title is the issue's title",
            )
            k.add_argument(
                "--issue-number", type=int, default=None, help="the issue's number (provenance)"
            )
        k.add_argument(
            "--interactive",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="ask questions (default: only when stdin is a terminal)",
        )
        k.set_defaults(func=run)
    reference = kinds.add_parser(
        "reference",
        help="a draft reference from a reference issue form",
        description="Write a draft BibTeX entry to references/ from a *Suggest a reference* "
        "issue; `keepopen check` fails on it until an editor has checked the source.",
    )
    reference.add_argument(
        "--from-issue",
        type=Path,
        required=True,
        metavar="FILE",
        help="the issue's body, or GitHub's event payload ($GITHUB_EVENT_PATH)",
    )
    reference.add_argument("--key", default=None, help="citation key (default: issueN)")
    reference.add_argument("--issue-number", type=int, default=None, help="the issue's number")
    reference.add_argument("--root", type=Path, default=None, help="repository root")
    reference.set_defaults(func=run_reference)


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _split(value: str) -> list[str]:
    return [v.strip() for v in re.split(r"[,\s]+", value) if v.strip()]


def _value(q: Question, answer: str | None, today: dt.date) -> tuple[str, bool]:
    """`(YAML text, is_placeholder)` for one question."""
    if answer is None and q.default is not None:
        answer = today.isoformat() if q.default == "today" else q.default
        if q.name in _CONFIRM:  # a safe default, but a human must confirm it
            return answer, True
    if answer is None:
        if q.kind == "list":
            return _yaml_list([_ID]), True
        if q.kind == "choice":
            return q.choices[0], True
        if q.kind in ("date", "partial"):
            return (today.isoformat() if q.kind == "date" else str(today.year)), True
        return _yaml_text(f"{TODO}: {q.prompt[0].lower()}{q.prompt[1:]}"), True
    if q.kind == "list":
        return _yaml_list(_split(answer)), False
    if q.kind in ("date", "choice"):
        return answer, False
    return _yaml_text(answer), False


def render(
    kind: str, answers: dict[str, str | None], template_dir: Path, today: dt.date | None = None
) -> tuple[str, str]:
    """`(page id, Markdown text)` of a new page of `kind` from the given answers."""
    today = today or dt.date.today()
    folder, questions = KINDS[kind]
    answers = dict(answers)
    title = answers.get("title") or f"{TODO}: title"
    if not answers.get("id"):
        # A title with no ASCII letters slugs to nothing: fall back to a name to rename.
        slug = (slugify(title, "-") if answers.get("title") else "") or "new-" + kind
        slug = _shorten(slug, MAX_ID_LENGTH - 11)  # room for an event's `YYYY-MM-DD-`
        answers["id"] = (
            f"{answers['date']}-{slug}" if kind == "event" and answers.get("date") else slug
        )
    values: dict[str, str] = {}
    for q in questions:
        if q.name in ("id", "body"):
            continue
        text, todo = _value(q, answers.get(q.name) or None, today)
        if todo and not text.startswith(f'"{TODO}'):
            text += f"  # {TODO}: confirm or replace"
        values[q.name] = text
    values["id"] = answers["id"] or ""
    values["heading"] = answers.get("title") or f"{TODO}: title"
    values["body"] = answers.get("body") or f"{TODO}: write the page here."
    if kind == "testimony":
        end = answers.get("period_end")
        values["period_end_line"] = f"  end: {_yaml_text(end)}\n" if end else ""
    template = Template((template_dir / f"{kind}.md").read_text(encoding="utf-8"))
    return values["id"], template.substitute(values)


def _shorten(slug: str, limit: int) -> str:
    """`slug` cut to at most `limit` characters, at a hyphen when there is one."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def check_id(page_id: str, what: str = "--id") -> None:
    """`CliError` unless `page_id` is a usable id: the content model's pattern, not too long."""
    from keepopen.cli.page_args import shown
    from keepopen.content.choices import ID_PATTERN

    if len(page_id) > MAX_ID_LENGTH:
        raise CliError(
            f"{what} is {len(page_id)} characters long; the limit is {MAX_ID_LENGTH} "
            "(it becomes the file name)",
            "choose a shorter id",
        )
    if not re.fullmatch(ID_PATTERN, page_id):
        raise CliError(
            f"{what} {shown(page_id)} is not an id: use lower-case letters, digits and single "
            "hyphens (e.g. lost-my-notes)",
            "choose an id like lost-my-notes",
        )


def _ask(q: Question, stream_in, stream_out) -> str | None:
    hint = f" [{'/'.join(q.choices)}]" if q.choices else ""
    default = (
        q.default
        if q.default not in (None, "today")
        else (dt.date.today().isoformat() if q.default == "today" else None)
    )
    shown = f" ({default})" if default else ""
    for _ in range(3):
        stream_out.write(f"{q.prompt}{hint}{shown}: ")
        stream_out.flush()
        line = stream_in.readline()
        if not line:  # end of input: keep the rest as placeholders
            return None
        answer = line.strip()
        if not answer:
            return None
        if q.choices and answer not in q.choices:
            stream_out.write(f"  please answer one of: {', '.join(q.choices)}\n")
            continue
        return answer
    return None


def _template_dir(root: Path) -> Path:
    own = root / "templates"
    return own if own.is_dir() else Path(__file__).resolve().parents[3] / "templates"


def _answers_from_issue(args: argparse.Namespace, root: Path) -> dict[str, str | None]:
    """The draft's answers from the issue body in `--from-issue`; warnings go to stderr."""
    from keepopen.content.textfile import read_text
    from keepopen.forms.body import FormBodyError
    from keepopen.forms.draft import draft_from_issue
    from keepopen.forms.issue import read_issue

    issue = read_issue(read_text(args.from_issue))
    try:
        draft = draft_from_issue(
            root,
            args.page_kind,
            issue.body,
            issue_title=args.title or issue.title,
            issue_number=args.issue_number or issue.number,
        )
    except FormBodyError as exc:
        raise CliError(
            f"{args.from_issue.as_posix()}: {exc}",
            f"give the body of an issue made with the {args.page_kind} form",
        ) from None
    for warning in draft.warnings:
        print(f"keepopen new: warning: {warning}", file=sys.stderr)
    if issue.opened and args.page_kind == "testimony":  # when the account was given
        draft.answers["collected"] = issue.opened.isoformat()
    return draft.answers


def run(args: argparse.Namespace) -> int:
    from keepopen.content.frontmatter import FrontMatterError, parse
    from keepopen.content.library import find_root
    from keepopen.content.validate import validate_front_matter

    root = (args.root or find_root(Path.cwd())).resolve()
    if not (root / "docs").is_dir():
        raise CliError(
            f"{root.as_posix()} is not a Keep Open library (it has no docs/ folder)",
            "run the command inside the library, or give --root with the library's folder",
        )
    if args.id is not None:
        check_id(args.id)  # before any question is asked
    folder, questions = KINDS[args.page_kind]
    answers: dict[str, str | None] = {q.name: getattr(args, q.name) for q in questions}
    interactive = sys.stdin.isatty() if args.interactive is None else args.interactive
    if getattr(args, "from_issue", None) is not None:
        for name, value in _answers_from_issue(args, root).items():
            if name == "title" or answers.get(name) is None:  # other flags win over the form
                answers[name] = value
        interactive = False
    if interactive:
        for q in questions:
            if answers.get(q.name) is None:
                answers[q.name] = _ask(q, sys.stdin, sys.stderr)
    missing = [q.name for q in questions if q.required and not answers.get(q.name)]
    if missing:
        flags = ", ".join("--" + m.replace("_", "-") for m in missing)
        print(
            f"keepopen new: error: missing {flags} (or run it in a terminal to be asked)",
            file=sys.stderr,
        )
        return 2
    if answers.get("id"):
        check_id(str(answers["id"]))  # an id typed at the prompt
    page_id, text = render(args.page_kind, answers, _template_dir(root))
    target = root / "docs" / folder / f"{page_id}.md"
    rel = target.relative_to(root).as_posix()
    try:
        front, _ = parse(text)
        problems = [str(d) for d in validate_front_matter(front, rel)[1]] if front else []
    except FrontMatterError as exc:
        problems = [f"{rel}:{exc.line}:{exc.col}: {exc.code} {exc.message}"]
    if problems:
        for problem in problems:
            print(str(problem), file=sys.stderr)
        print("keepopen new: error: fix the values above; nothing was written", file=sys.stderr)
        return 2
    check_id(page_id, "the page's id")  # a derived id too: it becomes a path
    if target.exists():
        print(
            f"keepopen new: error: {rel} already exists; nothing was overwritten "
            "(choose another --id)",
            file=sys.stderr,
        )
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except OSError as exc:
        raise CliError(
            f"cannot write {rel}: {exc.strerror or exc}",
            "check that you may write in the library's docs/ folder",
        ) from exc
    print(f"wrote {rel}; fill in each TODO, then run `keepopen check {rel}`")
    return 0


def run_reference(args: argparse.Namespace) -> int:
    """`keepopen new reference --from-issue FILE`: a draft entry in references/<key>.bib."""
    from keepopen.content.choices import HOUSE_KEY_PATTERN
    from keepopen.content.library import find_root
    from keepopen.content.textfile import read_text
    from keepopen.forms.body import FormBodyError
    from keepopen.forms.draft import reference_draft_from_issue
    from keepopen.forms.issue import read_issue

    root = (args.root or find_root(Path.cwd())).resolve()
    issue = read_issue(read_text(args.from_issue))
    number = args.issue_number or issue.number
    key = args.key or (f"issue{number}" if number else "draft_reference")
    if not re.fullmatch(HOUSE_KEY_PATTERN, key):
        raise CliError(f"--key {key!r} is not a house key", "use lower-case letters, digits, _")
    try:
        draft = reference_draft_from_issue(root, issue.body, key, number)
    except FormBodyError as exc:
        raise CliError(
            f"{args.from_issue.as_posix()}: {exc}",
            "give the body of an issue made with the reference form",
        ) from None
    for warning in draft.warnings:
        print(f"keepopen new: warning: {warning}", file=sys.stderr)
    target = root / "references" / f"{key.replace('_', '-')}.bib"
    rel = target.relative_to(root).as_posix()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(draft.text)
    except FileExistsError:
        print(f"keepopen new: error: {rel} already exists (choose another --key)", file=sys.stderr)
        return 1
    print(f"wrote {rel}; check the source, complete the entry, then run `keepopen check`")
    return 0
