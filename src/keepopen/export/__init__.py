"""Exports of the library: the open-data package (`data`) and forum submissions (`submission`)."""
