"""The stashing pass (citations rendered before inline parsing) against the inline pattern
alone: the same HTML for every construct a citation can stand in or next to."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from markdown.inlinepatterns import InlineProcessor

from keepopen.bibliography import Bibliography, load_bibliography
from keepopen.checks.mdrender import BUILTIN_EXTENSIONS, DEFAULT_EXTENSIONS
from keepopen.citations.markdown_ext import CitationsExtension

FIXTURE = Path(__file__).parents[1] / "fixtures" / "citations" / "refs.bib"
# The project's own Markdown set-up: what MkDocs adds and what mkdocs.yml lists.
EXTENSIONS = [*BUILTIN_EXTENSIONS, *DEFAULT_EXTENSIONS]

PAGES = {
    "plain forms": "A [@oecd2021, p. 12]. B @smith2020. C [-@zeta2019]. D [@zeta2019; @smith2020].",
    "mixed with Markdown in a suffix": (
        "First [see @oecd2021, pp. 3-4 and *passim*], then [@zeta2019] and "
        "@smith2020 [chap. 2; @alpha2022].\n\nLater [@oecd2021, `p. 9`] and [@muller2024]."
    ),
    "links and images": (
        "[text [@oecd2021]](https://example.org) and [@zeta2019].\n\n"
        "[see @smith2020][ref] then ![alt [@alpha2022]](img.png) and "
        '<a href="https://example.org">as @muller2024 says</a> and @oecd2021.\n\n'
        "[ref]: https://example.org/ref"
    ),
    "links around several citations": (
        "[see [@oecd2021] and [@zeta2019]](https://example.org) then [@smith2020].\n\n"
        "![alt [@oecd2021] and [@zeta2019]](img.png) then @alpha2022 and "
        "[a [@nokey] b [@muller2024]](https://example.org) and [@oecd2021] [x] [@zeta2019]."
    ),
    "a link first, then many citations": "[A link](https://example.org) "
    + " ".join(f"Claim {n} [@oecd2021, p. {n}] and [@nokey{n}]." for n in range(1, 301)),
    "code, escapes, mail and URLs": (
        "`[@oecd2021]` and `` `x` [@zeta2019] `` and \\[@smith2020] and \\@alpha2022 and "
        "editors@example.org, https://example.org/@zeta2019, <https://example.org/@oecd2021>, "
        "<me@example.org> and finally [@oecd2021].\n\n```\n[@smith2020]\n```\n\n    @alpha2022\n"
    ),
    "unknown keys and nesting": (
        "[@nokey2020] and [@zeta2019; @missing] and [see @oecd2021 [p. 3; @zeta2019]] and "
        "@oecd2021 [p. 3; @zeta2019] and [@oecd2021, citing @zeta2019]."
    ),
    "blocks": (
        "# Results [@oecd2021] { #results }\n\n"
        "| Claim | Source |\n| --- | --- |\n| one | [@zeta2019] |\n| two | @smith2020 |\n\n"
        "- item [@alpha2022]\n    - nested @muller2024\n\n"
        "> quoted [-@oecd2021]\n\n"
        '!!! note "Note [@zeta2019]"\n    Inside @smith2020.\n\n'
        '??? info "More"\n    Details [@alpha2022].\n\n'
        '<div class="box" markdown>\nIn a div [@oecd2021].\n</div>\n\n'
        "Term\n:   Definition [@zeta2019].\n\n"
        "*see [@oecd2021]* and **@smith2020** and a break  \nafter [@alpha2022].\n\n"
        'Raw <span title="[@oecd2021]">x</span> and <b>[@zeta2019]</b>.\n\n'
        "A note.[^1]\n\n[^1]: As @zeta2019 shows [@oecd2021].\n\n"
        "*[OECD]: Organisation for Economic Co-operation and Development\n"
    ),
}


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    loaded = load_bibliography([FIXTURE])
    assert loaded.diagnostics == []
    return loaded


def convert(text: str, bib: Bibliography, stash_pass: bool, **config: object):
    ext = CitationsExtension(bibliography=bib, **config)
    md = markdown.Markdown(extensions=[*EXTENSIONS, ext])
    if not stash_pass:
        md.treeprocessors.deregister("keepopen-stash")
    out = md.convert(text)
    stashed = md.treeprocessors["keepopen-stash"].stashed if stash_pass else 0
    return out, ext.unknown, stashed


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_pass_writes_what_the_inline_pattern_writes(bib: Bibliography, name: str) -> None:
    with_pass, unknown, stashed = convert(PAGES[name], bib, True)
    alone, unknown_alone, _ = convert(PAGES[name], bib, False)
    assert with_pass == alone
    assert unknown == unknown_alone
    assert stashed > 0  # the pass did render some of them


def test_ids_follow_reading_order_when_the_pattern_renders_some(bib: Bibliography) -> None:
    out, _, stashed = convert(PAGES["mixed with Markdown in a suffix"], bib, True)
    assert stashed == 3  # `[@zeta2019]`, `@smith2020 [...]` and `[@muller2024]`
    ids = re.findall(r'class="citation"[^>]* id="citation-(\d+)"', out)
    assert ids == ["1", "2", "3", "4", "5"]
    first = out.index("<em>passim</em>")
    assert out.rfind('id="citation-1"', 0, first) > out.rfind('id="citation-2"', 0, first)


def test_counts_in_a_paragraph_of_many_citations(bib: Bibliography) -> None:
    text = " ".join(f"Claim {n} [@oecd2021, p. {n}]." for n in range(1, 201))
    out, _, stashed = convert(text, bib, True)
    assert stashed == 200
    assert out == convert(text, bib, False)[0]
    assert out.count('class="citation"') == 200


def test_the_pass_steps_aside_for_a_pattern_that_reads_text_first(bib: Bibliography) -> None:
    class Kbd(InlineProcessor):
        """`++...++` as <kbd>, its text left alone (as pymdownx.keys would)."""

        def handleMatch(self, m, data):  # noqa: N802
            element = etree.Element("kbd")
            element.text = markdown.util.AtomicString(m.group(1))
            return element, m.start(0), m.end(0)

    class KbdExtension(markdown.Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.inlinePatterns.register(Kbd(r"\+\+(.+?)\+\+", md), "kbd", 185)

    ext = CitationsExtension(bibliography=bib)
    md = markdown.Markdown(extensions=[KbdExtension(), ext])
    out = md.convert("Press ++[@oecd2021]++ as [@zeta2019] says.")
    assert md.treeprocessors["keepopen-stash"].stashed == 0
    assert "<kbd>[@oecd2021]</kbd>" in out
    assert 'data-cites="zeta2019"' in out and 'data-cites="oecd2021"' not in out


def test_numeric_style_is_left_to_the_tree(bib: Bibliography) -> None:
    text = PAGES["plain forms"]
    out, _, stashed = convert(text, bib, True, style="numeric")
    assert stashed == 0
    assert out == convert(text, bib, False, style="numeric")[0]
