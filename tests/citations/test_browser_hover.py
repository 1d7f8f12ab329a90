"""In a real browser, a citation carries its full reference as plain text (the browser's own
tooltip) and a click reaches it; Material's HTML tooltips stay off (they render titles as HTML)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator

import pytest
from tests.conftest import FIXTURES, build_site

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def basic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("hover") / "site-src"
    shutil.copytree(FIXTURES / "sites" / "citations-basic", project)
    result = build_site(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_Quiet, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_hover_shows_the_reference_and_click_reaches_it(basic_url: str, page) -> None:
    page.goto(f"{basic_url}/second/")
    link = page.locator('a.citation-ref[href="#ref-smith2020"]').first
    assert "Smith, John, and Ann Jones. 2020." in (link.get_attribute("title") or "")
    link.hover()
    page.wait_for_timeout(300)
    assert page.locator(".md-tooltip2").count() == 0  # no title is turned into HTML
    link.click()
    assert page.url.endswith("#ref-smith2020")
    assert page.locator("#ref-smith2020").is_visible()
    assert all(url.startswith(basic_url) for url in page.requests_seen)  # type: ignore[attr-defined]
