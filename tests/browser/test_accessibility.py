"""WCAG 2.2 AA in headless Chromium: axe-core finds nothing serious or critical on any page of the
built site, in the light scheme or the dark one.

Material's palette follows the `data-md-color-scheme` attribute on `<body>` (its toggle sets it;
the reader's system preference does not change it once the page is drawn), so each page is loaded
once, checked, switched to `slate` in place and checked again. The chrome every page shares
(header, sidebar, footer) is checked in full on the home page only, and the dark pass runs the
rules a colour change can affect.

To keep the run short, one browser checks several pages at once (one per core): each in a context
of its own, so axe runs in that page's own renderer process while Python only starts a check and
collects its result. The largest pages (the API reference) start first, so the run is not left
waiting for them at the end. A redirect stub (`redirects.yml`) is checked as the page it is,
without following it: its target is a page of the site and is checked in its own right.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

_BLOCKING = ["serious", "critical"]
# Material fades colours over 125-250 ms; axe must measure the scheme, not a frame of the fade.
_NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
_SHARED_CHROME = {"exclude": [[".md-header"], [".md-sidebar--primary"], [".md-footer"]]}
_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
#: Pages checked at once: one per core (more only adds waiting); KEEPOPEN_AXE_TABS overrides.
_TABS = int(os.environ.get("KEEPOPEN_AXE_TABS") or min(4, os.cpu_count() or 2))
_REFRESH = re.compile(r'<meta http-equiv="refresh"[^>]*>|<script>[^<]*</script>', re.I)

# Starts axe in the page and returns at once; the page keeps the serious and critical findings,
# one line per node, in `window.__koAxe` when axe is done.
_START = """([context, options, where, blocking]) => {
  window.__koAxe = null;
  context = context || document;
  const line = (v, n) => `${v.id} (${v.impact}) on ${where}: ${n.target.join(", ")}: ` +
    (n.failureSummary || "").replace(/\\n/g, " ").slice(0, 240);
  axe.run(context, options).then(
    (results) => {
      window.__koAxe = results.violations
        .filter((v) => blocking.includes(v.impact))
        .flatMap((v) => v.nodes.map((n) => line(v, n)));
    },
    (error) => { window.__koAxe = [`axe failed on ${where}: ${error}`]; });
}"""


def _page_paths(built_site: Path) -> list[str]:
    """Every HTML page of the built site, as a path under the site root, largest first."""
    files = sorted(built_site.rglob("*.html"), key=lambda p: (-p.stat().st_size, p.as_posix()))
    return [p.relative_to(built_site).as_posix().removesuffix("index.html") for p in files]


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


@dataclass
class _Check:
    """One page in one tab: the light pass, then the dark pass on the same load."""

    path: str
    whole_page: bool
    schemes: list[str] = field(default_factory=lambda: ["light", "dark"])


def _open(page, site_url: str, built_site: Path, check: _Check) -> None:
    url = f"{site_url}/{check.path}"
    html_file = (
        built_site / check.path / "index.html"
        if not check.path.endswith(".html")
        else (built_site / check.path)
    )
    html = html_file.read_text(encoding="utf-8") if html_file.is_file() else ""
    page.unroute("**/*")
    if 'http-equiv="refresh"' in html:  # a redirect stub: check it, do not follow it
        stub = _REFRESH.sub("", html)
        page.route(url, lambda route: route.fulfill(body=stub, content_type="text/html"))
    page.emulate_media(color_scheme="light")
    page.goto(url, wait_until="load")
    page.add_style_tag(content=_NO_TRANSITIONS)


def _start(page, check: _Check) -> None:
    scheme = check.schemes[0]
    where = f"/{check.path} [{scheme}]"
    if scheme == "dark":
        page.emulate_media(color_scheme="dark")
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    context = None if check.whole_page else _SHARED_CHROME  # None: the whole document
    options: dict = {"resultTypes": ["violations"]}
    if scheme == "dark" and not check.whole_page:
        options["runOnly"] = _COLOUR_RULES
    page.evaluate(_START, [context, options, where, _BLOCKING])


def _tab(browser):
    """A page in a context of its own: Chromium gives each context its own renderer process, so
    axe runs in parallel (tabs of one context may share one). The site's Content-Security-Policy
    forbids injected scripts, axe included: lifted here only."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    context.add_init_script(_axe_script())
    return context.new_page()


def _check_all(browser, site_url: str, built_site: Path, checks: list[_Check]) -> list[str]:
    """Run every check, `_TABS` pages at a time; the findings of all of them."""
    queue = list(checks)
    tabs = [_tab(browser) for _ in range(min(_TABS, len(queue)))]
    try:
        return _run(tabs, site_url, built_site, queue)
    finally:
        for tab in tabs:
            tab.context.close()


def _run(tabs: list, site_url: str, built_site: Path, queue: list[_Check]) -> list[str]:
    busy: dict[int, _Check] = {}
    findings: list[str] = []
    deadline = time.monotonic() + 900
    while queue or busy:
        for i, tab in enumerate(tabs):
            if i not in busy and queue:
                busy[i] = queue.pop(0)
                _open(tab, site_url, built_site, busy[i])
                _start(tab, busy[i])
        time.sleep(0.05)
        for i in list(busy):
            done = tabs[i].evaluate("window.__koAxe")
            if done is None:
                continue
            findings += done
            check = busy[i]
            check.schemes.pop(0)
            if check.schemes:
                _start(tabs[i], check)  # the dark pass, on the same load
            else:
                del busy[i]
        assert time.monotonic() < deadline, f"axe still running on {list(busy.values())}"
    return findings


def test_no_serious_or_critical_axe_finding_on_any_page(browser, site_url, built_site) -> None:
    paths = _page_paths(built_site)
    assert len(paths) > 20, f"the built site has too few pages: {paths}"
    checks = [_Check(path, whole_page=False) for path in paths]
    checks.insert(1, _Check("", whole_page=True))  # the home page with the shared chrome
    findings = _check_all(browser, site_url, built_site, checks)
    shown = "\n".join(findings[:60])
    more = f"\n... and {len(findings) - 60} more" if len(findings) > 60 else ""
    assert not findings, f"{len(findings)} serious/critical axe findings:\n{shown}{more}"


def test_every_redirect_stub_leads_to_a_page_that_is_checked(built_site: Path) -> None:
    """Guards the test above: a stub is checked without following it, so its target must be a
    page of the site (and is then checked itself)."""
    for stub in built_site.rglob("*.html"):
        html = stub.read_text(encoding="utf-8")
        found = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        if found:
            target = (stub.parent / found.group(1).split("#")[0]).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{stub}: redirects to {found.group(1)}, not a page"


def test_the_dark_pass_sees_the_dark_scheme(browser, site_url) -> None:
    """Guards the test above: switching the attribute really repaints the page in `slate`."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(site_url + "/", wait_until="load")
        page.add_style_tag(content=_NO_TRANSITIONS)
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    finally:
        context.close()
    assert light != dark, "the page did not change colour with the scheme"
