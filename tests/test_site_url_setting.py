"""`site_url` comes from one setting: `SITE_URL` when set (publishing), else mkdocs.yml's default.

MkDocs and `keepopen.settings` (what every engine and command reads) must agree on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from keepopen.settings import LibrarySettings, load_mkdocs_yml

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = "https://keepopen.example.org/"


@pytest.mark.parametrize("value", [None, "https://coalition.example.net/keep-open/"])
def test_mkdocs_and_keepopen_read_the_same_site_url(monkeypatch, value) -> None:
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    expected = value or PLACEHOLDER
    assert load_mkdocs_yml(ROOT / "mkdocs.yml")["site_url"] == expected
    assert load_mkdocs_yml(ROOT / "zensical.yml")["site_url"] == expected
    assert LibrarySettings.from_mkdocs_yml(ROOT).site.url == expected
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == expected


def test_env_tag_forms(tmp_path, monkeypatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "a: !ENV [NOT_SET_1, NOT_SET_2, fallback]\nb: !ENV ONLY_NAME\nc: !ENV [NUMBER, 1]\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("NOT_SET_1", raising=False)
    monkeypatch.delenv("NOT_SET_2", raising=False)
    monkeypatch.delenv("ONLY_NAME", raising=False)
    monkeypatch.setenv("NUMBER", "42")
    assert load_mkdocs_yml(config) == {"a": "fallback", "b": None, "c": 42}
