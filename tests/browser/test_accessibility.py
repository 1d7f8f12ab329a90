"""WCAG 2.2 AA in headless Chromium: axe-core finds nothing serious or critical on any page of the
built site, in the light scheme or the dark one.

Material's palette follows the `data-md-color-scheme` attribute on `<body>` (its toggle sets it;
the reader's system preference does not change it once the page is drawn), so each page is loaded
once, checked, switched to `slate` in place and checked again. To keep the run short, the chrome
every page shares (header, sidebar, footer) is checked in full on the home page only, and the dark
pass runs the rules a colour change can affect.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

_BLOCKING = {"serious", "critical"}
# Material fades colours over 125-250 ms; axe must measure the scheme, not a frame of the fade.
_NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"
_SHARED_CHROME = {"exclude": [[".md-header"], [".md-sidebar--primary"], [".md-footer"]]}
_COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _page_paths(built_site: Path) -> list[str]:
    """Every HTML page of the built site, as a path under the site root."""
    paths = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    return [p.removesuffix("index.html") for p in paths]


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def _findings(page, where: str, *, whole_page: bool, rules: list[str] | None = None) -> list[str]:
    """Serious and critical axe violations, one line per node: rule, page, node, why."""
    context = "document" if whole_page else json.dumps(_SHARED_CHROME)
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = rules
    results = page.evaluate(f"axe.run({context}, {json.dumps(options)})")
    return [
        f"{v['id']} ({v['impact']}) on {where}: {', '.join(map(str, n['target']))}: "
        + (n.get("failureSummary") or "").replace("\n", " ")[:240]
        for v in results["violations"]
        if v["impact"] in _BLOCKING
        for n in v["nodes"]
    ]


def _check_page(page, url: str, where: str, *, whole_page: bool) -> list[str]:
    page.emulate_media(color_scheme="light")
    page.goto(url, wait_until="load")
    page.add_style_tag(content=_NO_TRANSITIONS)
    findings = _findings(page, f"{where} [light]", whole_page=whole_page)
    page.emulate_media(color_scheme="dark")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    rules = None if whole_page else _COLOUR_RULES
    return findings + _findings(page, f"{where} [dark]", whole_page=whole_page, rules=rules)


def test_no_serious_or_critical_axe_finding_on_any_page(browser, site_url, built_site) -> None:
    # The site's Content-Security-Policy forbids injected scripts, axe included: lifted here only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    context.add_init_script(_axe_script())
    page = context.new_page()
    paths = _page_paths(built_site)
    assert len(paths) > 20, f"the built site has too few pages: {paths}"
    try:
        findings = _check_page(page, site_url + "/", "/", whole_page=True)
        for path in paths:
            findings += _check_page(page, f"{site_url}/{path}", "/" + path, whole_page=False)
    finally:
        context.close()
    shown = "\n".join(findings[:60])
    more = f"\n... and {len(findings) - 60} more" if len(findings) > 60 else ""
    assert not findings, f"{len(findings)} serious/critical axe findings:\n{shown}{more}"


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
