"""Rules on internal links (LNK...): every relative link reaches a page, file or anchor.

A page's findings depend on its own text, on which files exist under `docs/`, and on the
bodies of the pages its anchors point into. With a memo (kept across `mkdocs serve` rebuilds),
a page is checked again only when one of those changed.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from keepopen.checks.anchors import AnchorIndex
from keepopen.checks.files import docs_entries
from keepopen.checks.mdrender import Renderer
from keepopen.checks.text import LineIndex, mask_code, mask_comments
from keepopen.content.library import Library, LibraryPage
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = ["REF_DEF", "check_links"]

_INLINE = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^)\s]+)")
#: A reference definition as Python-Markdown reads one: `[label]: target`, then at most a title
#: on the line or the next; `[label]: Some words.` is a paragraph, and `[^label]:` a footnote.
REF_DEF = re.compile(
    r"^ {0,3}\[(?!\^)([^\[\]\n]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)[ \t]*"
    r"(?:\n[ \t]*)?(?:\"[^\n]*\"|'[^\n]*'|\([^\n]*\))?[ \t]*$",
    re.M,
)
_HTML_ATTR = re.compile(r"<[a-zA-Z][^<>]*?\s(?:href|src)\s*=\s*[\"']([^\"']*)[\"']")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: Pages whose anchors other tools generate (mkdocstrings `:::`, plugin markers): not checked.
_GENERATED = re.compile(r"^:::|<!--\s*keepopen", re.M)


def _targets(text: str):
    for rx, group in ((_INLINE, 1), (REF_DEF, 2), (_HTML_ATTR, 1)):
        for m in rx.finditer(text):
            yield m.start(group), m.group(group).strip("<>")


def _files_under(docs: Path) -> frozenset[str]:
    """Every file under `docs`, relative and with `/` (one listing per folder: `rglob` and a
    `stat` per file took ten times longer)."""
    return frozenset(
        Path(os.path.relpath(entry.path, docs)).as_posix()
        for entry in docs_entries(docs)
        if not entry.is_dir()
    )


class _Site:
    """Where a link may land: pages by source path and URL, and other files under `docs/`."""

    def __init__(self, library: Library) -> None:
        self.by_src = library.by_src()
        self.by_url = {page.url.rstrip("/"): page for page in library}
        self.files = _files_under(library.docs_dir)

    def resolve(self, page: LibraryPage, target: str) -> tuple[bool, LibraryPage | None]:
        """`(exists, page)` for a link `target` (without its `#anchor`) written in `page`."""
        if target.startswith("/"):
            path = posixpath.normpath(target.lstrip("/")) if target.strip("/") else ""
            path = "" if path == "." else path
            if path.endswith(".md"):
                return path in self.by_src, self.by_src.get(path)
        elif target.endswith(".md"):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), target))
            return path in self.by_src, self.by_src.get(path)
        else:
            # Directory-style links resolve against the page URL, as a browser does.
            path = posixpath.normpath(posixpath.join(page.url, target))
            path = "" if path == "." else path
            from_file = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), target))
            if from_file in self.files:
                return True, self.by_src.get(from_file)
        if path.rstrip("/") in self.by_url:
            return True, self.by_url[path.rstrip("/")]
        return path in self.files, None


#: `page.rel` -> (its text, what the site looked like, `(rel, body)` of each page whose
#: anchors it read, its findings).
LinkMemo = dict[str, tuple[str, tuple, tuple[tuple[str, str], ...], list[Diagnostic]]]


def check_links(library: Library, memo: LinkMemo | None = None) -> list[Diagnostic]:
    """LNK001: link to a missing page or file; LNK002: link to a missing anchor.

    `memo` keeps each page's findings for the next call, which checks again only the pages
    whose text, link targets or the files under `docs/` changed.
    """
    site = _Site(library)
    anchors = AnchorIndex(Renderer(library.root))
    memo = {} if memo is None else memo
    shape = (site.files, anchors.render.signature())
    bodies = {page.rel: page.body for page in library}
    out: list[Diagnostic] = []
    for page in library:
        known = memo.get(page.rel)
        if (
            known is None
            or known[0] != page.text
            or known[1] != shape
            or any(bodies.get(rel) != body for rel, body in known[2])
        ):
            read: dict[str, str] = {}
            found = _check_page(page, site, anchors, read)
            known = memo[page.rel] = (page.text, shape, tuple(read.items()), found)
        out.extend(known[3])
    return out


def _check_page(
    page: LibraryPage, site: _Site, anchors: AnchorIndex, read: dict[str, str]
) -> list[Diagnostic]:
    """The link problems of one page; `read` collects the bodies of the pages it looked into."""
    out: list[Diagnostic] = []
    text = mask_comments(mask_code(page.body))
    at = LineIndex(text, page.body_line)
    for offset, raw in _targets(text):
        if not raw or raw.startswith("//") or _SCHEME.match(raw):
            continue
        target, _, anchor = unquote(raw).partition("#")
        target = target.split("?", 1)[0]
        line, col = at(offset)
        found, dest = (True, page) if not target else site.resolve(page, target)
        if not found:
            out.append(
                make(
                    "LNK001",
                    page.rel,
                    line,
                    col,
                    f"link to `{target}`, which does not exist",
                    "point it at an existing page (`../folder/page.md`) or file",
                )
            )
            continue
        if not anchor or dest is None:
            continue
        read[dest.rel] = dest.body
        if _GENERATED.search(dest.body) or anchor.startswith(("fn:", "fnref:")):
            continue
        defined = anchors(dest.body)
        if defined is not None and anchor not in defined:
            where = "this page" if dest is page else dest.rel
            out.append(
                make(
                    "LNK002",
                    page.rel,
                    line,
                    col,
                    f"anchor `#{anchor}` does not exist in {where}",
                    "link to an existing heading (its slug) or add the anchor",
                )
            )
    return out
