"""A deterministic synthetic site for the citation benchmark.

Pages of prose with about ten citations each, in every Pandoc form (`[@a]`, `[@a; @b]`,
`[see @a, pp. 33-35 and *passim*]`, `[-@a]`, `@a`, `@a [p. 33]`, `@{a}`), plus a code block and
an e-mail address that must not be read as citations; `.bib` files of biblatex entry types with
LaTeX accents, `\\emph`, protected acronyms, `date`, `journaltitle`, `urldate`, `eprint`, `doi`.
The same seed always gives the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

__all__ = ["to_bibtex", "write_corpus"]

WORDS = [
    "model",
    "retirement",
    "continuity",
    "access",
    "users",
    "community",
    "testimony",
    "governance",
    "policy",
    "archive",
    "public",
    "record",
    "provider",
    "notice",
    "deprecation",
    "interface",
    "memory",
    "workflow",
    "trust",
    "evidence",
    "open",
    "weights",
    "research",
    "practice",
    "service",
    "change",
    "version",
    "release",
    "support",
    "cost",
    "risk",
    "harm",
    "value",
    "dialogue",
    "companion",
    "writing",
    "partner",
    "forum",
    "survey",
    "analysis",
    "law",
    "standard",
    "right",
]
SURNAMES = [
    "M{\\\"u}ller", "Garc{\\'\\i}a", "Nguy{\\~{\\^e}}n", "Smith", "Dvo{\\v{r}}{\\'a}k", "O'Neil",
    "{\\O}stergaard", "Fran{\\c{c}}ois", "Kowalski", "Sch{\\\"o}n", "Lef{\\`e}vre", "Jones",
    "Ba{\\c{s}}ar", "Wi{\\'s}niewski", "Haddad", "Tanaka", "Okafor", "Andersson", "Rossi", "Kim",
]  # fmt: skip
GIVEN = ["Ana", 'J{\\"o}rg', "B{\\'i}nh", "Zoe", "Lars", "Chlo{\\'e}", "Ren{\\'e}", "Ines"]
ORGS = ["{OECD}", "{UNESCO}", "{European Commission}", "{ITU}", "{Open Future}"]
TYPES = [
    "article", "book", "inbook", "incollection", "inproceedings", "report", "techreport",
    "online", "misc", "thesis", "phdthesis", "unpublished",
]  # fmt: skip


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS, 5)
    return f"On {words[0].title()} and \\emph{{{words[1]}}} {words[2]} in {{AI}} {words[3]}"


def _authors(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "{" + rng.choice(ORGS) + "}"
    people = [f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 4))]
    return " and ".join(people)


def _entry(rng: random.Random, key: str, number: int) -> str:
    kind = TYPES[number % len(TYPES)]
    year = 1990 + number % 36
    fields = {
        "author": _authors(rng),
        "title": _title(rng),
        "date": f"{year}-{1 + number % 12:02d}" if number % 3 else str(year),
    }
    if kind == "article":
        fields |= {"journaltitle": "Journal of Digital {Continuity}", "volume": str(number % 40),
                   "pages": f"{number % 90 + 1}--{number % 90 + 20}"}  # fmt: skip
    elif kind in ("inbook", "incollection", "inproceedings"):
        fields |= {"booktitle": _title(rng), "publisher": "Open Press", "pages": "1--20"}
    elif kind in ("report", "techreport", "thesis", "phdthesis"):
        fields |= {"institution": "Universit{\\'e} de Test", "number": f"R-{number}"}
    elif kind == "online":
        fields |= {"organization": "Example Forum", "urldate": "2026-11-20"}
    elif kind == "book":
        fields |= {"publisher": "Open Press", "location": "Gen{\\`e}ve"}
    if number % 5 == 0:
        fields["doi"] = f"10.5555/bench.{number}"
    elif number % 7 == 0:
        fields |= {"eprint": f"2401.{number:05d}", "eprinttype": "arxiv"}
    else:
        fields["url"] = f"https://example.org/ref/{number}"
    return _format(kind, key, fields)


def _format(kind: str, key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body},\n}}\n"


#: biblatex type -> the classic BibTeX type pybtex's bundled styles know.
_BIBTEX_TYPES = {"report": "techreport", "online": "misc", "thesis": "phdthesis"}
#: The fields pybtex's `unsrt` style insists on, per BibTeX type.
_REQUIRED = {
    "article": {"journal": "Journal of Digital {Continuity}"},
    "book": {"publisher": "Open Press"},
    "inbook": {"publisher": "Open Press", "chapter": "1"},
    "incollection": {"publisher": "Open Press"},
    "techreport": {"institution": "Universit{\\'e} de Test"},
    "phdthesis": {"school": "Universit{\\'e} de Test"},
    "unpublished": {"note": "Manuscript"},
}


def to_bibtex(entry: str) -> str:
    """The same entry downgraded to classic BibTeX (for mkdocs-bibtex, whose pybtex styles
    crash on biblatex types such as `report` and `online`)."""
    head, _, rest = entry.partition("{")
    kind, key = head.lstrip("@"), rest.split(",", 1)[0]
    fields = dict(
        (line.split(" = ", 1)[0].strip(), line.split(" = ", 1)[1].rstrip(",")[1:-1])
        for line in entry.splitlines()[1:-1]
    )
    kind = _BIBTEX_TYPES.get(kind, kind)
    renamed = {"journaltitle": "journal", "location": "address", "date": "year"}
    fields = {renamed.get(name, name): value for name, value in fields.items()}
    fields["year"] = fields["year"][:4]
    for name, value in _REQUIRED.get(kind, {}).items():
        fields.setdefault(name, value)
    return _format(kind, key, fields)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize()


def _citations(rng: random.Random, keys: list[str]) -> list[str]:
    """About ten citations in every form; mkdocs-bibtex reads the bracketed ones."""
    k = rng.sample(keys, 12)
    return [
        f"[@{k[0]}]",
        f"[@{k[1]}; @{k[2]}]",
        f"[see @{k[3]}, pp. 33-35 and *passim*]",
        f"[-@{k[4]}]",
        f"[@{k[5]}, p. 12]",
        f"@{k[6]}",
        f"@{k[7]} [p. 33]",
        f"[@{k[8]}, chap. 2; @{k[9]}]",
        f"[@{{{k[10]}}}]",
        f"[@{k[11]}]",
    ]


def _page(rng: random.Random, number: int, keys: list[str]) -> str:
    cites = _citations(rng, keys)
    parts = [f"# Page {number}\n"]
    for n, cite in enumerate(cites):
        parts.append(f"{_sentence(rng)} {cite}. {_sentence(rng)}.")
        if n % 3 == 2:
            parts.append("")
    parts += [
        "",
        "Write to editors@example.org; code such as `@decorator` is no citation.",
        "",
        "```python",
        "@property",
        "def value(self): return self.x  # [@not_a_citation]",
        "```",
        "",
        "## Details",
        "",
        " ".join(_sentence(rng) + "." for _ in range(6)),
        "",
    ]
    return "\n".join(parts)


def write_corpus(root: Path, pages: int, refs: int, seed: int = 20261125) -> list[str]:
    """Write `docs/`, `references/` (biblatex) and `references-bibtex/` (the same entries in
    classic BibTeX) under `root`; returns the reference keys."""
    rng = random.Random(seed)
    keys = [f"ref{n:05d}" for n in range(refs)]
    bib_dir = root / "references"
    bibtex_dir = root / "references-bibtex"
    for folder in (bib_dir, bibtex_dir):
        folder.mkdir(parents=True, exist_ok=True)
    per_file = 500
    for start in range(0, refs, per_file):
        chunk = keys[start : start + per_file]
        entries = [_entry(rng, key, start + i) for i, key in enumerate(chunk)]
        name = f"refs-{start // per_file:03d}.bib"
        (bib_dir / name).write_text("\n".join(entries), encoding="utf-8")
        bibtex = "\n".join(to_bibtex(entry) for entry in entries)
        (bibtex_dir / name).write_text(bibtex, encoding="utf-8")
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Benchmark\n\nA synthetic site.\n", encoding="utf-8")
    for number in range(1, pages + 1):
        text = _page(rng, number, keys)
        (docs / "pages" / f"page-{number:05d}.md").write_text(text, encoding="utf-8")
    return keys
