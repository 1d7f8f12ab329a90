"""The real library built by Zensical (`make zensical`) says what the MkDocs build says.

Both builds of the same commit are compared on what readers and citation tools rely on:
citation links and reference ids on every page, the Highwire/Dublin Core tags, the cite box,
the bibliography page with its backlinks, and the citation files and data package (byte for
byte). Zensical is in the `test` extra: without it the test skips locally and fails in CI.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import IN_CI, ROOT

pytestmark = pytest.mark.site

#: Inside the repository (Zensical refuses a site folder outside it), ignored by git.
SITE_DIR = "site-zensical-test"


def _zensical() -> Path:
    exe = Path(sys.executable).with_name("zensical")
    if exe.exists():
        return exe
    message = "zensical is not installed (it is in the `test` extra: pip install -e '.[test]')"
    if IN_CI:
        pytest.fail(f"CI=true and {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def zensical_site() -> Iterator[Path]:
    """`make zensical` into SITE_DIR: `zensical build`, then `keepopen site finish`."""
    exe = _zensical()
    site = ROOT / SITE_DIR
    env = {**os.environ, "KEEPOPEN_ZENSICAL_SITE_DIR": SITE_DIR}
    try:
        built = subprocess.run(
            [str(exe), "build", "--clean", "-f", "zensical.yml"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
        assert built.returncode == 0, f"zensical build failed:\n{built.stdout}\n{built.stderr}"
        finished = subprocess.run(
            [str(exe.with_name("keepopen")), "site", "finish", "--site-dir", SITE_DIR],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
        assert finished.returncode == 0, f"keepopen site finish failed:\n{finished.stderr}"
        yield site
    finally:
        shutil.rmtree(site, ignore_errors=True)


_CITE_LINK = re.compile(r'<a class="citation-ref" href="([^"]+)"')
_REF_ID = re.compile(r'\sid="(ref-[^"]+)"')
_META = re.compile(r'<meta name="((?:citation_|DC\.)[A-Za-z_]+)" content="([^"]*)"')


def _features(page: Path) -> dict[str, object]:
    text = page.read_text(encoding="utf-8")
    return {
        "citation links": _CITE_LINK.findall(text),
        "reference ids": _REF_ID.findall(text),
        # Zensical's templates escape `/` as `&#x2f;`: compare what a reader of the tag gets.
        "meta tags": [(name, html.unescape(value)) for name, value in _META.findall(text)],
        "JSON-LD blocks": text.count('type="application/ld+json"'),
        "cite boxes": text.count('class="ko-cite"'),
        "backlinks": re.findall(r'<span class="citation-backlinks">(.*?)</span>', text),
    }


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _listing_pages() -> set[str]:
    """The testimony listing pages only the MkDocs plugin can add (Zensical runs no plugin:
    its Testimony, theme and model pages list every entry themselves)."""
    from keepopen.content.library import scan
    from keepopen.content.listing import listing_pages, topic_listing_pages

    library = scan(ROOT)
    pages = [*listing_pages(library), *topic_listing_pages(library)]
    return {f"{p.src[: -len('.md')]}/index.html" for p in pages}


def test_both_engines_build_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    listings = _listing_pages()
    assert listings <= _pages(built_site)
    assert _pages(built_site) - listings == _pages(zensical_site)


def test_zensical_testimony_page_links_every_entry(zensical_site: Path) -> None:
    text = (zensical_site / "testimony" / "index.html").read_text(encoding="utf-8")
    entries = [p.stem for p in (ROOT / "docs" / "testimony").glob("*.md") if p.name != "index.md"]
    assert entries
    assert [e for e in entries if f'href="{e}/"' not in text] == []


def test_every_page_says_the_same_to_readers_and_citation_tools(
    built_site: Path, zensical_site: Path
) -> None:
    differences = []
    for rel in sorted(_pages(built_site) & _pages(zensical_site)):
        mkdocs, zensical = _features(built_site / rel), _features(zensical_site / rel)
        differences += [f"{rel}: {what}" for what in mkdocs if mkdocs[what] != zensical[what]]
    assert not differences, "\n".join(differences)


def test_argument_pages_have_citations_references_and_citation_title(zensical_site: Path) -> None:
    arguments = [p for p in (zensical_site / "arguments").glob("*/index.html")]
    assert arguments
    for page in arguments:
        found = _features(page)
        assert found["citation links"], f"{page}: no rendered citation"
        assert found["reference ids"], f"{page}: no References list"
        assert [v for n, v in found["meta tags"] if n == "citation_title"], page  # type: ignore[union-attr]
        assert found["cite boxes"] == 1, page
        for name in ("cite.bib", "cite.ris", "cite.json"):
            assert (page.parent / name).is_file(), f"{page.parent / name} missing"


def test_bibliography_page_lists_every_reference_with_backlinks(
    built_site: Path, zensical_site: Path
) -> None:
    from keepopen.context import library_context
    from keepopen.settings import LibrarySettings

    keys = set(library_context(ROOT).bib.entries)
    assert LibrarySettings.from_mkdocs_yml(ROOT).bibliography  # the plugin block was read
    page = _features(zensical_site / "reference/bibliography/index.html")
    assert {i.removeprefix("ref-") for i in page["reference ids"]} >= keys  # type: ignore[union-attr]
    assert page["backlinks"]
    assert page == _features(built_site / "reference/bibliography/index.html")


def test_citation_files_and_data_package_are_identical(
    built_site: Path, zensical_site: Path
) -> None:
    def files(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.is_file() and (p.name.startswith("cite.") or p.parent == site / "data")
        }

    mkdocs, zensical = files(built_site), files(zensical_site)
    assert any(name.endswith("cite.bib") for name in mkdocs)
    assert "data/datapackage.json" in mkdocs
    assert sorted(mkdocs) == sorted(zensical)
    assert [n for n in mkdocs if mkdocs[n] != zensical[n]] == []


def test_a_hostile_title_reaches_zensical_pages_as_text(tmp_path: Path) -> None:
    """Zensical's header and navigation print titles unescaped; the extension escapes them."""
    exe = _zensical()
    root = tmp_path / "lib"
    root.mkdir()
    for name in ("docs", "references", "taxonomies", "overrides", "forums"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("mkdocs.yml", "zensical.yml", "redirects.yml", "published.yml"):
        shutil.copy(ROOT / name, root / name)
    page = root / "docs" / "arguments" / "relational-continuity.md"
    text = page.read_text(encoding="utf-8")
    hostile = "<img src=x onerror=alert(1)> Evil & co"
    page.write_text(
        re.sub(r"^title: .*$", f'title: "{hostile}"', text, count=1, flags=re.M), encoding="utf-8"
    )
    built = subprocess.run(
        [str(exe), "build", "--clean", "-f", "zensical.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "KEEPOPEN_ZENSICAL_SITE_DIR": "site"},
    )
    assert built.returncode == 0, built.stdout + built.stderr
    escaped = html.escape(hostile)
    for path in ("arguments/relational-continuity/index.html", "index.html", "search.json"):
        out = (root / "site" / path).read_text(encoding="utf-8")
        assert "<img src=x onerror" not in out, path
        assert "&amp;lt;img src=x onerror" not in out, f"{path}: escaped twice"
    article = (root / "site" / "arguments" / "relational-continuity" / "index.html").read_text(
        encoding="utf-8"
    )
    assert f"<title>{escaped} - Keep Open</title>" in article
    assert f'<span class="md-ellipsis">\n              {escaped}' in article or escaped in article
