"""Building the site with an engine that runs no MkDocs plugin (Zensical).

What the `keepopen` MkDocs plugin does through plugin events is done here through what every
engine runs: the Python-Markdown extension (`pages`, called by `keepopen.citations`) and a
post-build step over the built site (`finish`, run by `keepopen site finish`). Both read the
library through one cached `context.LibraryContext`.
"""
