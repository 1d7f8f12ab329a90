"""Every built page carries the Content-Security-Policy before any script, and needs no inline
script under it (Material's inline scripts are loaded from files)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# Data blocks: the browser never runs them, so the policy does not apply.
_DATA_TYPES = {"application/json", "application/ld+json"}


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.policy: str | None = None
        self.scripts_before_policy = 0
        self.inline: list[str] = []
        self._in_inline = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = a.get("content")
        if tag == "script":
            if self.policy is None:
                self.scripts_before_policy += 1
            self._in_inline = "src" not in a and a.get("type") not in _DATA_TYPES
        if any(name.startswith("on") for name, _ in attrs):
            self.inline.append(f"<{tag}> handler")

    def handle_data(self, data: str) -> None:
        if self._in_inline and data.strip():
            self.inline.append(data.strip()[:80])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline = False


def _read(path: Path) -> _Head:
    head = _Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def test_home_page_policy_forbids_inline_script_and_other_origins(built_site: Path) -> None:
    head = _read(built_site / "index.html")
    assert head.policy, "index.html has no Content-Security-Policy meta"
    policy = _directives(head.policy)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert head.scripts_before_policy == 0


def test_no_page_needs_inline_script(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    problems = {}
    for path in pages:
        head = _read(path)
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue  # redirect stubs written by mkdocs-redirects carry no theme
        if head.policy is None or head.inline:
            problems[path.relative_to(built_site).as_posix()] = head.policy, head.inline
    assert problems == {}
