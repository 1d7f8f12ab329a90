"""Shared fixtures: the real site built once per run, served on 127.0.0.1, and a browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = os.environ.get("KEEPOPEN_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The two banners every MkDocs build prints (README, "Build banners"): ProperDocs' MkDocs 2.0
# notice reads the first variable, Material's end-of-life notice the second.
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(
    config: Path, site_dir: Path, *, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in a subprocess, exactly as contributors and CI do."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *(["--strict"] if strict else []),
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real library, built strictly once for the whole test run."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = (
        f"Chromium not found at {CHROMIUM}. Install it with `sudo apt-get install -y chromium` "
        "(or set KEEPOPEN_CHROMIUM to its path)."
    )
    if IN_CI:
        pytest.fail(f"CI=true and the browser is missing: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (Playwright's own download does not work here)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page that records every request it makes."""
    context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.requests_seen = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests_seen.append(request.url))
    try:
        yield page
    finally:
        context.close()
