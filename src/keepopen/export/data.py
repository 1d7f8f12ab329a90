"""The whole library as a Frictionless Data package (`keepopen export data`, and `site/data/`).

Resources: `testimony`, `arguments`, `events` as JSON and CSV, `references` as CSL-JSON and
BibTeX, all under CC BY 4.0, described in `datapackage.json`. Consent is honoured: testimony
whose consent scope is `aggregate-only` keeps only its aggregate fields. Output is
deterministic (sorted records and keys, no timestamps), so two exports of the same library are
byte-identical and can be diffed and archived.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from keepopen.bibliography import Entry, cache
from keepopen.bibliography.labels import citation_label
from keepopen.citepage.bib_to_csl import entry_to_csl
from keepopen.citepage.record import SiteInfo, page_url
from keepopen.content.library import LibraryPage
from keepopen.context import LibraryContext, load_context
from keepopen.settings import LibrarySettings

__all__ = [
    "AGGREGATE_FIELDS",
    "LICENCE",
    "build_package",
    "downloads_table",
    "FORMULA_STARTS",
    "export_data",
    "neutralise_cell",
    "package_files",
    "site_info",
]

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

#: The only testimony fields published when consent covers aggregates only.
AGGREGATE_FIELDS = (
    "id",
    "themes",
    "models",
    "period_start",
    "period_end",
    "language",
    "consent_scope",
)

# name -> (page type, [(field, table-schema type, description)])
_TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "testimony": (
        "testimony",
        [
            ("id", "string", "Stable id (the page's file name)."),
            ("title", "string", "Page title."),
            ("summary", "string", "Paraphrase of the testimony."),
            ("collected", "date", "Date collected."),
            ("period_start", "string", "When the experience began (YYYY, YYYY-MM or YYYY-MM-DD)."),
            ("period_end", "string", "When it ended, if it did."),
            ("language", "string", "Language of the original (BCP 47)."),
            ("models", "array", "Model ids (taxonomies/models.yml)."),
            ("themes", "array", "Theme ids (taxonomies/themes.yml)."),
            ("source_type", "string", "submitted, public-post or interview."),
            ("consent_scope", "string", "publish, quote or aggregate-only."),
            ("consent_attribution", "string", "named, pseudonym or anonymous."),
            ("review", "string", "Editorial state."),
            ("url", "string", "Page on the site."),
            ("body", "string", "Page text (Markdown, citations as [@key])."),
        ],
    ),
    "arguments": (
        "argument",
        [
            ("id", "string", "Stable id (the page's file name)."),
            ("title", "string", "Page title."),
            ("claim", "string", "The claim in one sentence."),
            ("themes", "array", "Theme ids."),
            ("made_by", "array", "Reference keys of who made the argument."),
            ("evidence_references", "array", "Reference keys it rests on."),
            ("evidence_events", "array", "Timeline event ids it rests on."),
            ("evidence_testimony", "array", "Testimony ids it rests on."),
            ("counter_arguments", "array", "Objections, each with its answer."),
            ("policy_asks", "array", "What it asks of policy makers."),
            ("review", "string", "Editorial state."),
            ("url", "string", "Page on the site."),
            ("body", "string", "Page text (Markdown, citations as [@key])."),
        ],
    ),
    "events": (
        "event",
        [
            ("id", "string", "Stable id, e.g. 2024-05-13-gpt-4o-release."),
            ("title", "string", "Page title."),
            ("date", "date", "Date (first day of the month or year when less precise)."),
            ("date_precision", "string", "day, month or year."),
            ("actor", "string", "Who acted."),
            ("models", "array", "Model ids."),
            ("kind", "string", "retirement, deprecation, policy, statement, report or release."),
            ("happened", "string", "What happened."),
            ("sources", "array", "Reference keys that document it."),
            ("verification", "string", "primary, secondary or unverified."),
            ("themes", "array", "Theme ids."),
            ("review", "string", "Editorial state."),
            ("url", "string", "Page on the site."),
            ("body", "string", "Page text (Markdown, citations as [@key])."),
        ],
    ),
}


def site_info(root: Path) -> SiteInfo:
    """Site settings from `root/mkdocs.yml` (for the command line, outside a build)."""
    return LibrarySettings.from_mkdocs_yml(root).site


def _url_path(src: str) -> str:
    """`a/b.md` -> `a/b/`, `a/index.md` -> `a/` (MkDocs' directory URLs)."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _mapping(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _row(page: LibraryPage, table: str, site: SiteInfo) -> dict[str, object]:
    meta: Mapping = page.data
    period = _mapping(meta.get("period"))
    consent = _mapping(meta.get("consent"))
    evidence = _mapping(meta.get("evidence"))
    values: dict[str, object] = {
        **{k: v for k, v in meta.items() if isinstance(k, str)},
        "period_start": period.get("start"),
        "period_end": period.get("end"),
        "consent_scope": consent.get("scope"),
        "consent_attribution": consent.get("attribution"),
        "evidence_references": evidence.get("references"),
        "evidence_events": evidence.get("events"),
        "evidence_testimony": evidence.get("testimony"),
        "url": page_url(site.url, _url_path(page.src)),
        "body": page.body.strip(),
    }
    row: dict[str, object] = {}
    for name, kind, _ in _TABLES[table][1]:
        value = values.get(name)
        if kind == "array":
            value = _as_list(value)
        elif value is not None:
            value = str(value)
        row[name] = value
    if table == "testimony" and row.get("consent_scope") == "aggregate-only":
        row = {k: v for k, v in row.items() if k in AGGREGATE_FIELDS}
    return row


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


#: Cell starts a spreadsheet reads as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as `-3` or `+1.5` is data, not a formula, and stays as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralise_cell(text: str) -> str:
    """`text` made safe for a spreadsheet: a leading `'` when it would start a formula.

    Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (or a
    tab or carriage return before one) as a formula, so a title such as `=HYPERLINK(...)` would
    act when the CSV is opened. OWASP's remedy is a leading single quote, which spreadsheets
    show as text and do not display. Plain numbers (`-3`, `+1.5`) cannot hold a formula and are
    left alone. Only the CSV files are changed; the JSON files keep every value exactly.
    """
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_line(row: Mapping[str, object], columns: list[str]) -> str:
    """One CSV record (with its line end) of `row`'s `columns`, each cell neutralised."""
    cells = []
    for name in columns:
        value = row.get(name)
        if isinstance(value, list):
            # Lists of text become `a; b`; lists of objects stay JSON.
            if all(isinstance(v, str) for v in value):
                value = "; ".join(value)
            else:
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        cells.append("" if value is None else neutralise_cell(str(value)))
    return _csv_record(cells)


def _csv_record(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def _json_item(data: object) -> str:
    """`data` as one element of a list that `_json` writes: the same text, indented one level."""
    return "\n".join("  " + line for line in json.dumps(
        data, ensure_ascii=False, indent=2, sort_keys=True
    ).split("\n"))  # fmt: skip


#: `(table, page source)` -> (the page's text, site URL, sort key, JSON element, CSV record).
RowMemo = dict[tuple[str, str], tuple[str, str, str, str, str]]


def _table(
    pages: list[LibraryPage], table: str, site: SiteInfo, memo: RowMemo
) -> tuple[bytes, bytes]:
    """The JSON and CSV files of one table. Each page's row is serialised once and reused
    while its text stays the same (`mkdocs serve` rebuilds); the files are the same bytes
    `_json(rows)` and `csv.writer` would write for the whole list."""
    columns = [c[0] for c in _TABLES[table][1]]
    items = []
    for page in pages:
        known = memo.get((table, page.src))
        if known is None or known[0] != page.text or known[1] != site.url:
            row = _row(page, table, site)
            known = (page.text, site.url, str(row["id"]), _json_item(row), _csv_line(row, columns))
            memo[(table, page.src)] = known
        items.append(known)
    items.sort(key=lambda item: item[2])
    as_json = "[\n" + ",\n".join(item[3] for item in items) + "\n]\n" if items else "[]\n"
    as_csv = _csv_record(columns) + "".join(item[4] for item in items)
    return as_json.encode(), as_csv.encode()


def _references(ctx: LibraryContext) -> tuple[bytes, bytes]:
    """CSL-JSON and BibTeX of every entry of the bibliography, sorted by key.

    Problems in the `.bib` files (unreadable entries, duplicate keys) are `keepopen check`'s
    to report; the export takes the entries the bibliography loader accepts. The result is
    cached by the `.bib` files' bytes and the converters' source: converting thousands of
    entries at every build would be most of the data package's time.
    """
    root = ctx.settings.root
    files = ctx.settings.bib_files()
    if not files:
        return _json([]), b""
    content = b"\0".join(
        [
            cache.source_hash(
                __name__,
                "keepopen.citepage.bib_to_csl",
                "keepopen.bibliography.labels",  # the labels follow from the formatted entries
                "keepopen.bibliography.render",
                "keepopen.bibliography.style",
                "keepopen.bibliography.names",
            ).encode()
        ]
        + [
            Path(os.path.relpath(f, root)).as_posix().encode() + b"\0" + f.read_bytes()
            for f in files
        ]
    )
    cache_dir = ctx.settings.cache_dir
    known = cache.load(cache_dir, "export:references", content)
    if known is not None:
        return known  # type: ignore[return-value]
    entries = sorted(ctx.bib.entries.items())  # the build's (or the command's) one load
    # `citation-label`: the library's unique label (`Smith 2020a`), as the site prints it.
    items = [
        entry_to_csl(key, e.type, e.fields, citation_label(ctx.bib, key)) for key, e in entries
    ]
    result = _json(items), "\n".join(_bibtex(e) for _, e in entries).encode()
    cache.store(cache_dir, "export:references", content, result)
    return result


def _bibtex(entry: Entry) -> str:
    """One entry in BibTeX, fields as loaded (LaTeX kept), in a stable layout."""
    fields = ",\n".join(f"  {name} = {{{value}}}" for name, value in entry.fields.items())
    return f"@{entry.type}{{{entry.key},\n{fields}\n}}\n"


def _resource(name: str, path: str, fmt: str, mediatype: str, title: str, **extra) -> dict:
    return {
        "name": name,
        "path": path,
        "format": fmt,
        "mediatype": mediatype,
        "encoding": "utf-8",
        "title": title,
        "licenses": [LICENCE],
        **extra,
    }


def _context(library: Path | LibraryContext) -> LibraryContext:
    return library if isinstance(library, LibraryContext) else load_context(library)


def package_of(ctx: LibraryContext) -> dict[str, bytes]:
    """The data package of `ctx`, built once per context (every page of a build links it);
    rows of pages unchanged since the previous context of the process are reused."""
    package = ctx.derived.get("data-package")
    if package is None:
        package = ctx.derived["data-package"] = build_package(ctx, ctx.memo("data-rows"))
    return package  # type: ignore[return-value]  # only this function writes the key


def build_package(library: Path | LibraryContext, rows: RowMemo | None = None) -> dict[str, bytes]:
    """File name -> bytes of the whole data package of the library at a root folder, or of
    the one already read into a `LibraryContext` (its scan and bibliography are reused).

    `rows` keeps each page's serialised row for the next call (see `_table`).
    """
    rows = {} if rows is None else rows
    ctx = _context(library)
    site = ctx.settings.site
    pages = sorted((p for p in ctx.library if p.id), key=lambda p: p.src)
    files: dict[str, bytes] = {}
    resources = []
    for table, (page_type, columns) in _TABLES.items():
        of_type = [p for p in pages if p.type == page_type]
        files[f"{table}.json"], files[f"{table}.csv"] = _table(of_type, table, site, rows)
        fields = [
            {"name": n, "type": "string" if t == "array" else t, "description": d}
            for n, t, d in columns
        ]
        resources.append(
            _resource(
                f"{table}-csv",
                f"{table}.csv",
                "csv",
                "text/csv",
                f"{table.title()} (CSV)",
                type="table",
                profile="tabular-data-resource",
                schema={"fields": fields, "primaryKey": ["id"]},
                description="Lists are joined with `; `; counter-arguments are JSON.",
            )
        )
        resources.append(
            _resource(
                f"{table}-json",
                f"{table}.json",
                "json",
                "application/json",
                f"{table.title()} (JSON)",
                type="json",
                description="The same records as the CSV, with lists kept as JSON arrays.",
            )
        )
    files["references.json"], files["references.bib"] = _references(ctx)
    resources.append(
        _resource(
            "references-csl",
            "references.json",
            "json",
            "application/vnd.citationstyles.csl+json",
            "References (CSL-JSON)",
            type="json",
            description="Every source the library cites, as CSL-JSON for Zotero and Pandoc.",
        )
    )
    resources.append(
        _resource(
            "references-bibtex",
            "references.bib",
            "bib",
            "application/x-bibtex",
            "References (BibTeX)",
            type="file",
            description="The same sources as BibTeX, exactly as kept in `references/`.",
        )
    )
    package = {
        "name": "keep-open-library",
        "title": f"{site.name} library" if site.name else "Library",
        "description": "Testimony, governance arguments, timeline events and references of "
        "the library. Testimony whose consent covers aggregates only keeps only its aggregate "
        "fields.",
        "homepage": site.url,
        "licenses": [LICENCE],
        "resources": resources,
    }
    files["datapackage.json"] = _json(package)
    return files


def downloads_table(package: Mapping[str, bytes], link: Callable[[str], str]) -> str:
    """A Markdown table of the package's files (name, format, size), read from its descriptor.

    `link` turns a file name into the link target relative to the page that shows the table.
    """
    if "datapackage.json" not in package:
        return ""
    descriptor = json.loads(package["datapackage.json"])
    rows = ["| File | What it holds | Size |", "|---|---|---|"]
    entries = [("datapackage.json", "Description of every file, its columns and its licence")]
    entries += [(r["path"], r["title"]) for r in descriptor["resources"]]
    for name, title in entries:
        size = len(package.get(name, b""))
        rows.append(f"| [{name}]({link(name)}) | {title} | {_size(size)} |")
    return "\n".join(rows) + "\n"


def _size(n: int) -> str:
    return (
        f"{n} bytes"
        if n < 1024
        else f"{n / 1024:.0f} KB"
        if n < 1024**2
        else f"{n / 1024**2:.1f} MB"
    )


def package_files() -> list[str]:
    """Names of the files `build_package` returns (known before anything is built)."""
    names = [f"{table}.{ext}" for table in _TABLES for ext in ("csv", "json")]
    return sorted([*names, "references.json", "references.bib", "datapackage.json"])


def export_data(library: Path | LibraryContext, out: Path, force: bool = False) -> list[Path]:
    """Write the data package of the library (a root folder or its context) into `out`;
    return the files.

    `out` is checked first (see `keepopen.export.outdir`): a file, a folder of the library or a
    non-empty folder is refused with `CliError`, and `force` replaces only a previous export.
    """
    from keepopen.export.outdir import prepare_output

    ctx = _context(library)
    root = ctx.settings.root
    folder = prepare_output(out, package_files(), kind="data", root=root, force=force)
    package = build_package(ctx)
    written = [folder.write(name, content) for name, content in sorted(package.items())]
    folder.finish(package)
    return written
