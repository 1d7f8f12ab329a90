"""The thin MkDocs adapter: wires the pure core into a build. No logic of its own lives here."""
