"""On the built site: every draft says so in its article, and the footer's Previous/Next lead
where the sidebar does."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from keepopen.content.frontmatter import split_front_matter

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_SIDEBAR = re.compile(
    r'class="md-sidebar md-sidebar--primary"(.*?)class="md-sidebar md-sidebar--sec', re.S
)
_NAV_LINK = re.compile(r'<a href="([^"#][^"]*)"[^>]*class="md-nav__link')
_NEXT = re.compile(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"')
_PREVIOUS = re.compile(r'<a href="([^"]*)" class="md-footer__link md-footer__link--prev"')


def _html_of(built_site: Path, url: str) -> str:
    return (built_site / url / "index.html").read_text(encoding="utf-8")


def _sidebar_links(built_site: Path, url: str) -> list[str]:
    """Site-relative URLs the sidebar of the page at `url` links, in its order."""
    sidebar = _SIDEBAR.search(_html_of(built_site, url)).group(1)
    base = "http://site/" + url
    urls = [urljoin(base, href).removeprefix("http://site/") for href in _NAV_LINK.findall(sidebar)]
    return list(dict.fromkeys(urls))


def _sidebar_order(built_site: Path) -> list[str]:
    """Site-relative URLs of the pages, in the order the sidebar lists them.

    `navigation.prune` renders only what a reader can see: a folded section is a link to its
    first page, whose own sidebar lists the rest. Each page's sidebar adds the pages it shows
    after the one before them.
    """
    order = _sidebar_links(built_site, "")
    position = 0
    while position < len(order):
        links = _sidebar_links(built_site, order[position])
        for before, url in zip([None, *links[:-1]], links, strict=True):
            if url not in order:
                order.insert(order.index(before) + 1 if before in order else len(order), url)
        position += 1
    return order


def test_footer_next_and_previous_follow_the_sidebar(built_site: Path) -> None:
    order = _sidebar_order(built_site)
    assert len(order) > 20 and order[0] == ""
    wrong = []
    for position, url in enumerate(order):
        html = _html_of(built_site, url)
        base = "http://site/" + url
        found_next = _NEXT.search(html)
        found_prev = _PREVIOUS.search(html)
        next_url = (
            urljoin(base, found_next.group(1)).removeprefix("http://site/") if found_next else None
        )
        prev_url = (
            urljoin(base, found_prev.group(1)).removeprefix("http://site/") if found_prev else None
        )
        expected_next = order[position + 1] if position + 1 < len(order) else None
        expected_prev = order[position - 1] if position else None
        if (next_url, prev_url) != (expected_next, expected_prev):
            wrong.append(
                f"/{url}: next {next_url} (sidebar {expected_next}), "
                f"previous {prev_url} (sidebar {expected_prev})"
            )
    assert not wrong, "\n".join(wrong)


def _draft_pages() -> list[str]:
    drafts = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        if parts and re.search(r"^review:\s*draft\s*$", parts[0], re.M):
            drafts.append(path.relative_to(ROOT / "docs").with_suffix("").as_posix())
    return drafts


def test_every_draft_says_draft_in_its_article(built_site: Path) -> None:
    drafts = _draft_pages()
    assert len(drafts) > 10
    silent = []
    for src in drafts:
        url = "" if src == "index" else src.removesuffix("/index").removesuffix("index") + "/"
        article = _ARTICLE.search(_html_of(built_site, url)).group(1)
        if "draft" not in re.sub(r"<[^>]+>", " ", article).lower():
            silent.append(url)
    assert not silent, f"drafts that do not say so: {silent}"
