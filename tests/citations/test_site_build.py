"""Tiny real MkDocs sites built strictly with the `keepopen` plugin (once per module)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, build_site

SITES = FIXTURES / "sites"


def _build(name: str, tmp: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    project = tmp / name
    shutil.copytree(SITES / name, project)
    return build_site(project / "mkdocs.yml", project / "site"), project / "site"


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result, site = _build("citations-basic", tmp_path_factory.mktemp("basic"))
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    result, _ = _build("citations-broken", tmp_path_factory.mktemp("broken"))
    return result


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_every_form_renders_with_links_to_the_page_references(basic: Path) -> None:
    page = _page(basic, "forms")
    spans = re.findall(
        r'<span class="citation" data-cites="[^"]*" id="citation-\d+">.*?</span>(?=[ .,\n])', page
    )
    assert [_text(s) for s in spans] == [
        "(OECD 2021, p. 12)",
        "(see Smith and Jones 2020, pp. 33-35 and passim; Zeta 2019)",
        "(2024)",
        "Alpha (2022)",
        "OECD (2021, p. 7)",
        "(Zeta 2019)",
    ]
    for key in ("oecd2021", "smith2020", "zeta2019", "muller2024", "alpha2022"):
        assert f'href="#ref-{key}"' in page
        assert f'<div class="csl-entry" id="ref-{key}" role="listitem">' in page
    assert '<h2 class="references-heading" id="references">References' in page


def test_code_mail_escapes_and_urls_stay_text(basic: Path) -> None:
    page = _page(basic, "forms")
    assert "<code>[@code_span]</code>" in page
    assert "someone@example.org" in page
    assert "escaped @oecd2021, and" in page
    assert '<a href="https://example.org/@user">' in page
    assert "[@fenced_code]" in page and "@indented_code" in page
    assert "unresolved" not in page


def test_pages_without_citations_get_no_references(basic: Path) -> None:
    assert 'id="references"' not in _page(basic, "")


def test_citations_work_inside_mkdocstrings_docstrings(basic: Path) -> None:
    page = _page(basic, "api")
    assert "Retire a model, as providers do <span" in page
    docstring = re.search(r'<span class="citation" data-cites="smith2020">.*?</span>', page)
    assert docstring and _text(docstring.group()) == "(Smith and Jones 2020, p. 34)"
    # mkdocstrings prefixes ids inside a docstring; the link and the anchor agree.
    assert 'href="#citedoc.retire--ref-smith2020"' in page
    assert 'id="citedoc.retire--ref-smith2020"' in page


def test_global_bibliography_lists_every_entry_with_backlinks(basic: Path) -> None:
    page = _page(basic, "bibliography")
    ids = re.findall(r'<div class="csl-entry" id="ref-([^"]+)"', page)
    assert ids == ["alpha2022", "muller2024", "oecd2021", "smith2020", "zeta2019"]
    smith = page[page.index('id="ref-smith2020"') :].split("</div>")[0]
    assert smith.endswith(
        '<span class="citation-backlinks">Cited on: <a href="../forms/">Every form</a>, '
        '<a href="../second/">Second page</a>.</span>'
    )
    alpha = page[page.index('id="ref-alpha2022"') :].split("</div>")[0]
    assert 'Cited on: <a href="../forms/">Every form</a>.' in alpha
    assert "<!-- keepopen:bibliography -->" not in page


def test_unknown_keys_fail_strict_with_file_line_and_suggestions(broken) -> None:
    assert broken.returncode != 0
    assert (
        "keepopen: docs/index.md:3: unknown citation key 'smith202' (did you mean 'smith2020'?)"
    ) in broken.stderr
    assert "keepopen: docs/index.md:5: unknown citation key 'nobody2024'" in broken.stderr


def test_bibliography_load_problems_become_warnings(broken) -> None:
    assert re.search(r"WARNING .*references/refs\.bib:\d+:1: BIB002 key `zeta2019`", broken.stderr)


def test_search_indexes_pages_before_their_reference_lists_are_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's search reads citations as text and no References section; readers get both."""
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "citations-basic"
    shutil.copytree(SITES / "citations-basic", project)
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace("plugins:\n", "plugins:\n  - search\n"))
    seen: dict[str, str] = {}
    original = SearchIndex.add_entry_from_context

    def spy(self, page):
        seen[page.file.src_uri] = page.content
        return original(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    monkeypatch.chdir(project)
    build(load_config(str(config_file)))
    searched, written = seen["forms.md"], _page(project / "site", "forms")
    assert "citation-ref" not in searched and "csl-entry" not in searched
    assert "references-heading" not in searched
    assert "(see Smith and Jones 2020, pp. 33-35 and passim; Zeta 2019)" in searched
    cited = set(" ".join(re.findall(r'data-cites="([^"]*)"', written)).split())
    listed = re.findall(r'<div class="csl-entry" id="ref-([^"]+)"', written)
    assert sorted(listed) == sorted(cited) and len(cited) > 3
    assert "keepopen:" not in written


def _copy_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the citations-basic site, made the working directory."""
    project = tmp_path / "citations-basic"
    shutil.copytree(SITES / "citations-basic", project)
    monkeypatch.chdir(project)
    return project


def _build_with_search(project: Path, hooks: str = "") -> str:
    """Build `project` (a copy of citations-basic) with Material's search and optional hooks;
    the written `forms` page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = project / "mkdocs.yml"
    text = config_file.read_text().replace("plugins:\n", "plugins:\n  - search\n")
    if hooks:
        (project / "hook.py").write_text(hooks)
        text += "hooks:\n  - hook.py\n"
    config_file.write_text(text)
    build(load_config(str(config_file)))
    return _page(project / "site", "forms")


def test_a_page_set_aside_during_search_comes_back_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search alone between the hooks: the page is set aside whole; the same bytes result as
    when the hidden pieces are put back one by one."""
    from material.plugins.search.plugin import SearchIndex

    from keepopen.mkdocs_plugin import plugin

    read: list[str] = []
    original = SearchIndex.add_entry_from_context

    def spy(self, page):
        if page.file.src_uri == "forms.md":
            read.append(page.content)
        return original(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    pages = []
    for name, alone in (("aside", None), ("markers", False)):
        project = _copy_here(tmp_path / name, monkeypatch)
        if alone is not None:
            monkeypatch.setattr(plugin, "_only_search_between", lambda *_, alone=alone: alone)
        pages.append(_build_with_search(project))
    assert "<!--keepopen:" not in read[0] and "<!--keepopen:cite:" in read[1]
    assert "(see Smith and Jones 2020, pp. 33-35 and passim; Zeta 2019)" in read[0]
    assert pages[0] == pages[1]
    assert 'id="ref-oecd2021"' in pages[0] and "keepopen:" not in pages[0]


def test_a_plugin_editing_the_page_during_search_keeps_its_edit_and_the_citations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _copy_here(tmp_path, monkeypatch)
    hook = (
        "def on_page_context(context, page, config, nav):\n"
        "    page.content += '<p>edited by a hook</p>'\n"
        "    return context\n"
    )
    written = _build_with_search(project, hook)
    assert "<p>edited by a hook</p>" in written
    assert 'id="ref-oecd2021"' in written and 'class="citation-ref"' in written
    assert "keepopen:" not in written


def test_a_page_search_edits_keeps_the_edit_and_the_citations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's search drops `data-search-*="..."` attributes from what it read."""
    project = _copy_here(tmp_path, monkeypatch)
    forms = project / "docs" / "forms.md"
    forms.write_text(forms.read_text() + '\n<p data-search-boost="2">boosted</p>\n')
    written = _build_with_search(project)
    assert "<p>boosted</p>" in written and "data-search-boost" not in written
    assert 'id="ref-oecd2021"' in written and 'class="citation-ref"' in written


def test_an_unexpected_edit_during_search_is_reported_and_the_page_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from material.plugins.search.plugin import SearchIndex

    project = _copy_here(tmp_path, monkeypatch)
    original = SearchIndex.add_entry_from_context

    def editing(self, page):
        page.content += "<p>changed</p>"
        return original(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", editing)
    written = _build_with_search(project)
    assert "<p>changed</p>" not in written and 'id="ref-oecd2021"' in written
    assert "docs/forms.md: a plugin changed the page while search read it" in caplog.text


def test_a_rebuild_reuses_rendered_citations_until_the_bibliography_changes(
    tmp_path: Path,
) -> None:
    project = tmp_path / "citations-basic"
    shutil.copytree(SITES / "citations-basic", project)
    pages = []
    for build in range(3):
        if build == 2:  # a changed date must show, though the page text is the same
            bib = project / "references" / "refs.bib"
            bib.write_text(bib.read_text().replace("2021-05-03", "2023-05-03"))
        result = build_site(project / "mkdocs.yml", project / "site")
        assert result.returncode == 0, result.stderr
        pages.append(_page(project / "site", "forms"))
        memos = [
            p
            for p in (project / ".cache" / "keepopen").glob("bib-*.pickle")
            if b"citation-ref" in p.read_bytes()
        ]
        assert len(memos) == 1  # one memo, replaced when the bibliography changes
    assert pages[1] == pages[0]
    assert "(OECD 2021, p. 12)" in _text(pages[0])
    assert "(OECD 2023, p. 12)" in _text(pages[2]) and "OECD 2021" not in _text(pages[2])


def test_one_key_cited_in_two_docstrings_and_the_page_keeps_ids_unique(tmp_path: Path) -> None:
    project = tmp_path / "citations-basic"
    shutil.copytree(SITES / "citations-basic", project)
    with (project / "src" / "citedoc.py").open("a", encoding="utf-8") as module:
        module.write('\n\ndef archive() -> None:\n    """Archive it [@smith2020, p. 40]."""\n')
    (project / "docs" / "api.md").write_text(
        "# API\n\n::: citedoc.retire\n\n::: citedoc.archive\n\nHere too [@smith2020].\n"
    )
    result = build_site(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stderr
    page = _page(project / "site", "api")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    anchors = [i for i in ids if i.endswith("ref-smith2020")]
    assert anchors == [
        "citedoc.retire--ref-smith2020",
        "citedoc.archive--ref-smith2020",
        "ref-smith2020",
    ]
    for anchor in anchors:  # every citation link finds its own list
        assert f'href="#{anchor}"' in page
