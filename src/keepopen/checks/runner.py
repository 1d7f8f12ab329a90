"""Run every rule over a library: the one entry point the CLI, the plugin and tests share."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from keepopen.checks.answers import check_answers
from keepopen.checks.boundary import check_export_boundary
from keepopen.checks.citations_in_links import check_citations_in_links
from keepopen.checks.files import check_docs_files
from keepopen.checks.issue_drafts import check_issue_words
from keepopen.checks.links import LinkMemo, check_links
from keepopen.checks.memo import PageResults
from keepopen.checks.pages import check_ids, check_vocabularies
from keepopen.checks.placeholders import check_placeholders
from keepopen.checks.references import References, check_references
from keepopen.checks.safety import check_consent, check_html
from keepopen.citepage.permalinks import check_published
from keepopen.content.library import Library
from keepopen.diagnostics import Diagnostic, HasDiagnostics

if TYPE_CHECKING:
    from keepopen.context import LibraryContext

__all__ = ["CheckResult", "check_library", "run_checks"]


@dataclass
class CheckResult(HasDiagnostics):
    """Sorted, de-duplicated diagnostics plus what they were computed from."""

    diagnostics: list[Diagnostic]
    library: Library
    references: References


def check_library(
    library: Library,
    references: References,
    forums_dir: Path | None = None,
    memo: PageResults | None = None,
    links: LinkMemo | None = None,
) -> list[Diagnostic]:
    """Every rule over an already scanned library and bibliography.

    With `memo`, the page-local rules run only over pages whose text changed since the
    results it holds; with `links`, the link rules only over pages whose text or targets did.
    """
    memo = memo if memo is not None else PageResults()
    found: list[Diagnostic] = [*library.diagnostics, *references.diagnostics]
    found += check_ids(library)
    found += check_vocabularies(library)
    found += check_references(library, references, forums_dir)
    keys = references.keys
    found += memo.run(
        lambda pages: check_consent(pages, keys),
        library,
        name="keepopen.checks.safety.check_consent",
        depends=hashlib.sha256("\n".join(sorted(keys or ())).encode()).hexdigest()
        + ("" if keys is not None else "-no-bibliography"),
    )
    found += memo.run(check_issue_words, library)
    found += memo.run(check_html, library)
    found += check_docs_files(library.root, library.docs_dir)
    found += check_links(library, links)
    found += memo.run(check_citations_in_links, library)
    found += memo.run(check_answers, library)
    found += memo.run(check_placeholders, library)
    found += memo.run(check_export_boundary, library)
    found += check_published(library.root, library)  # published ids need a redirect when they move
    return found


def _selected(diagnostic: Diagnostic, root: Path, only: list[Path]) -> bool:
    path = (root / diagnostic.path).resolve()
    return any(path == p or p in path.parents for p in only)


def run_checks(
    root: Path | str | None = None,
    paths: Iterable[Path | str] = (),
    *,
    context: LibraryContext | None = None,
) -> CheckResult:
    """Check the library at `root` (or the one `context` has read); with `paths`, keep only
    problems in those files/folders.

    The whole library is always read, because ids and keys resolve across pages. With
    `context`, its pages and bibliography are checked as already loaded (nothing is read
    again); otherwise they are read with the settings of `root/mkdocs.yml`.
    Diagnostic paths are relative to the library root.
    """
    if context is None:
        from keepopen.context import load_context

        if root is None:
            raise TypeError("run_checks needs a root or a context")
        context = load_context(root, formatted=False)  # the check needs keys and fields only
    root = context.settings.root
    library, references = context.library, context.references
    memo = context.check_memo
    forums = context.settings.forums_dir
    found = sorted(set(check_library(library, references, forums, memo, context.memo("links"))))
    memo.save()
    only = [Path(p).resolve() for p in paths]
    if only:
        found = [d for d in found if _selected(d, root, only)]
    return CheckResult(found, library, references)
