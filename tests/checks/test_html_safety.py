"""The body HTML rules (SEC001-SEC010) read raw HTML as a browser does: known bypasses are
refused at the right file:line:col, and legal Markdown and HTML pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from keepopen.checks.runner import run_checks

HEAD = "---\ntype: page\nid: notes\ntitle: Notes\n---\n\n# Notes\n\n"  # the body starts on line 9


def _sec(root: Path, body: str) -> list[tuple[str, int, int]]:
    (root / "docs" / "notes.md").write_text(HEAD + body, encoding="utf-8")
    found = run_checks(root).diagnostics
    assert all(d.path == "docs/notes.md" for d in found), found
    return [(d.code, d.line, d.col) for d in found if d.code.startswith("SEC")]


REFUSED = {
    # A backtick inside an attribute must not start a code span that hides the next tag.
    "backtick-in-attribute": (
        '<div title="`">\n<img src="x.png" onerror="alert(1)">\n</div>\n\nSee `this`.',
        [("SEC003", 10, 18)],
    ),
    # A `>` inside a quoted attribute does not end the tag.
    "quoted-gt": ('<img alt="a > b" src="x.png" onerror="alert(1)">', [("SEC003", 9, 30)]),
    "entity-encoded-unquoted-href": (
        "<a href=&#106;avascript:alert(1)>x</a>",
        [("SEC004", 9, 9)],
    ),
    "tab-and-mixed-case-scheme": (
        '<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>',
        [("SEC004", 9, 10)],
    ),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', [("SEC004", 9, 10)]),
    "data-object": (
        '<object data="data:text/html,x"></object>',
        [("SEC008", 9, 1), ("SEC004", 9, 15)],
    ),
    "base": ('<base href="https://example.org/">', [("SEC005", 9, 1)]),
    "meta-refresh": (
        "<meta http-equiv=refresh content=0;url=https://example.org>",
        [("SEC006", 9, 1)],
    ),
    "link": ('<link rel="stylesheet" href="https://example.org/x.css">', [("SEC006", 9, 1)]),
    "form": ('<form action="https://example.org">\n</form>', [("SEC007", 9, 1)]),
    "button-formaction": (
        '<button formaction="https://example.org">Go</button>',
        [("SEC007", 9, 1), ("SEC007", 9, 9)],
    ),
    "embed": ('<embed src="x.swf">', [("SEC008", 9, 1)]),
    "style-element": ("<style>body { display: none }</style>", [("SEC009", 9, 1)]),
    "ref-definition-target-on-next-line": (
        "[x]\n\n[x]:\n  javascript:alert(1)",
        [("SEC004", 12, 3)],
    ),
    "style-overlay": (
        '<div markdown style="position: fixed; top: 0; z-index: 99999">Site moved</div>',
        [("SEC009", 9, 22)],
    ),
    "style-url-css-escaped": (
        '<span style="background: u\\72 l(https://example.org/x.png)">x</span>',
        [("SEC009", 9, 14)],
    ),
    "svg": ("<svg onload=alert(1)>", [("SEC010", 9, 1), ("SEC003", 9, 6)]),
    "markdown-link-encoded": ("[x](&#106;avascript:alert(1))", [("SEC004", 9, 5)]),
    "markdown-link-tab": ("[x](java&#x09;script:alert(1))", [("SEC004", 9, 5)]),
    "markdown-image-data": ("![x](data:image/png;base64,AAAA)", [("SEC004", 9, 6)]),
    "reference-definition": ("[x]\n\n[x]: JAVASCRIPT:alert(1)", [("SEC004", 11, 6)]),
    "autolink": ("<javascript:alert(1)>", [("SEC004", 9, 2)]),
    "attr-list-handler": ('[x](https://example.org){: onclick="alert(1)" }', [("SEC003", 9, 28)]),
    "attr-list-href": (
        '[x](https://example.org){: href="javascript:alert(1)" }',
        [("SEC004", 9, 34)],
    ),
    "comment-closed-early": ("<!--><script>alert(1)</script>-->", [("SEC001", 9, 6)]),
    # Markdown does not make these code, so the tags in them reach the page.
    "unclosed-fence": ("```\n<script>alert(1)</script>", [("SEC001", 10, 1)]),
    "indented-fence": (
        "Text.\n\n    ```\n<script>alert(1)</script>\n```",
        [("SEC001", 12, 1)],
    ),
    "code-span-in-raw-html-block": (
        "<div>\n`<img src=x.png onerror=alert(1)>`\n</div>",
        [("SEC003", 10, 17)],
    ),
    "script-content-read-as-html": (
        "<style></style><iframe src=https://example.org></iframe>",
        [("SEC009", 9, 1), ("SEC002", 9, 16)],
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bypass_is_refused_where_it_is(case, library) -> None:
    body, expected = REFUSED[case]
    assert _sec(library(), body) == sorted(expected, key=lambda c: (c[1], c[2], c[0]))


ALLOWED = {
    "code-span-with-script": "Never write `<script>` or `onerror=` in a page.",
    "fenced-code-with-handler": '```html\n<img src="x.png" onerror="alert(1)">\n```',
    "tilde-fence-inside-list": "- Example:\n\n    ~~~\n    <script>alert(1)</script>\n    ~~~",
    "allowed-elements": (
        '<abbr title="data: a term">API</abbr> <kbd>Ctrl</kbd> x<sup>2</sup> H<sub>2</sub>O<br>\n\n'
        "<details markdown>\n<summary>More</summary>\n\n"
        "Text with `<script>` as code.\n</details>\n\n"
        '<div markdown><span style="color: teal">teal</span></div>\n\n'
        '<figure><img src="../assets/x.png" alt="x"><figcaption>A figure</figcaption></figure>'
    ),
    "autolinks-and-links": "<https://example.org> <a@example.org> [x](https://example.org/a:b)",
    "comments": "<!-- a note for editors -->",
    "attr-list-class-and-id": "## Heading {: #custom .note }",
    "footnote-mentioning-a-scheme": "Text[^3].\n\n[^3]: javascript: is a language.",
}


@pytest.mark.parametrize("case", sorted(ALLOWED))
def test_legal_html_and_code_pass(case, library) -> None:
    assert _sec(library(), ALLOWED[case]) == []
