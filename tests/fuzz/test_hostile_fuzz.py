"""Fuzz: random front-matter values and .bib field text through check, build and exports.

For every example the tiny cite-page library gets hostile text in an argument's `title` and
`claim`, a testimony's `summary` and a reference's `title` and `note`. Then:

- `keepopen check`, the strict build and `keepopen export data` never end in a traceback;
- the built HTML holds no executable markup from content (no script element other than the
  site's own, no `on...` attribute, no script URL, no `<base>`);
- every value is either rendered (its marker words appear in the page) or reported by the check.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from tests.citepage.conftest import make_library

from keepopen.checks.runner import run_checks
from keepopen.cli import main as cli_main

HOSTILE = [
    "<script>alert(1)</script>",
    "</script><!--<script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "[x](javascript:alert(1))",
    "&#106;avascript:alert(1)",
    "<base href='https://evil.example/'>",
    "A | B",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "\r\nTY  - JOUR\n",
    "% comment",
    "\\input{x}",
    "\\verb|x|",
    "$\\sqrt{n}$",
    "\\footnote{note}",
    "\\textcolor{red}{x}",
    "\\underline{x}",
    "{{{{{{{{{{",
    "*emphasis*",
    "`code`",
    "@handle",
    "[@sample2026]",
    "=cmd|' /C calc'!A0",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "&amp;",
    '"quoted"',
]

_fragment = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
_value = st.lists(_fragment, min_size=1, max_size=4).map("".join)

#: Words around each fuzzed value: if the check reports nothing, they must reach the page.
START, END = "Qzstart", "Qzend"


class _Executable(HTMLParser):
    """Collects what in a page could run script, other than the site's own files."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script_type: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            scheme = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
            if name in {"href", "src", "action", "formaction", "data"} and scheme.startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in {"base", "object", "embed", "iframe"}:
            self.found.append(f"<{tag}>")
        if tag == "form" and values.get("action"):  # Material's search form has no action
            self.found.append(f"<form action={values['action']!r}>")
        if tag == "script":
            src = values.get("src") or ""
            if src and not src.startswith(("http://", "https://", "//")):
                self._script_type = "file"
            elif values.get("type") == "application/ld+json":
                self._script_type = "json"
            elif src:
                self.found.append(f"<script src={src!r}>")
                self._script_type = "file"
            else:
                self._script_type = "inline"
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script_type is None:
            return
        text = "".join(self._script_text)
        if self._script_type == "json":
            try:
                json.loads(text)
            except ValueError:
                self.found.append("JSON-LD block that does not parse")
        elif self._script_type == "inline" and (START in text or END in text):
            self.found.append("inline script carrying content")
        self._script_type = None


def executable_markup(page_html: str) -> list[str]:
    parser = _Executable()
    parser.feed(page_html)
    parser.close()
    return parser.found


def _set_front(path: Path, **values: str) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    data.update(values)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def _bib_value(text: str) -> str:
    """`text` as a braced .bib value: braces left unbalanced would end the entry, so close them."""
    depth = 0
    out = []
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                continue
            depth -= 1
        out.append(char)
    return "".join(out) + "}" * depth


def _set_bib(path: Path, title: str, note: str) -> None:
    text = path.read_text(encoding="utf-8")
    value = f"title = {{{_bib_value(title)}}},"
    text = re.sub(r"title        = \{.*\},", lambda _: value, text, count=1)
    text = text.replace("{Fixture entry.}", "{" + _bib_value(note) + "}", 1)
    path.write_text(text, encoding="utf-8")


def _build(root: Path) -> tuple[bool, str]:
    """In-process build, not strict, so that even content the check refuses reaches HTML.

    Returns `(ok, log)`; a clean abort is fine, a traceback is not.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log = io.StringIO()
    handler_stream = contextlib.redirect_stderr(log)
    with handler_stream:
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
            config["strict"] = False
            build(config)
        except (MkDocsException, SystemExit) as exc:
            return False, f"{log.getvalue()}\n{exc}"
    return True, log.getvalue()


def _text(page_html: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page_html)).split())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=int(os.environ.get("KEEPOPEN_FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # Each example is a real build (about a second): report the failing example as found.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@example(*(["".join(HOSTILE)] * 5))
@given(title=_value, claim=_value, summary=_value, bib_title=_value, bib_note=_value)
def test_hostile_values_never_crash_run_or_vanish(
    workdir: Path, title: str, claim: str, summary: str, bib_title: str, bib_note: str
) -> None:
    root = workdir / "lib"
    shutil.rmtree(root, ignore_errors=True)
    make_library(root)
    argument = root / "docs" / "arguments" / "continuity-matters.md"
    testimony = root / "docs" / "testimony" / "lost-partner.md"
    _set_front(argument, title=f"{START} {title} {END}", claim=f"{START} {claim} {END}")
    _set_front(testimony, summary=f"{START} {summary} {END}")
    _set_bib(root / "references" / "sample.bib", f"{START} {bib_title} {END}", bib_note)

    result = run_checks(root)  # must not raise
    reported = {d.path for d in result.diagnostics}

    ok, log = _build(root)
    assert "Traceback" not in log
    assert ok, log

    out = root / "export"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(["export", "data", "--root", str(root), "--out", str(out)])
    assert "Traceback" not in err.getvalue()
    assert code in (0, 1, 2), err.getvalue()

    site = root / "site"
    for page in site.rglob("*.html"):
        found = executable_markup(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(site)}: {found}"

    argument_html = (site / "arguments" / "continuity-matters" / "index.html").read_text(
        encoding="utf-8"
    )
    testimony_html = (site / "testimony" / "lost-partner" / "index.html").read_text(
        encoding="utf-8"
    )
    if "docs/arguments/continuity-matters.md" not in reported:
        text = _text(argument_html)
        assert START in text and END in text
        assert _text(argument_html.split("<title>", 1)[1].split("</title>", 1)[0]).startswith(START)
    if "docs/testimony/lost-partner.md" not in reported:
        text = _text(testimony_html)
        assert START in text and END in text
    entry = re.search(r'id="ref-sample2026"[^>]*>(.*?)</div>', argument_html, re.S)
    assert entry, "the reference vanished from the page's References"
    entry_text = _text(entry.group(1))
    assert "2026" in entry_text  # the year is never eaten by the title or note
    if "references/sample.bib" not in reported:
        assert START in entry_text and END in entry_text, entry_text
    ris = (site / "arguments" / "continuity-matters" / "cite.ris").read_text(encoding="utf-8")
    lines = [line for line in ris.splitlines() if line]
    assert all(re.match(r"^[A-Z][A-Z0-9]  -( |$)", line) for line in lines), ris
    assert [line[:2] for line in lines].count("TY") == 1, ris
    assert [line[:2] for line in lines].count("ER") == 1, ris
