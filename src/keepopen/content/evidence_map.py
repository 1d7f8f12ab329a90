"""The Evidence overview: how much the library holds, and where each argument's evidence is thin.

A matrix, one row per argument: how many events, testimony and sources it rests on, and how its
sources are verified. A zero or a lack of primary sources is spelled out in words ("none", "no
primary source"), never shown by colour alone. Knows no site engine.
"""

from __future__ import annotations

from collections.abc import Callable

from keepopen.content.hrefs import page_href
from keepopen.content.library import Library, LibraryPage
from keepopen.content.model import Argument
from keepopen.content.plaintext import escape_markdown_inline as _text
from keepopen.content.status import verification_counts
from keepopen.content.usage import evidence_of

__all__ = ["evidence_overview_markdown", "thin_spots"]


def _arguments(library: Library) -> list[LibraryPage]:
    found = [p for p in library.pages if isinstance(p.model, Argument)]
    return sorted(found, key=lambda p: str(p.data.get("title") or p.src))


def thin_spots(events: int, testimony: int, primary: int, sources: int) -> list[str]:
    """Where an argument's evidence is thin, in words (empty when it is not).

    Thin: no event or testimony, or only one; no source; no primary source, or primary sources
    under a third of all (the argument then leans mostly on reports about documents).
    """
    spots = []
    for n, what in ((events, "event"), (testimony, "testimony")):
        if n <= 1:
            spots.append(f"{'no' if n == 0 else 'one'} {what}{'' if n == 0 else ' only'}")
    if not sources:
        spots.append("no source")
    elif not primary:
        spots.append("no primary source")
    elif primary * 3 < sources:
        spots.append("mostly secondary sources")
    return spots


def _count(n: int) -> str:
    return str(n) if n else "none"


def evidence_overview_markdown(
    here: str,
    library: Library,
    *,
    references: int | None = None,
    level_of: Callable[[str], str | None] = lambda key: None,
) -> str:
    """Counts of each kind of entry, then the argument-by-evidence matrix."""
    arguments = _arguments(library)
    pages = library.pages
    counts = [
        (len(arguments), "arguments", "arguments/index.md"),
        (sum(p.type == "testimony" for p in pages), "testimony entries", "testimony/index.md"),
        (sum(p.type == "event" for p in pages), "timeline events", "evidence/timeline.md"),
    ]
    lines = ["## What the library holds", ""]
    for n, name, src in counts:
        target = f"[{name}]({page_href(here, src)})" if library.by_src().get(src) else name
        lines.append(f"- **{n}** {target}")
    if references is not None:
        bib = "reference/bibliography.md"
        lines.append(f"- **{references}** references in the [bibliography]({page_href(here, bib)})")
    verification_page = page_href(here, "about/verification.md")
    lines += [
        "",
        "## Arguments and their evidence",
        "",
        "Each row is an argument; the columns count what it rests on: timeline events and "
        "testimony (listed in its evidence record or linked from its text) and the sources in its "
        f"evidence record, by [verification level]({verification_page}). "
        "The second column names where the evidence is thin: no event or testimony, or only one; "
        "no primary source, or primary sources under a third of all.",
        "",
        '<div class="keepopen-evidence-map" markdown>',
        "",
        "| Argument | Thin spots | Events | Testimony | Sources | Primary | Secondary "
        "| Unverified |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page in arguments:
        model = page.model
        assert isinstance(model, Argument)
        used = evidence_of(page, library)
        events = sum(p.type == "event" for p in used)
        testimony = sum(p.type == "testimony" for p in used)
        levels = verification_counts(model.evidence.references, level_of)
        sources = sum(levels.values())
        spots = thin_spots(events, testimony, levels["primary"], sources)
        title = _text(str(page.data.get("title") or page.id))
        cells = [
            f"[{title}]({page_href(here, page.src)})",
            ", ".join(spots) if spots else "—",
            _count(events),
            _count(testimony),
            _count(sources),
            _count(levels["primary"]),
            _count(levels["secondary"]),
            _count(levels["unverified"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "</div>"]
    return "\n".join(lines)
