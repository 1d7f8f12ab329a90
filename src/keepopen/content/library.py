"""Scan `docs/` into a `Library`: every page with its id, type, model, body and URL.

The scan never raises on bad content: each problem becomes a diagnostic in
`Library.diagnostics`, and the page stays in the library (with `model=None`) so other rules can
still point at it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from keepopen.content.frontmatter import FrontMatter, FrontMatterError, parse
from keepopen.content.textfile import (
    NotUtf8Error,
    UnreadableFileError,
    read_text,
    text_of,
    unreadable,
)
from keepopen.content.vocab import Vocabulary, load_vocabulary
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

if TYPE_CHECKING:  # pydantic loads only when a page has front matter to validate
    from pydantic import BaseModel

__all__ = ["Library", "LibraryPage", "ScanMemo", "find_root", "page_url", "scan"]

_T = TypeVar("_T")

#: A page file's bytes -> what `load_page` made of them, kept between scans of one process
#: (`mkdocs serve` rebuilds): a page whose bytes did not change is not parsed or validated again.
ScanMemo = dict[Path, tuple[bytes, "LibraryPage | None", list[Diagnostic]]]


def page_url(src: str) -> str:
    """The site URL (relative to the site root) MkDocs gives `src` with directory URLs."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass
class LibraryPage:
    """One page under `docs/`."""

    path: Path
    #: Path shown in diagnostics (relative to the repository root, `/` separators).
    rel: str
    #: Path relative to `docs/` (MkDocs' `src_uri`).
    src: str
    url: str
    text: str
    body: str
    body_line: int
    front: FrontMatter | None
    model: BaseModel | None = None

    @property
    def data(self) -> dict[str, Any]:
        return self.front.data if self.front else {}

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def type(self) -> str | None:
        value = self.data.get("type")
        return value if isinstance(value, str) else None

    @property
    def expected_id(self) -> str:
        """The id the file name asks for: `index.md` takes its folder's name (`home` at the top)."""
        parts = self.src[:-3].split("/")
        if parts[-1] == "index":
            return parts[-2] if len(parts) > 1 else "home"
        return parts[-1]


@dataclass
class Library:
    """All pages of one repository, plus the vocabularies they are checked against."""

    root: Path
    docs_dir: Path
    pages: list[LibraryPage]
    themes: Vocabulary
    models: Vocabulary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Indexes derived from all pages (who cites what), built once: pages are not changed after
    #: the scan, and a per-page caller must not redo library-wide work (quadratic at scale).
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, name: str, build: Callable[[Library], _T]) -> _T:
        """`build(self)`, computed on first use and kept under `name`."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return cast(_T, self._derived[name])

    def __iter__(self) -> Iterator[LibraryPage]:
        return iter(self.pages)

    def by_id(self) -> dict[str, LibraryPage]:
        """First page for each id (duplicates are reported by the check)."""
        out: dict[str, LibraryPage] = {}
        for page in self.pages:
            if page.id is not None:
                out.setdefault(page.id, page)
        return out

    def by_src(self) -> dict[str, LibraryPage]:
        return {page.src: page for page in self.pages}

    def of_type(self, page_type: str) -> list[LibraryPage]:
        return [page for page in self.pages if page.type == page_type]

    def get(self, page_id: str) -> LibraryPage | None:
        for page in self.pages:
            if page.id == page_id:
                return page
        return None


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `mkdocs.yml` or a `docs/` folder."""
    start = start.resolve()
    probe = start if start.is_dir() else start.parent
    for folder in (probe, *probe.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "docs").is_dir():
            return folder
    return probe


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_page(
    path: Path, root: Path, docs_dir: Path, raw: bytes | None = None
) -> tuple[LibraryPage | None, list[Diagnostic]]:
    """Read (or take `raw`, the file's bytes already read) and validate one page; None (and
    ENC001/ENC002) when it cannot be read as text."""
    rel = _relative(path, root)
    src = path.relative_to(docs_dir).as_posix()
    try:
        text = read_text(path) if raw is None else text_of(raw, path)
    except (NotUtf8Error, UnreadableFileError) as exc:
        return None, [unreadable(exc, rel)]
    page = LibraryPage(path, rel, src, page_url(src), text, text, 1, None)
    try:
        front, body = parse(text)
    except FrontMatterError as exc:
        return page, [make(exc.code, rel, exc.line, exc.col, exc.message, exc.fix)]
    if front is None:
        return page, [
            make(
                "FM002",
                rel,
                1,
                1,
                "page has no front matter",
                "start the file with `---`, `type:`, `id:`, `title:` and `---`",
            )
        ]
    page.front, page.body, page.body_line = front, body, front.body_line
    from keepopen.content.validate import validate_front_matter

    page.model, problems = validate_front_matter(front, rel)
    for key_path, pos in front.duplicates:
        name = ".".join(str(k) for k in key_path)
        problems.append(
            make(
                "FM008",
                rel,
                pos.line,
                pos.col,
                f"`{name}` is written twice; only this last value would count",
                "keep one of the two lines",
            )
        )
    return page, problems


def scan(
    root: Path | str,
    docs_dir: str = "docs",
    taxonomies: str = "taxonomies",
    memo: ScanMemo | None = None,
) -> Library:
    """Read every Markdown page under `root/docs_dir` and validate its front matter.

    Args:
        root: the repository (the folder holding `docs/` and `taxonomies/`).
        docs_dir: the docs folder, relative to `root`.
        taxonomies: the controlled vocabularies' folder, relative to `root`.
        memo: pages of earlier scans by their bytes; reused when unchanged, updated here.

    Returns:
        The library; front-matter problems are in `Library.diagnostics`.
    """
    root = Path(root).resolve()
    docs = root / docs_dir
    library = Library(
        root=root,
        docs_dir=docs,
        pages=[],
        themes=load_vocabulary(root / taxonomies / "themes.yml", "themes", root),
        models=load_vocabulary(root / taxonomies / "models.yml", "models", root),
    )
    library.diagnostics.extend([*library.themes.diagnostics, *library.models.diagnostics])
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        page, problems = _load_page_memo(path, root, docs, memo)
        if page is not None:  # an unreadable page is skipped; its diagnostic says why
            library.pages.append(page)
        library.diagnostics.extend(problems)
    return library


def _load_page_memo(
    path: Path, root: Path, docs: Path, memo: ScanMemo | None
) -> tuple[LibraryPage | None, list[Diagnostic]]:
    if memo is None:
        return load_page(path, root, docs)
    try:
        raw = path.read_bytes()
    except OSError:
        return load_page(path, root, docs)  # reports why it cannot be read
    known = memo.get(path)
    if known is not None and known[0] == raw:
        return known[1], known[2]
    page, problems = load_page(path, root, docs, raw)
    memo[path] = (raw, page, problems)
    return page, problems
