"""Keep Open."""
