"""Citations rendered once and reused: the same HTML as rendering afresh, for the same inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from tests.citations.test_markdown_ext import FIXTURE

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.citations import markdown_ext, render
from keepopen.citations.markdown_ext import CitationsExtension
from keepopen.citations.memo import CitationMemo, fingerprint

#: Every form, twice over (the same paragraph at another place gets its own ids), plus the
#: citations that are never kept: unknown keys, Markdown in a suffix, link text, alt text.
PAGE = """# Page

A [@oecd2021, p. 12]. B @smith2020 [chap. 2]. C [-@zeta2019]. D [@zeta2019; @smith2020].

A [@oecd2021, p. 12]. B @smith2020 [chap. 2]. C [-@zeta2019]. D [@zeta2019; @smith2020].

E [see @alpha2022, pp. 1-2 and *passim*]. F [@nobody2000]. G [text [@oecd2021]](https://x.org).
H ![alt [@muller2024]](img.png). I [label [@smith2020]][ref] and [@zeta2019].
"""
DEFINED = "\n[ref]: https://example.org/ref\n"


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_bibliography([FIXTURE])


def _convert(text: str, bib: Bibliography, memo: CitationMemo | None) -> tuple[str, list[str]]:
    ext = CitationsExtension(bibliography=bib)
    ext.memo = memo
    return markdown.markdown(text, extensions=[ext, "footnotes", "toc"]), ext.unknown


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of both group parsers (`[...]` and `@key`)."""
    calls = [0]
    for name in ("normal_cite", "textual_cite"):
        real = getattr(markdown_ext, name)

        def counting(text: str, i: int, real=real):
            calls[0] += 1
            return real(text, i)

        monkeypatch.setattr(markdown_ext, name, counting)
    return calls


def test_a_page_from_the_memo_is_the_page_rendered_afresh(
    bib: Bibliography, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _counting_parses(monkeypatch)
    fresh = _convert(PAGE, bib, None)
    parsed_fresh, parses[0] = parses[0], 0
    memo = CitationMemo(fingerprint(bib.fingerprint, "author-year"))
    assert _convert(PAGE, bib, memo) == fresh
    # Ten plain groups, keyed by their paragraph as the inline pass holds it: the second copy
    # of the first paragraph differs from the first after its first citation (the stash
    # placeholders), so that citation's entry serves both.
    assert len(memo.citations.found) == 9
    parses[0] = 0
    memo.start_build()
    monkeypatch.setattr(render, "reference_entries", None)  # not called: the list is kept
    again = _convert(PAGE, bib, memo)
    assert again == fresh  # ids, References list, back-links and unknown keys alike
    assert again[1] == ["nobody2000"]
    assert len(memo.citations.used) == 9 and memo.citations.added == 0
    assert parses[0] == parsed_fresh - 10  # no plain group is parsed again
    assert len(memo.lists.found) == 1 and len(memo.lists.used) == 1  # the References list too


def test_reference_labels_are_part_of_the_key(bib: Bibliography) -> None:
    """`[label [@x]][ref]` is a link only when `ref` is defined: the citation is then
    rendered unlinked, whatever the memo holds for the same paragraph."""
    memo = CitationMemo(fingerprint(bib.fingerprint, "author-year"))
    _convert(PAGE, bib, memo)
    assert _convert(PAGE + DEFINED, bib, memo) == _convert(PAGE + DEFINED, bib, None)
    assert (
        '<a href="https://example.org/ref">label <span class="citation"'
        in (_convert(PAGE + DEFINED, bib, memo)[0])
    )


def test_a_memo_is_saved_with_what_the_build_used_and_loaded_for_its_fingerprint(
    bib: Bibliography, tmp_path: Path
) -> None:
    stamp = fingerprint(bib.fingerprint, "author-year")
    memo = CitationMemo(stamp, cache_dir=tmp_path)
    _convert(PAGE, bib, memo)
    memo.save()
    loaded = CitationMemo.load(tmp_path, stamp)
    assert loaded.citations.found == memo.citations.found and len(loaded.citations.found) == 9
    assert loaded.lists.found == memo.lists.found and len(loaded.lists.found) == 1
    numeric = CitationMemo.load(tmp_path, fingerprint(bib.fingerprint, "numeric"))
    assert numeric.citations.found == {}
    loaded.start_build()
    _convert("# Other\n\nOnly [@oecd2021].\n", bib, loaded)
    loaded.save()
    reloaded = CitationMemo.load(tmp_path, stamp)
    # The old page's entries are gone.
    assert (len(reloaded.citations.found), len(reloaded.lists.found)) == (1, 1)


def test_the_fingerprint_follows_every_bib_file_byte(tmp_path: Path) -> None:
    copy = tmp_path / "refs.bib"
    shutil.copy(FIXTURE, copy)
    first = load_bibliography([copy]).fingerprint
    assert first == load_bibliography([copy]).fingerprint
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_bibliography([copy]).fingerprint != first


def test_numeric_citations_are_never_kept(bib: Bibliography) -> None:
    """Numbers depend on the whole page: numeric style renders every time."""
    memo = CitationMemo(fingerprint(bib.fingerprint, "numeric"))
    ext = CitationsExtension(bibliography=bib, style="numeric")
    ext.memo = memo
    kept = markdown.markdown(PAGE, extensions=[ext, "footnotes", "toc"])
    fresh = markdown.markdown(
        PAGE, extensions=[CitationsExtension(bibliography=bib, style="numeric"), "footnotes", "toc"]
    )
    assert kept == fresh and 'href="#ref-oecd2021"' in kept
    assert memo.citations.found == {} and memo.lists.found == {}


def test_the_fingerprint_covers_the_code_the_kept_markup_comes_from() -> None:
    """Every project module the hashed modules import is hashed too (the bibliography's code
    is in the bibliography's own fingerprint; `sitebuild` only hooks the extension up)."""
    import ast
    import importlib.util

    from keepopen.citations import memo

    def imports(name: str) -> set[str]:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        return {m for m in found if m.startswith("keepopen.")}

    used = set().union(*(imports(name) for name in memo._CODE)) - {"keepopen.citations"}
    assert "keepopen.content.choices" in used  # the verification badges' wording
    elsewhere = ("keepopen.bibliography", "keepopen.sitebuild")
    assert {m for m in used if not m.startswith(elsewhere)} <= set(memo._CODE)
