"""Options of the `keepopen` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class KeepOpenConfig(base.Config):
    #: `.bib` files or folders of them, relative to `mkdocs.yml`.
    bibliography = c.ListOfItems(c.Type(str), default=["references/"])
    #: In-text citation style: `author-year` (default) or `numeric`.
    style = c.Choice(("author-year", "numeric"), default="author-year")
    #: Run `keepopen check` during the build (errors fail `--strict`).
    check = c.Type(bool, default=False)
    #: Order of the automatic navigation: `docs/`-relative path prefixes, first listed first.
    nav_order = c.ListOfItems(c.Type(str), default=[])
    #: Path prefixes left out of the navigation (still built; linked from other pages).
    nav_exclude = c.ListOfItems(c.Type(str), default=[])
    #: Folder of the forum profiles (`forums/<id>.yml`), relative to `mkdocs.yml`.
    forums = c.Type(str, default="forums")
    #: Folder of the controlled vocabularies (`themes.yml`, `models.yml`), relative to `mkdocs.yml`.
    taxonomies = c.Type(str, default="taxonomies")
    #: Where parsed `.bib` files and citation scans are cached (git-ignored), relative to
    #: `mkdocs.yml`.
    cache_dir = c.Type(str, default=".cache/keepopen")
