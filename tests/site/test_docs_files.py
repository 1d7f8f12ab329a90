"""What MkDocs would publish without reading it: links out of the library, other Markdown
suffixes, raw HTML or SVG. The plugin refuses or leaves them out even without `check: true`."""

from __future__ import annotations

import time
from pathlib import Path

from tests.citepage.conftest import make_library
from tests.conftest import build_site


def test_a_link_to_the_root_folder_stops_the_build_at_once(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    (lib / "docs" / "assets" / "root").symlink_to("/")
    (lib / "docs" / "assets" / "hostname.txt").symlink_to("/etc/hostname")
    started = time.monotonic()
    result = build_site(lib / "mkdocs.yml", lib / "site")
    assert time.monotonic() - started < 60
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "docs/assets/root:0:0: SEC011 is a link to `/`" in result.stderr
    assert "docs/assets/hostname.txt:0:0: SEC011" in result.stderr
    assert not (lib / "site" / "assets" / "hostname.txt").exists()


def test_unchecked_pages_and_raw_html_stay_out_of_the_site(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    (lib / "docs" / "notice.markdown").write_text(
        "---\ntype: page\nid: notice\ntitle: Notice\n---\n\n# Notice\n\n"
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
        encoding="utf-8",
    )
    (lib / "docs" / "assets" / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8"
    )
    (lib / "mkdocs.yml").write_text(
        (lib / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false"),
        encoding="utf-8",
    )
    # Not strict: even a build that goes on despite warnings publishes neither file.
    result = build_site(lib / "mkdocs.yml", lib / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert (lib / "site" / "index.html").exists()
    assert "docs/notice.markdown is left out of the site" in result.stderr
    assert not (lib / "site" / "notice").exists()
    assert not (lib / "site" / "assets" / "evil.svg").exists()
