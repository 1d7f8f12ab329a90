"""Reference formatting compared with Pandoc's citeproc (Chicago author-date), entry by entry.

Every entry of a set of `.bib` files is formatted twice: by keepopen (`load_bibliography`, so
`crossref`/`xdata` and the library-wide 2020a/2020b labels apply) and by `pandoc --citeproc`
with its built-in default style, which IS Chicago author-date (the `pypandoc-binary` test extra
ships Pandoc). Each entry falls in one class:

- `crash`: keepopen raised while formatting it;
- `raw TeX`: a backslash or a brace is left in keepopen's text;
- `names wrong`: the words of the names before the year differ from citeproc's, or a name is
  empty or two people are merged (`and` inside one name);
- `date wrong`: citeproc's year or month is not in keepopen's text;
- `info lost (<field>)`: a word citeproc prints is missing from keepopen's text; `<field>` is the
  `.bib` field the word comes from;
- `equivalent`: none of the above.

Words are compared case- and accent-insensitively as sets (the two styles order parts a little
differently and citeproc changes title case); Chicago's own terms (`edited by`, `vol.`,
`accessed`, ...) are not data and are ignored. Words keepopen prints and citeproc does not are
not counted: extra information is not a loss.

Usage:

    .venv/bin/python bench/citeproc_conformance.py [FILE_OR_FOLDER ...] [--details]

Without arguments it reads `tests/fixtures/citeproc/public/` (the committed subset) and the
library's `references/`. `--details` lists every entry that is not equivalent, with both renderings.
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT / "src"))

from keepopen.bibliography import load_bibliography  # noqa: E402
from keepopen.bibliography.latex import latex_to_plain  # noqa: E402
from keepopen.bibliography.names import parse_names  # noqa: E402

DEFAULT_SOURCES = [ROOT / "tests" / "fixtures" / "citeproc" / "public", ROOT / "references"]
CLASSES = ("equivalent", "info lost", "raw TeX", "names wrong", "date wrong", "crash")

#: Words of Chicago's vocabulary, not of the entry (citeproc and keepopen word them alike or
#: differently, but they carry no information of the entry).
_TERMS = set(
    [
        "and",
        "by",
        "edited",
        "ed",
        "eds",
        "trans",
        "translated",
        "translator",
        "in",
        "accessed",
        "n",
        "d",
        "nd",
        "vol",
        "vols",
        "volume",
        "volumes",
        "no",
        "pp",
        "p",
        "edition",
        "th",
        "st",
        "rd",
        "of",
        "the",
        "a",
        "chap",
        "chapter",
        "et",
        "al",
        "diss",
        "thesis",
        "phd",
        "master",
        "s",
        "ma",
        "mathesis",
        "phdthesis",
        "techreport",
        "report",
        "tech",
        "rep",
        "technical",
        "paper",
        "presented",
        "at",
        "forthcoming",
        "also",
        "unpublished",
        "manuscript",
        "online",
        "series",
        "patent",
        "version",
        "ver",
        "abstract",
        "reprint",
        "orig",
        "pub",
        "orig",
        "originally",
        "published",
        "to",
        "with",
        "foreword",
        "introduction",
        "afterword",
        "notes",
        "by",
        "ser",
        "new",
        "edn",
        "hrsg",
        "translated",
        "compiler",
        "comp",
        "introd",
        "annotated",
        "ms",
        "mimeo",
        "preprint",
        "no",
        "arxiv",
        "doi",
        "url",
        "edn",
        "review",
        "of",
        "dissertation",
        "http",
        "https",
        "www",
        "org",
        "com",
        "nos",
        "abs",
    ]
    # `abs`: keepopen prints an arXiv identifier as `arXiv:2410.21276`, linked to
    # https://arxiv.org/abs/2410.21276; citeproc prints the address itself.
)
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(\d{4})[a-z]?\b")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def fold(text: str) -> str:
    """Case- and accent-insensitive text (`Ö` reads as `o`, ligatures spelled out)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_RANGE = re.compile(r"\b(\d+)([–-])(\d+)\b")


def _full_range(match: re.Match[str]) -> str:
    """Chicago abbreviates page ranges (`3027–36`); the full range (`3027–3036`) says the same."""
    start, dash, end = match.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{start}{dash}{end}"


def words(text: str) -> set[str]:
    """The data words of a rendering (Chicago's terms left out, page ranges written out)."""
    return {w for w in _WORD.findall(fold(_RANGE.sub(_full_range, text))) if w not in _TERMS}


def pandoc_path() -> str:
    """The Pandoc binary of the `pypandoc-binary` wheel."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


_DIV = re.compile(r'<div id="ref-([^"]+)"[^>]*class="csl-entry"[^>]*>(.*?)</div>', re.S)
_TAG = re.compile(r"<[^>]+>")


def citeproc_texts(bib_file: Path) -> dict[str, str]:
    """Key -> citeproc's plain-text reference for every entry of one file (nocite `@*`)."""
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.md"
        doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
        run = subprocess.run(
            [pandoc_path(), str(doc), "--citeproc", "-t", "html", "--wrap=none"]
            + ["--bibliography", str(bib_file)],
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode:
        return {}
    return {
        html.unescape(key): " ".join(html.unescape(_TAG.sub("", body)).split())
        for key, body in _DIV.findall(run.stdout)
    }


@dataclass
class Result:
    """One entry's verdict."""

    file: str
    key: str
    verdict: str  # one of CLASSES
    detail: str
    ours: str
    theirs: str


def _head(text: str) -> str:
    """The part of a reference before its year: the names (or the title standing in)."""
    found = [m.start() for m in (_YEAR.search(text), re.search(r"\bn\.\s?d\.", text)) if m]
    return text[: min(found)] if found else ""


def _name_problem(entry_fields: dict[str, str]) -> str:
    """A merged or empty person in the `author`/`editor` fields, as keepopen reads them."""
    for role in ("author", "editor"):
        for person in parse_names(entry_fields.get(role, "")):
            name = latex_to_plain(str(person)).strip()
            if not name.strip(" .,{}"):
                return f"empty name in {role}"
            if re.search(r"\sand\s", name) and not str(person).startswith("{"):
                return f"two people merged in {role}: {name}"
    return ""


def _field_of(word: str, fields: dict[str, str]) -> str:
    for name, value in fields.items():
        if word in words(latex_to_plain(value)):
            return name
    return "?"


def classify(key: str, fields: dict[str, str], ours: str, theirs: str) -> tuple[str, str]:
    """`(class, detail)` of one entry, given both renderings (see the module docstring)."""
    raw = re.search(r".{0,20}(\\|[{}]).{0,20}", ours)
    # A brace citeproc prints too was written as a character (`\{`), not markup.
    if raw and (raw.group(1) == "\\" or ours.count(raw.group(1)) > theirs.count(raw.group(1))):
        return "raw TeX", raw.group(0)
    problem = _name_problem(fields)
    if problem:
        return "names wrong", problem
    theirs_head, ours_head = words(_head(theirs)), words(_head(ours))
    # Fewer names before "et al." is the et-al rule, not a wrong name; a name citeproc does not
    # print, or a missing one without "et al.", is.
    shortened = "et al" in _head(ours)
    if theirs_head and (ours_head - theirs_head or (theirs_head - words(ours) and not shortened)):
        return "names wrong", f"{sorted(ours_head ^ theirs_head)}"
    their_years = set(_YEAR.findall(theirs))
    our_years = set(_YEAR.findall(ours))
    months = {m for m in _MONTHS if m in words(theirs)} - words(ours)
    if not their_years <= our_years or months:
        return "date wrong", f"{sorted(their_years - our_years)} {sorted(months)}"
    lost = words(theirs) - words(ours)
    if lost:
        by_field = sorted({_field_of(w, fields) for w in lost})
        return "info lost", f"{', '.join(by_field)}: {' '.join(sorted(lost))}"
    return "equivalent", ""


def bib_files(sources: list[Path]) -> list[Path]:
    """`.bib`/`.biblatex` files of the sources (folders read recursively, sorted)."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files += sorted(p for p in source.rglob("*") if p.suffix in {".bib", ".biblatex"})
        elif source.is_file():
            files.append(source)
    return files


def run(sources: list[Path]) -> list[Result]:
    """Every entry of every file, classified."""
    results: list[Result] = []
    for path in bib_files(sources):
        shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        with tempfile.TemporaryDirectory() as tmp:
            # Pandoc reads BibLaTeX from `.bib` only; `.biblatex` fixtures are copied.
            copy = Path(tmp) / "in.bib"
            copy.write_bytes(path.read_bytes())
            theirs_all = citeproc_texts(copy)
            bib = load_bibliography([copy], root=Path(tmp))
        for key, entry in bib.entries.items():
            theirs = theirs_all.get(key)
            if theirs is None or entry.type == "set":  # a biblatex set is no reference
                continue  # citeproc could not read it: no reference to compare with
            try:
                ours = bib.formatted(key).text
            except Exception as exc:  # noqa: BLE001 - a crash is a class of its own
                results.append(Result(shown, key, "crash", repr(exc), "", theirs))
                continue
            fields = bib.resolved(key).fields if hasattr(bib, "resolved") else entry.fields
            verdict, detail = classify(key, fields, ours, theirs)
            results.append(Result(shown, key, verdict, detail, ours, theirs))
    return results


def table(results: list[Result]) -> str:
    """The class table in Markdown."""
    counts = Counter(r.verdict for r in results)
    total = len(results) or 1
    lines = ["| class | entries | share |", "| --- | ---: | ---: |"]
    for name in CLASSES:
        lines.append(f"| {name} | {counts[name]} | {100 * counts[name] / total:.1f} % |")
    lines.append(f"| **all** | {len(results)} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--details", action="store_true", help="list every non-equivalent entry")
    args = parser.parse_args(argv)
    results = run(args.sources or DEFAULT_SOURCES)
    print(table(results))
    if args.details:
        for r in results:
            if r.verdict != "equivalent":
                print(f"\n[{r.verdict}] {r.file} {r.key}: {r.detail}")
                print(f"  keepopen: {r.ours}")
                print(f"  citeproc: {r.theirs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
