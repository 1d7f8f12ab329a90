"""Content model: page types, front matter, the library scan."""
