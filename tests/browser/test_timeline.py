"""The timeline in headless Chromium: the filter narrows it by kind and by model where scripts
run, and on a phone neither the timeline nor the Evidence overview's matrix leaves content
off-screen without a cue."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

_VISIBLE = ".keepopen-timeline__event:not([hidden])"


def test_filter_by_kind_and_model(page, site_url: str) -> None:
    page.goto(f"{site_url}/evidence/timeline/", wait_until="load")
    every = page.locator(".keepopen-timeline__event").count()
    assert every >= 28
    status = page.locator(".keepopen-timeline-filter__status")
    assert status.inner_text() == f"Showing all {every} events."
    page.select_option("#keepopen-timeline-kind", "retirement")
    kinds = page.eval_on_selector_all(_VISIBLE, "els => els.map(e => e.dataset.kind)")
    assert kinds and set(kinds) == {"retirement"} and len(kinds) < every
    assert status.inner_text() == f"Showing {len(kinds)} of {every} events."
    page.select_option("#keepopen-timeline-model", "o3")
    models = page.eval_on_selector_all(_VISIBLE, "els => els.map(e => e.dataset.models)")
    assert models and all("o3" in m.split() for m in models)
    # A year with nothing left to show disappears with its heading.
    assert page.locator("#year-2020").is_hidden()
    page.select_option("#keepopen-timeline-kind", "")
    page.select_option("#keepopen-timeline-model", "")
    assert page.locator(_VISIBLE).count() == every
    assert not page.requests_seen or all(r.startswith(site_url) for r in page.requests_seen)


def test_without_javascript_every_event_shows_and_no_dead_control(browser, site_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/evidence/timeline/", wait_until="load")
        assert page.locator(".keepopen-timeline__event").count() >= 28
        assert page.locator(".keepopen-timeline__event:visible").count() >= 28
        assert page.locator("select").count() == 0
        assert page.locator(".keepopen-timeline-filter").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize(
    "path", ["evidence/timeline/", "evidence/", "evidence/themes/", "evidence/fact-check/"]
)
def test_on_a_phone_nothing_runs_off_screen_unannounced(browser, site_url, path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{path}", wait_until="load")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 390, f"/{path} is {page_width}px wide on a 390px screen"
        # A table wider than the screen scrolls inside Material's frame, which shows a shadow.
        wide = page.eval_on_selector_all(
            "article table",
            "els => els.filter(t => t.scrollWidth > t.closest('.md-typeset__scrollwrap, article')"
            ".clientWidth).map(t => !!t.closest('.md-typeset__scrollwrap'))",
        )
        assert all(wide), f"/{path}: a wide table is not in a scrolling frame"
    finally:
        context.close()
