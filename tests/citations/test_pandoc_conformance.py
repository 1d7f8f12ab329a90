"""`keepopen.citations.parse` against Pandoc itself, the reference for the citation syntax.

All cases go to Pandoc in ONE call (each inside its own fenced div), so the test stays fast.
Pandoc comes from the pypandoc-binary wheel of the test extra; if it is missing the test FAILS:
a conformance test that quietly skips proves nothing.

Pandoc is run as `markdown-smart-example_lists`: smart punctuation would turn `--` into a dash
inside suffixes, and example lists would read `(@key)` at a line start as a list label; neither
is citation syntax.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from keepopen.citations import parse

CASES = [
    # Bracketed citations
    "[@key]",
    "[@a; @b]",
    "[@a;@b]",
    "[@a ;@b]",
    "[ @a ]",
    "[see @key, pp. 33-35 and *passim*]",
    "[see @key, pp. 33-35 and *passim*; @b]",
    "[@a, p. 3; see @b, ch. 2; -@c]",
    "[-@key]",
    "[-@a; @b, p. 4]",
    "[@key, p. 33]",
    "[@key p. 33]",
    "[@a,p. 3]",
    "[@a , p. 3]",
    "[@a   p.   3  ]",
    "[@a, ]",
    "[*see* @a]",
    "[**cf.** @a, ch. 4]",
    "[see\n@a, p. 3\nand more]",
    "[@a]\n[@b ;\n@c]",
    "[@a, *x; y*]",
    "[@a, `x;]`]",
    "[@a, \\]x]",
    "[@a, [p. 3]]",
    "[@a, pp. 33--35]",
    "[@a, chap. 3]",
    "[@a, § 3]",
    "[--@c]",
    "[- @d]",
    "[p. 3 @a]",
    "[see @a and @b]",
    "[@a @b]",
    "[@a, p. 3 and @b more]",
    "[see [@a]]",
    "[see @a [p. 3]]",
    # Not bracketed citations
    "[@a, p. 3; ; @b]",
    "[@a;]",
    "[@a; x]",
    "[see; @a]",
    "[see@a]",
    "[*see @a*]",
    "[@a](http://example.org)",
    "[@a][ref]",
    "[@a]{.x}",
    "[@a] (foo)",
    "[@a][@b]",
    "\\[@a]",
    # Author-in-text
    "@key says",
    "@key [p. 33] says",
    "@key[p. 3]",
    "@key  [p. 3]",
    "@key\n[p. 3] end",
    "@key [see p. 3]",
    "@key [ p. 3]",
    "@k [-@b]",
    "@k [@b]",
    "@k [see @b]",
    "@k [; @b]",
    "@k [p. 3; @b]",
    "@k [p. 3 @b]",
    "@k [p. 3; x]",
    "@k [p. 3][x]",
    "@k [p. 3](x)",
    "@k [^1]",
    "-@key says",
    "x (@key) y",
    "@a's book",
    "@a, and @a; and @a: x and @a? and @a...",
    # Keys
    "@Ünïcödé2020 and @日本語",
    "@a_b-c+d?e<f>g~h/i#j$k%l&m",
    "[@a.] [@a-] [@a--b] [@a:b] [@a::b] [@a.b.c] [@a_] [@_a] [@1]",
    "@a://b",
    "@{a{b}c} and @{x y}",
    "[@{a b}] [@{ab}] [@{a}b] @{a}b",
    "[@{}] @{}",
    "@*foo*",
    "@smith2020.",
    "@smith2020, @jones:2021:x.",
    # Never citations (or citations in odd places)
    "mail me@example.org or first.last@example.org",
    "<me@example.org> and <https://example.org/@user>",
    "x\\@y and \\@key",
    "`@key` and ``[@key]``",
    "a-@key b",
    "foo_@bar",
    "*x*@key2 and **y**@k3",
    "x*@a* and _@b_ and __@d__",
    "1@k4 and a.@k5 and a,@k6 and é@k7",
    "-@k, .@k, ..@k and x.@k9",
    "[@a]. [@a], [@a]; @a].",
]


def _unescape(markdown: str) -> str:
    """Our prefix and suffix stay raw Markdown; Pandoc's AST has the escapes resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _stringify(inlines: list[dict]) -> str:
    """Pandoc inlines back to the Markdown the cases use (`*`, `**`, backticks)."""
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "Emph":
            out.append(f"*{_stringify(content)}*")
        elif kind == "Strong":
            out.append(f"**{_stringify(content)}**")
        elif kind == "Code":
            out.append(f"`{content[1]}`")
        elif kind in ("Cite", "Link", "Span"):
            out.append(_stringify(content[1]))
        else:
            raise AssertionError(f"unexpected inline {kind} in a case")
    return "".join(out)


_MODES = {"NormalCitation": "normal", "SuppressAuthor": "suppress-author"}
_MODES["AuthorInText"] = "author-in-text"


def _cites(node: object) -> list[tuple[str, str, str, str]]:
    """Every citation under `node`, in Pandoc's order: a Cite's own list, then nested ones."""
    found: list[tuple[str, str, str, str]] = []
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            for c in node["c"][0]:
                mode = _MODES[c["citationMode"]["t"]]
                prefix, suffix = _stringify(c["citationPrefix"]), _stringify(c["citationSuffix"])
                found.append((c["citationId"], mode, prefix, suffix))
            for c in node["c"][0]:
                found += _cites(c["citationPrefix"]) + _cites(c["citationSuffix"])
            return found
        for value in node.values():
            found += _cites(value)
    elif isinstance(node, list):
        for value in node:
            found += _cites(value)
    return found


@pytest.fixture(scope="module")
def pandoc_results() -> list[list[tuple[str, str, str, str]]]:
    import pypandoc  # an ImportError here is a failure, on purpose

    path = pypandoc.get_pandoc_path()  # raises OSError (a failure) when no Pandoc is there
    document = "\n\n".join(f"::: {{.case{i}}}\n{case}\n:::" for i, case in enumerate(CASES))
    result = subprocess.run(
        [path, "-f", "markdown-smart-example_lists", "-t", "json"],
        input=document,
        capture_output=True,
        text=True,
        check=True,
    )
    blocks = json.loads(result.stdout)["blocks"]
    assert len(blocks) == len(CASES), "every case must come back as its own div"
    return [_cites(block["c"][1]) for block in blocks]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[:40] for c in CASES])
def test_parse_matches_pandoc(index: int, pandoc_results: list) -> None:
    ours = [(c.key, c.mode, _unescape(c.prefix), _unescape(c.suffix)) for c in parse(CASES[index])]
    assert ours == pandoc_results[index], CASES[index]


# The one deliberate difference: Pandoc cites `user` in a bare URL; this project never does.
URL_CASES = ["https://mastodon.social/@user x", "see www.example.org/@user.", "(http://x.org/@u)"]


def test_bare_urls_are_never_citations_unlike_pandoc() -> None:
    import pypandoc

    document = "\n\n".join(f"::: {{.u{i}}}\n{case}\n:::" for i, case in enumerate(URL_CASES))
    out = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown-smart", "-t", "json"],
        input=document,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pandoc = [_cites(block["c"][1]) for block in json.loads(out)["blocks"]]
    assert all(found for found in pandoc), "Pandoc reads these as citations"
    assert [parse(case) for case in URL_CASES] == [[], [], []]
