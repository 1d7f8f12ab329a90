"""Rules on internal links (LNK...): every relative link reaches a page, file or anchor."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from keepopen.checks.anchors import AnchorIndex
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


class _Site:
    """Where a link may land: pages by source path and URL, and other files under `docs/`."""

    def __init__(self, library: Library) -> None:
        self.by_src = library.by_src()
        self.by_url = {page.url.rstrip("/"): page for page in library}
        docs = library.docs_dir
        self.files = (
            {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
            if docs.is_dir()
            else set()
        )

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


def check_links(library: Library) -> list[Diagnostic]:
    """LNK001: link to a missing page or file; LNK002: link to a missing anchor."""
    site = _Site(library)
    anchors = AnchorIndex(Renderer(library.root))
    out: list[Diagnostic] = []
    for page in library:
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
            if not anchor or dest is None or _GENERATED.search(dest.body):
                continue
            if anchor.startswith(("fn:", "fnref:")):
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
