"""The sidebar is rendered once for the pages not in it, and is the same as rendered each time."""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import DictLoader, Environment

from keepopen.mkdocs_plugin.nav_cache import NavCache

# A stand-in for Material's partial: it reads what the real one reads (links relative to the
# page, the current page, open sections).
NAV = (
    "{% for item in nav.items %}[{{ item.url | rel(page) }}"
    "{{ ' current' if item == page }}{{ ' open' if item.active }}]{% endfor %}"
)


@dataclass(eq=False)
class Item:
    url: str
    active: bool = False
    children: list = field(default_factory=list)


@dataclass
class Nav:
    items: list


def _env() -> Environment:
    env = Environment(
        loader=DictLoader(
            {"partials/nav.html": NAV, "page.html": "{% include 'partials/nav.html' %}"}
        )
    )
    depth = lambda page: page.url.count("/")  # noqa: E731
    env.filters["rel"] = lambda url, page: "../" * depth(page) + url
    return env


def test_pages_outside_the_sidebar_share_one_rendering_that_matches_the_theme() -> None:
    section = Item("testimony/")
    nav = Nav([Item("arguments/"), section])
    plain, cached = _env(), _env()
    cache = NavCache()
    cache.install(cached)
    entries = [Item(f"testimony/entry-{i}/") for i in range(5)]
    for entry in entries:
        section.active = True  # MkDocs opens the section of the page it renders
        html = cached.get_template("page.html").render(page=entry, nav=nav, base_url="../..")
        assert html == plain.get_template("page.html").render(page=entry, nav=nav, base_url="../..")
    assert cache.rendered == 1
    listed = nav.items[0]
    html = cached.get_template("page.html").render(page=listed, nav=nav, base_url="..")
    assert "current" in html and cache.rendered == 2  # a page in the sidebar: its own HTML
    deeper = Item("testimony/period/2025/")
    html = cached.get_template("page.html").render(page=deeper, nav=nav, base_url="../../..")
    assert html.startswith("[../../../arguments/") and cache.rendered == 3  # another folder


def test_a_page_starting_a_sidebar_link_is_rendered_on_its_own() -> None:
    nav = Nav([Item("arguments/one/"), Item("testimony/")])
    cache = NavCache()
    env = _env()
    cache.install(env)
    parent = Item("arguments/")  # not in the sidebar, but the folder of a link in it
    env.get_template("page.html").render(page=parent, nav=nav, base_url="..")
    env.get_template("page.html").render(page=parent, nav=nav, base_url="..")
    assert cache.rendered == 2 and cache.html == {}
    other = Nav([Item("arguments/")])  # the next build's navigation is read afresh
    entry = Item("testimony/entry/")
    env.get_template("page.html").render(page=entry, nav=other, base_url="../..")
    env.get_template("page.html").render(page=entry, nav=other, base_url="../..")
    assert cache.rendered == 3 and len(cache.html) == 1
