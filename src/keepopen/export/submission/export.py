"""Export a submission page (or an ad-hoc list of pages) as the files a forum accepts.

Everything is checked before anything is written: fields against the profile, pages and
references, the page/word/character budget. On any error nothing is written and
`ExportFailed` carries the diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keepopen.checks.placeholders import find_placeholder
from keepopen.content.library import find_root
from keepopen.content.model import Submission
from keepopen.content.vocab import load_vocabulary
from keepopen.context import LibraryContext, load_context
from keepopen.diagnostics import Diagnostic, Severity
from keepopen.export.outdir import prepare_output
from keepopen.export.submission.assemble import BriefPlan, Document, assemble
from keepopen.export.submission.docx_writer import write_docx
from keepopen.export.submission.layout import PageEstimate, estimate_pages
from keepopen.export.submission.pagecount import LayoutFailed, find_soffice, real_page_count
from keepopen.export.submission.paste import write_paste_fields
from keepopen.export.submission.pdf_writer import PdfError, count_pdf_pages, write_pdf
from keepopen.export.submission.sources import (
    LibraryPage,
    SourceError,
    find_page,
    key_lines,
    read_page,
)
from keepopen.export.submission.text_writers import (
    render_markdown,
    submission_record,
    write_json,
    write_markdown,
)
from keepopen.forums import ForumProfile, ProfileError, find_profile, load_profile, validate_fields

#: Every file an export may write into `--out` (the PDF only when the forum asks for one).
FILES = ("submission.json", "submission.docx", "submission.md", "submission.pdf", "fields.md")

__all__ = [
    "FILES",
    "ExportFailed",
    "ExportOptions",
    "ExportResult",
    "export_brief",
    "export_submission",
    "find_root",
]


@dataclass
class ExportOptions:
    """How to export.

    Attributes:
        out_dir: Where the files go (created if needed).
        include_unverified: Add claims citing `unverified` references, marked as such.
        root: The library root (holds `docs/`, `references/`, `forums/`); found from the
            page when not given.
        forums_dir: Where forum profiles live (default: the library's `forums` setting).
        context: The library as already read (default: read from `root`'s `mkdocs.yml`).
        on_step: Called with a short message before each step (for progress displays).
        force: Write into a folder that is not empty, replacing only what a previous export
            wrote there (see `keepopen.export.outdir`).
        full: A brief keeps whole argument pages instead of condensing them (`--full`).
        draft: Export despite placeholders, marking every page DRAFT (`--draft`).
    """

    out_dir: Path
    include_unverified: bool = False
    root: Path | None = None
    forums_dir: Path | None = None
    context: LibraryContext | None = None
    on_step: Callable[[str], None] = lambda _msg: None
    force: bool = False
    full: bool = False
    draft: bool = False


@dataclass
class ExportResult:
    """What was written and the figures behind it."""

    written: list[Path]
    document: Document
    estimate: PageEstimate
    figures: dict[str, Any]
    warnings: list[Diagnostic] = field(default_factory=list)


class ExportFailed(Exception):
    """The export stopped; nothing (or, for a PDF overshoot, no PDF) was written."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def _profile(name: str, forums_dir: Path) -> ForumProfile:
    try:
        return load_profile(find_profile(name, forums_dir))
    except ProfileError as exc:
        raise ExportFailed(exc.diagnostics) from exc


def _read(path: Path, root: Path) -> LibraryPage:
    try:
        return read_page(path, root)
    except SourceError as exc:
        raise ExportFailed(exc.diagnostics) from exc


def _display(value: object) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def export_submission(page_path: Path, options: ExportOptions) -> ExportResult:
    """Export a `type: submission` page: its fields, its intro body and the pages it draws on."""
    root = options.root or find_root(page_path.parent)
    options.on_step(f"reading {page_path.name}")
    page = _read(page_path, root)
    if not isinstance(page.model, Submission):
        raise ExportFailed(
            [
                Diagnostic(
                    str(page_path),
                    key_lines(page).get("type", 1),
                    1,
                    "SUB206",
                    f"page type is '{page.type}', not 'submission'",
                    "export a submission page, or use `keepopen export brief PAGE... --forum NAME`",
                )
            ]
        )
    meta: Submission = page.model
    return _export(
        root,
        options,
        meta.forum,
        meta.title,
        meta.id,
        dict(meta.fields),
        page,
        list(meta.draws_on),
        partial=False,
    )


def export_brief(
    pages: list[str],
    forum: str,
    options: ExportOptions,
    title: str = "Keep Open brief",
    fields: dict[str, Any] | None = None,
) -> ExportResult:
    """Export an ad-hoc list of pages (paths or page ids) for `forum`.

    Required fields may be missing (reported as warnings); limits still apply.
    """
    first = Path(pages[0]) if pages else Path.cwd()
    root = options.root or find_root(first.parent if first.exists() else Path.cwd())
    return _export(root, options, forum, title, None, dict(fields or {}), None, pages, partial=True)


def _export(
    root: Path,
    options: ExportOptions,
    forum: str,
    title: str,
    page_id: str | None,
    fields: dict[str, Any],
    intro: LibraryPage | None,
    draws_on: list[str],
    partial: bool,
) -> ExportResult:
    # `--out` is checked before any work: an unsafe folder stops the export at once.
    folder = prepare_output(
        options.out_dir, FILES, kind="submission", root=root, force=options.force
    )
    context = options.context or load_context(root)
    settings = context.settings
    profile = _profile(forum, options.forums_dir or settings.forums_dir)
    where = str(intro.path) if intro else "(command line)"
    lines = key_lines(intro) if intro else {}
    if partial:  # `--field id=value` gives one text; a list field takes it as one item.
        fields = {
            k: [v]
            if isinstance(v, str)
            and (spec := profile.field(k)) is not None
            and spec.kind == "choices"
            else v
            for k, v in fields.items()
        }
    problems = validate_fields(
        profile,
        fields,
        where,
        lambda f: lines.get(f"fields.{f}", lines.get("fields", 0)),
        (lambda f: f"give it as --field {f}=VALUE (or export with --draft to leave it marked)")
        if partial
        else (lambda f: f"add `{f}:` under `fields:`"),
    )
    # A brief may leave a required field open only as a draft, where it prints as a placeholder.
    draft_gap = partial and options.draft
    errors = [d for d in problems if not (draft_gap and d.code == "SUB101")]
    warnings = [
        Diagnostic(d.path, d.line, d.col, d.code, d.message, d.fix, Severity.WARNING)
        for d in problems
        if draft_gap and d.code == "SUB101"
    ]
    options.on_step("loading references")
    references = context.bib
    pages: list[LibraryPage] = []
    for ref in draws_on:
        options.on_step(f"reading {ref}")
        path = Path(ref) if Path(ref).suffix == ".md" else find_page(root, ref)
        if path is None or not path.is_file():
            errors.append(
                Diagnostic(
                    where,
                    lines.get("draws_on", 0),
                    1,
                    "SUB205",
                    f"page '{ref}' not found under {root / 'docs'}",
                    "use the id of an existing page (its file name)",
                )
            )
            continue
        pages.append(_read(path, root))
    options.on_step("assembling")
    follow_up_id = profile.brief.follow_up_field
    follow_up = fields.get(follow_up_id) if follow_up_id else None
    plan = BriefPlan(
        condensed=partial and not options.full,
        budget_words=profile.brief.budget_words or profile.limits.words.value,
        addressee=_addressee(profile, fields),
        follow_up=[str(v) for v in follow_up] if isinstance(follow_up, list) else [],
        draft=options.draft,
    )
    if isinstance(follow_up, str):
        plan.follow_up = [follow_up]
    labels = [
        (spec.label if (spec := profile.field(k)) else k, _display(v))
        for k, v in fields.items()
        if k != follow_up_id  # printed as its own section, not in the field table
    ]
    vocabulary = _vocabulary_labels(settings.taxonomies_dir)

    def build(plan: BriefPlan) -> Document:
        return assemble(
            title,
            profile.label,
            labels,
            intro,
            pages,
            references,
            profile.citation_style.value,
            options.include_unverified,
            root,
            vocabulary,
            plan,
            site_url=settings.site.url,
        )

    doc = build(plan)
    # A page limit binds a condensed brief too: give the optional parts fewer words until the
    # estimate fits (what is dropped is listed as left out, never cut silently).
    page_limit = profile.limits.pages.value
    while (
        doc.mode == "condensed"
        and page_limit is not None
        and doc.used_words is not None
        and estimate_pages(doc, profile.layout).pages > page_limit
        and (smaller := _smaller_budget(doc)) >= doc.core_words
        and smaller != plan.budget_words
    ):
        plan.budget_words = smaller
        doc = build(plan)
    errors += _condensing(doc, profile, where, warnings)
    if not options.draft:
        field_lines = {
            (spec.label if (spec := profile.field(k)) else k): lines.get(f"fields.{k}", 0)
            for k in fields
        }
        errors += _placeholders(doc, where, field_lines, [*pages, *([intro] if intro else [])])
    estimate = estimate_pages(doc, profile.layout)
    markdown = render_markdown(doc, profile.layout.numbered_paragraphs.value)
    figures = {
        "paragraphs": len(doc.paragraphs),
        "words": len(markdown.split()),
        "characters": len(markdown),
        "estimated_docx_pages": estimate.pages,
        "mode": doc.mode,
        "draft": doc.draft,
    }
    if doc.mode == "condensed":
        figures |= {"budget_words": doc.budget_words, "condensed_words": doc.used_words}
    soffice = find_soffice()
    # With LibreOffice the page limit is checked on the real layout, after the DOCX is made.
    errors += _budget(profile, figures, estimate, where, pages_checked_later=soffice is not None)
    if errors:
        raise ExportFailed(errors)

    with folder.staging() as tmp:
        # Every file is made in a temporary folder first (the PDF is also checked there), so a
        # failure leaves nothing behind in `--out`.
        staging = Path(tmp)
        pdf = _print_pdf(doc, profile, staging, figures, where) if profile.wants_pdf() else None
        options.on_step("writing submission.docx")
        made = [write_docx(doc, profile, staging / "submission.docx")]
        if soffice is not None:
            options.on_step("laying out submission.docx with LibreOffice")
            _check_real_pages(made[0], soffice, profile, figures, where)
        options.on_step("writing submission.md")
        made.append(write_markdown(doc, profile, staging / "submission.md"))
        if pdf is not None:
            made.append(pdf)
        if profile.brief.paste_fields:
            made.append(write_paste_fields(profile, fields, staging / "fields.md"))
        options.on_step("writing submission.json")
        ids = [p.id or p.expected_id for p in pages]  # read_page only returns valid pages
        record = submission_record(doc, profile, page_id, fields, ids, figures)
        made.insert(0, write_json(record, profile, staging / "submission.json", partial=partial))
        written = [folder.move(path.name, path) for path in made]
        folder.finish(path.name for path in made)
    return ExportResult(written, doc, estimate, figures, warnings)


class _Missing(dict):
    # A field the addressee names but the brief lacks stays visible as a placeholder, which
    # stops the export unless it runs with `--draft`.
    def __init__(self, profile: ForumProfile, fields: dict[str, Any]):
        super().__init__({k: _display(v) for k, v in fields.items() if v})
        self.profile = profile

    def __missing__(self, key: str) -> str:
        spec = self.profile.field(key)
        return f"[TO BE CONFIRMED: {spec.label if spec else key}]"


def _addressee(profile: ForumProfile, fields: dict[str, Any]) -> str | None:
    """The sentence that opens the asks, with the forum's fields filled in."""
    addressee = profile.brief.addressee
    if addressee is None:
        return None
    return addressee.intro.format_map(_Missing(profile, fields))


def _condensing(
    doc: Document, profile: ForumProfile, where: str, warnings: list[Diagnostic]
) -> list[Diagnostic]:
    """SUB305 when what cannot be left out overshoots the budget; SUB208 for what was left out."""
    if doc.mode != "condensed" or doc.budget_words is None:
        return []
    if doc.over_budget:
        return [
            Diagnostic(
                where,
                0,
                0,
                "SUB305",
                f"the titles, claims and policy asks alone take "
                f"{doc.budget_words + doc.over_budget} words; forum '{profile.id}' leaves room "
                f"for {doc.budget_words} (over by {doc.over_budget})",
                "draw on fewer argument pages; nothing is cut automatically",
            )
        ]
    dropped = [x for x in doc.left_out if "word budget" in x.reason]
    if dropped:
        warnings.append(
            Diagnostic(
                where,
                0,
                0,
                "SUB208",
                f"{len(dropped)} part(s) left out to stay within {doc.budget_words} words "
                "(listed under 'left out')",
                "draw on fewer pages to make room, or export with --full to see whole pages",
                Severity.WARNING,
            )
        )
    return []


def _smaller_budget(doc: Document) -> int:
    """A word budget about 10% under what the brief used, never below zero."""
    used = doc.used_words or 0
    return max(0, used - max(20, used // 10))


def _placeholders(
    doc: Document, where: str, field_lines: dict[str, int], pages: list[LibraryPage]
) -> list[Diagnostic]:
    """SUB207 for every field or paragraph that still holds a placeholder, at the line to fix.

    A field is found by its label in the submission page; a paragraph's placeholder by the first
    line of a drawn-on page that holds it (the brief's own text, such as an addressee waiting for
    a field, stays at `where`).
    """
    out = []
    texts = [
        (f"field '{label}'", value, where, field_lines.get(label, 0)) for label, value in doc.fields
    ]
    for item in doc.items:
        what = f"paragraph {item.number}" if item.number else f"{item.kind} '{item.text[:40]}'"
        texts.append((what, item.text, where, 0))
    for what, text, path, line in texts:
        name = find_placeholder(text)
        if not name:
            continue
        if line == 0 and path == where:
            path, line = _first_line_with(name, pages) or (path, line)
        out.append(
            Diagnostic(
                path,
                line,
                1 if line else 0,
                "SUB207",
                f"{what} still holds a placeholder ({name})",
                "write the real value, or export with --draft to mark every page DRAFT",
            )
        )
    return out


def _first_line_with(name: str, pages: list[LibraryPage]) -> tuple[str, int] | None:
    """`(page, line)` of the first line of a drawn-on page that holds the placeholder `name`."""
    for page in pages:
        for number, line in enumerate(page.text.splitlines(), start=1):
            if find_placeholder(line) == name:
                return page.rel, number
    return None


def _vocabulary_labels(taxonomies_dir: Path) -> dict[str, str]:
    """Model and theme labels from `taxonomies/` (empty when the files are missing)."""
    labels: dict[str, str] = {}
    for name in ("themes", "models"):
        labels |= load_vocabulary(taxonomies_dir / f"{name}.yml", name).labels
    return labels


def _print_pdf(
    doc: Document, profile: ForumProfile, tmp: Path, figures: dict[str, Any], where: str
) -> Path:
    """Print the PDF into `tmp`, record its page count, and check it against the page limit."""
    pdf = tmp / "submission.pdf"
    try:
        write_pdf(doc, profile, pdf)
    except PdfError as exc:
        raise ExportFailed(
            [Diagnostic(where, 0, 0, "SUB303", str(exc), "see the message")]
        ) from exc
    figures["pdf_pages"] = count_pdf_pages(pdf)
    limit = profile.limits.pages.value
    if limit is not None and figures["pdf_pages"] > limit:
        over = figures["pdf_pages"] - limit
        raise ExportFailed(
            [
                Diagnostic(
                    where,
                    0,
                    0,
                    "SUB302",
                    f"submission.pdf has {figures['pdf_pages']} pages; forum '{profile.id}' allows "
                    f"{limit} (over by {over})",
                    "draw on fewer pages or shorten them; nothing is cut automatically",
                )
            ]
        )
    return pdf


def _check_real_pages(
    docx: Path, soffice: str, profile: ForumProfile, figures: dict[str, Any], where: str
) -> None:
    """Lay the DOCX out with LibreOffice, record its pages, and hold it to the page limit."""
    try:
        pages = real_page_count(docx, soffice)
    except LayoutFailed as exc:
        raise ExportFailed(
            [
                Diagnostic(
                    where,
                    0,
                    0,
                    "SUB303",
                    str(exc),
                    "check that LibreOffice works (`soffice --version`), or uninstall it to "
                    "use the page estimate",
                )
            ]
        ) from exc
    figures["docx_pages"] = pages
    limit = profile.limits.pages.value
    if pages is not None and limit is not None and pages > limit:
        raise ExportFailed(
            [
                Diagnostic(
                    where,
                    0,
                    0,
                    "SUB301",
                    f"submission.docx has {pages} pages as LibreOffice lays it out; forum "
                    f"'{profile.id}' allows {limit} (over by {pages - limit})",
                    "draw on fewer pages or shorten them; nothing is cut automatically",
                )
            ]
        )


def _budget(
    profile: ForumProfile,
    figures: dict[str, Any],
    estimate: PageEstimate,
    where: str,
    pages_checked_later: bool = False,
) -> list[Diagnostic]:
    """One error per limit the submission overshoots, with the overshoot.

    With `pages_checked_later` the page limit is left to the real layout (LibreOffice).
    """
    out = []
    limits = profile.limits
    fix = "draw on fewer pages or shorten them; nothing is cut automatically"
    if (
        not pages_checked_later
        and limits.pages.value is not None
        and estimate.pages > limits.pages.value
    ):
        over = estimate.pages - limits.pages.value
        out.append(
            Diagnostic(
                where,
                0,
                0,
                "SUB301",
                f"submission.docx is estimated at {estimate.pages} pages; forum "
                f"'{profile.id}' allows {limits.pages.value} (over by {over}; "
                f"estimate: {estimate.describe()})",
                fix,
            )
        )
    for name, limit in (("words", limits.words.value), ("characters", limits.characters.value)):
        if limit is not None and figures[name] > limit:
            out.append(
                Diagnostic(
                    where,
                    0,
                    0,
                    "SUB304",
                    f"submission.md has {figures[name]} {name}; forum "
                    f"'{profile.id}' allows {limit} (over by "
                    f"{figures[name] - limit})",
                    fix,
                )
            )
    return out
