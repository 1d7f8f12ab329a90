"""The citation record of one library page: everything a citation format needs, computed once.

A record is built from a page's front matter plus a few site settings (site name, site URL,
repository URL, language), so every output (meta tags, BibTeX, RIS, CSL-JSON, the cite box)
says the same thing. The library credits "<site name> editors" as an organisation when a page
names no person.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from keepopen.content.status import review_phrase

__all__ = ["CitationRecord", "Creator", "SiteInfo", "build_record", "page_url", "history_url"]

#: Page types that get a citation (the `type` values of the content model).
CITABLE_TYPES = ("argument", "testimony", "event", "submission", "page")

#: Human label of each page type, used as the report "type" in BibTeX, RIS and CSL-JSON.
GENRES = {
    "argument": "Governance argument",
    "testimony": "Community testimony",
    "event": "Timeline event",
    "submission": "Submission",
    "page": "Library page",
}


@dataclass(frozen=True)
class Creator:
    """An author: a person (`family`, `given`) or an organisation (`literal`)."""

    literal: str = ""
    family: str = ""
    given: str = ""

    @property
    def is_organisation(self) -> bool:
        return bool(self.literal)

    @property
    def display(self) -> str:
        """The name as written in running text: `Given Family` or the organisation."""
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """`Family, Given` (the form BibTeX, RIS and Highwire tags prefer)."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    @classmethod
    def parse(cls, name: str) -> Creator:
        """Read `Family, Given` or `Given Family`; a single word stays a family name."""
        name = " ".join(name.split())
        if "," in name:
            family, given = (part.strip() for part in name.split(",", 1))
            return cls(family=family, given=given)
        parts = name.rsplit(" ", 1)
        if len(parts) == 1:
            return cls(family=parts[0])
        return cls(family=parts[1], given=parts[0])


@dataclass(frozen=True)
class SiteInfo:
    """The few site settings a citation needs, read from the MkDocs config (never hard-coded)."""

    name: str
    url: str
    language: str = "en"
    repo_url: str = ""
    branch: str = "main"
    docs_path: str = "docs"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"

    @property
    def editors(self) -> str:
        return f"{self.name} editors"

    @classmethod
    def from_mkdocs_config(cls, config: Mapping[str, object]) -> SiteInfo:
        """Read site name, URL, language, repository and branch from an MkDocs config."""
        theme = config.get("theme")
        language = "en"
        if theme is not None:
            try:
                language = theme["language"] or "en"  # type: ignore[index]
            except (KeyError, TypeError):
                language = "en"
        branch, docs_path = _branch_and_docs_path(str(config.get("edit_uri") or ""))
        return cls(
            name=str(config.get("site_name") or ""),
            url=str(config.get("site_url") or ""),
            language=str(language),
            repo_url=str(config.get("repo_url") or ""),
            branch=branch,
            docs_path=docs_path,
        )


def _branch_and_docs_path(edit_uri: str) -> tuple[str, str]:
    """`edit/main/docs/` -> (`main`, `docs`); anything else falls back to `main` and `docs`."""
    parts = [p for p in edit_uri.strip("/").split("/") if p]
    if len(parts) >= 3 and parts[0] in {"edit", "blob", "tree"}:
        return parts[1], "/".join(parts[2:])
    return "main", "docs"


@dataclass(frozen=True)
class CitationRecord:
    """What one page's citation says. `changed` is the date of the version being cited."""

    id: str
    type: str
    title: str
    url: str
    changed: dt.date
    changed_from_git: bool
    site: SiteInfo
    creators: tuple[Creator, ...]
    keywords: tuple[str, ...] = ()
    description: str = ""
    src_path: str = ""
    history: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)
    #: Front matter `review` (`draft`, `reviewed`, `published`); '' when the page states none.
    review: str = ""

    @property
    def status_note(self) -> str:
        """The page's status for a citation's note: review state and last change."""
        changed = f"Last changed {self.changed.isoformat()}"
        return f"{review_phrase(self.review)}. {changed}" if self.review else changed

    @property
    def key(self) -> str:
        """The citation key: `keepopen-<id>`-like, from the site name and the page id."""
        prefix = "".join(ch for ch in self.site.name.lower() if ch.isalnum()) or "page"
        return f"{prefix}-{self.id}"

    @property
    def genre(self) -> str:
        return GENRES.get(self.type, GENRES["page"])

    @property
    def year(self) -> int:
        return self.changed.year

    @property
    def author_names(self) -> str:
        """Authors joined for running text: `A`, `A and B`, `A, B and C`."""
        names = [c.display for c in self.creators]
        if len(names) <= 2:
            return " and ".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]


def page_url(site_url: str, page_path: str) -> str:
    """Absolute URL of a page from the site URL and the page's site-relative URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + page_path.lstrip("/")


def history_url(site: SiteInfo, src_path: str) -> str:
    """The repository page listing the commits that changed this file ('' without a repo)."""
    if not site.repo_url:
        return ""
    path = posixpath.join(site.docs_path, src_path) if site.docs_path else src_path
    return f"{site.repo_url.rstrip('/')}/commits/{site.branch}/{path}"


def _as_list(value: object) -> list[object]:
    """A front-matter value that may be one item or a list, as a list (`None` -> `[]`)."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if value else []


def _keywords(meta: Mapping[str, object]) -> tuple[str, ...]:
    seen: list[str] = []
    for key in ("themes", "models", "tags"):
        values = _as_list(meta.get(key))
        for value in values:
            text = str(value).strip()
            if text and text not in seen:
                seen.append(text)
    return tuple(seen)


def build_record(
    meta: Mapping[str, object],
    *,
    site: SiteInfo,
    url_path: str,
    src_path: str,
    changed: dt.date,
    changed_from_git: bool,
) -> CitationRecord:
    """Build the citation record of a page from its front matter.

    Args:
        meta: The page's front matter (`type`, `id`, `title`, optional `authors`, `themes`...).
        site: Site settings from the MkDocs config.
        url_path: The page URL relative to the site root, e.g. `arguments/x/`.
        src_path: The Markdown file relative to `docs/`, e.g. `arguments/x.md`.
        changed: Date of the last change (from git, or the build date).
        changed_from_git: False when `changed` is the build date of an uncommitted file.
    """
    authors = [str(a) for a in _as_list(meta.get("authors")) if str(a).strip()]
    creators = tuple(
        Creator(literal=a) if a == site.editors else Creator.parse(a) for a in authors
    ) or (Creator(literal=site.editors),)
    description = meta.get("description") or meta.get("claim") or meta.get("summary") or ""
    if meta.get("type") == "testimony" and _aggregate_only(meta):
        description = ""  # consent covers counts and themes only, not the summary
    return CitationRecord(
        id=str(meta.get("id") or ""),
        type=str(meta.get("type") or "page"),
        title=str(meta.get("title") or ""),
        url=page_url(site.url, url_path),
        changed=changed,
        changed_from_git=changed_from_git,
        site=site,
        creators=creators,
        keywords=_keywords(meta),
        description=" ".join(str(description).split()),
        src_path=src_path,
        history=history_url(site, src_path),
        review=str(meta.get("review") or ""),
    )


def _aggregate_only(meta: Mapping[str, object]) -> bool:
    consent = meta.get("consent")
    return isinstance(consent, Mapping) and consent.get("scope") == "aggregate-only"
