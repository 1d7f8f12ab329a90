"""Issue forms to draft entries: the project's own form definitions
(`.github/ISSUE_TEMPLATE/*.yml`, `definition`), an issue body as GitHub renders a form (`body`),
and the draft page's answers made from it (`draft`)."""
