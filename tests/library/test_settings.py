"""`LibrarySettings.from_mkdocs_yml` reads the `keepopen` block without MkDocs."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

from keepopen.settings import LibrarySettings


def test_reads_the_plugin_block_and_tolerates_python_tags(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Lib\nsite_url: https://x.org/\nuse_directory_urls: false\n"
        "plugins:\n  - search\n  - keepopen:\n      bibliography: [refs/a.bib, more/]\n"
        "      style: numeric\n      check: true\n      nav_order: [index.md]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "site_dir: !ENV [SITE, site]\n",
        encoding="utf-8",
    )
    s = LibrarySettings.from_mkdocs_yml(tmp_path)
    assert s.bibliography == (tmp_path.resolve() / "refs/a.bib", tmp_path.resolve() / "more/")
    assert (s.style, s.check, s.nav_order) == ("numeric", True, ("index.md",))
    assert s.use_directory_urls is False
    assert (s.site.name, s.site.url) == ("Lib", "https://x.org/")
    assert s.docs_rel == "docs"


def test_defaults_without_a_keepopen_block(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Lib\nplugins: [search]\n", encoding="utf-8")
    s = LibrarySettings.from_mkdocs_yml(tmp_path)
    assert s.bibliography == (tmp_path.resolve() / "references/",)
    assert (s.style, s.check) == ("author-year", False)


def test_zensical_config_inherits_the_real_block() -> None:
    mkdocs, zensical = (
        LibrarySettings.from_mkdocs_yml(ROOT),
        LibrarySettings.from_mkdocs_yml(ROOT, "zensical.yml"),
    )
    assert mkdocs == zensical
    assert mkdocs.check and mkdocs.nav_order
