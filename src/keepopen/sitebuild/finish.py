"""The post-build step: what the `keepopen` MkDocs plugin adds to a site, added to any built site.

`finish_site(root, site_dir)` runs after an engine without MkDocs plugins (Zensical) has
built the library into `site_dir`. It writes:

- each citable page's `cite.bib`, `cite.ris` and `cite.json` next to its `index.html`;
- the open-data package under `data/`;
- a forwarding page at every old address in `redirects.yml` (as `mkdocs-redirects` writes);
- the Highwire/Dublin Core tags and JSON-LD into a page's `<head>` only where the templates
  did not (a page without `citation_title` whose record says it is citable);

and runs the library check over the same scan (`keepopen check`), returning its diagnostics.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.context import LibraryContext, library_context
from keepopen.diagnostics import Diagnostic, HasDiagnostics
from keepopen.export.data import package_of

__all__ = ["FinishResult", "finish_site", "redirect_html"]

_REDIRECT = """<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>Redirecting...</title>
    <link rel="canonical" href="{url}">
    <script>var anchor=window.location.hash.substr(1);location.href="{url}"+(anchor?"#"+anchor:"")</script>
    <meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
You're being redirected to a <a href="{url}">new destination</a>.
</body>
</html>
"""  # noqa: E501 - the page exactly as mkdocs-redirects writes it


@dataclass
class FinishResult(HasDiagnostics):
    """Files written into the site (site-relative paths) and the check's diagnostics."""

    written: list[str] = field(default_factory=list)
    head_tags_added: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def redirect_html(url: str) -> str:
    """The forwarding page `mkdocs-redirects` writes, pointing at `url`."""
    return _REDIRECT.format(url=html.escape(url, quote=True))


def _write(site_dir: Path, rel: str, data: bytes | str, result: FinishResult) -> None:
    target = site_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        # newline="" keeps RIS's CR LF line ends as written.
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(data)
    else:
        target.write_bytes(data)
    result.written.append(rel)


def _head_tags(view: dict) -> str:
    tags = [
        f'<meta name="{html.escape(n, quote=True)}" content="{html.escape(c, quote=True)}">'
        for n, c in view["meta"]
    ]
    tags.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
    tags.append(f'<script type="application/ld+json">{view["json_ld"]}</script>')
    return "\n    ".join(tags)


def write_citation_files(ctx: LibraryContext, site_dir: Path, result: FinishResult) -> None:
    """Citation files of every citable page, and its head tags where the template left none."""
    from keepopen.citepage.view import FORMATS, cite_file_paths, cite_record, cite_view_data
    from keepopen.citepage.view import dest_uri as dest_of

    for page in ctx.library:
        dest = dest_of(page.src, ctx.settings.use_directory_urls)
        page_html = site_dir / dest
        if not page_html.is_file():
            continue  # not built (excluded, draft)
        record = cite_record(
            page.data,
            site=ctx.settings.site,
            src_uri=page.src,
            dest=dest,
            changed=ctx.dates.get(page.src),
            today=ctx.today,
        )
        if record is None:
            continue
        paths = cite_file_paths(dest)
        for suffix, _, writer in FORMATS:
            _write(site_dir, paths[suffix], writer(record), result)
        text = page_html.read_text(encoding="utf-8")
        if 'name="citation_title"' not in text and "</head>" in text:
            tags = _head_tags(cite_view_data(record, dest))
            page_html.write_text(text.replace("</head>", f"  {tags}\n  </head>", 1), "utf-8")
            result.head_tags_added.append(dest)


def write_data_package(ctx: LibraryContext, site_dir: Path, result: FinishResult) -> None:
    from keepopen.citepage.view import DATA_DIR

    for name, content in sorted(package_of(ctx).items()):
        _write(site_dir, f"{DATA_DIR}/{name}", content, result)


def write_redirects(ctx: LibraryContext, site_dir: Path, result: FinishResult) -> None:
    """A forwarding page at each old address of `redirects.yml` that no page occupies."""
    from keepopen.citepage.permalinks import load_redirects
    from keepopen.citepage.view import dest_uri as dest_of
    from keepopen.citepage.view import url_of_dest

    directory_urls = ctx.settings.use_directory_urls
    for redirect in load_redirects(ctx.settings.root)[0]:
        old = dest_of(redirect.old, directory_urls)
        if (site_dir / old).exists():
            continue  # a page still lives there (the check reports PUB104)
        if redirect.new.startswith(("http://", "https://")):
            url = redirect.new
        else:
            new_dest = dest_of(redirect.new.split("#", 1)[0], directory_urls)
            target = url_of_dest(new_dest)
            base = posixpath.dirname(old) or "."
            url = posixpath.relpath(target or ".", base)
            if target.endswith("/") or not target:
                url = url.rstrip("/") + "/"
            if "#" in redirect.new:
                url += "#" + redirect.new.split("#", 1)[1]
        _write(site_dir, old, redirect_html(url), result)


def run_check(ctx: LibraryContext) -> list[Diagnostic]:
    """`keepopen check` over the pages and bibliography already read for this build."""
    from keepopen.checks.runner import run_checks

    return run_checks(context=ctx).diagnostics


def finish_site(
    root: Path | str, site_dir: Path | str, *, check: bool | None = None
) -> FinishResult:
    """Add citation files, the data package and redirects to the site built in `site_dir`.

    `check` runs the library check (default: the `check` setting of the `keepopen` block).
    """
    ctx = library_context(root)
    site_dir = Path(site_dir)
    if not site_dir.is_absolute():
        site_dir = ctx.settings.root / site_dir
    result = FinishResult()
    write_citation_files(ctx, site_dir, result)
    write_data_package(ctx, site_dir, result)
    write_redirects(ctx, site_dir, result)
    if ctx.settings.check if check is None else check:
        result.diagnostics = run_check(ctx)
    return result
