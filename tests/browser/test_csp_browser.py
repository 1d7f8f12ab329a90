"""The Content-Security-Policy in headless Chromium: the site works under it, and markup a check
missed (inline script, an event handler, a `<base>` pointing elsewhere) cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# Every violation the page reports, recorded before any of its own scripts run.
_RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def _argument_page(built_site: Path) -> str:
    pages = sorted((built_site / "arguments").glob("*/index.html"))
    assert pages, "the built site has no argument page"
    return pages[0].parent.relative_to(built_site).as_posix()


def _open(page, url: str) -> list[str]:
    """Open `url`; return the console errors it printed."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(_RECORD_VIOLATIONS)
    page.goto(url, wait_until="networkidle")
    return errors


@pytest.mark.parametrize("which", ["home", "argument"])
def test_pages_run_without_csp_violations(page, site_url: str, built_site: Path, which) -> None:
    path = "" if which == "home" else _argument_page(built_site) + "/"
    errors = _open(page, f"{site_url}/{path}")
    assert page.evaluate("window.__csp") == []
    assert errors == []
    # Material's scripts ran: it marks the page as scripted and defines its helpers.
    assert page.evaluate("typeof __md_get") == "function"
    assert "no-js" not in (page.get_attribute("html", "class") or "")


def test_search_and_palette_work_under_the_policy(page, site_url: str) -> None:
    errors = _open(page, site_url + "/")
    page.click("input.md-search__input")
    page.keyboard.type("consent")
    page.locator("a.md-search-result__link").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")

    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') !== {before!r}", timeout=5_000
    )
    page.reload(wait_until="networkidle")  # the choice is kept (palette.js reads it back)
    assert page.get_attribute("body", "data-md-color-scheme") != before
    assert page.evaluate("window.__csp") == []
    assert errors == []


def test_injected_markup_cannot_run_or_move_the_scripts(page, site_url: str) -> None:
    hostile = (
        '<base href="http://evil.invalid/">'
        "<script>window.__pwned = 'inline'</script>"
        '<img src="data:," onerror="window.__pwned = \'handler\'">'
        "<a id=js href=\"javascript:window.__pwned='link'\">x</a>"
    )

    def inject(route) -> None:
        response = route.fetch()
        body = response.text().replace('<div class="md-content"', hostile + "<div", 1)
        route.fulfill(response=response, body=body)

    page.route(site_url + "/", inject)
    _open(page, site_url + "/")
    page.click("#js")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert not [url for url in page.requests_seen if "evil.invalid" in url]
    blocked = " ".join(page.evaluate("window.__csp"))
    assert "base-uri" in blocked and "script-src" in blocked
    # The scripts still came from the site itself, so search is there.
    assert page.evaluate("typeof __md_get") == "function"
