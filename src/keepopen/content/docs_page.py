"""The contributor page `docs/contribute/content-model.md`, generated from the content model.

Every field of every page type (name, type, required, allowed values, description), the
vocabularies and the check rules. Regenerate with `keepopen schema --write`; a test fails when
the committed page and the model disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from keepopen.content.choices import CITATION_KEY_PATTERN, ID_PATTERN, MODEL_ID_PATTERN
from keepopen.content.model import PAGE_TYPES
from keepopen.content.schema import schema_file
from keepopen.rules import FAMILIES, all_rules

__all__ = ["DOCS_PAGE", "render_docs_page"]

DOCS_PAGE = "docs/contribute/content-model.md"

_WHERE = {
    "testimony": "`docs/testimony/<id>.md`",
    "argument": "`docs/arguments/<id>.md`",
    "event": "`docs/evidence/events/<id>.md` (id like `2024-05-13-gpt-4o-release`)",
    "submission": "`docs/submissions/<id>.md`",
    "page": "any other page (an `index.md` takes its folder's name as id; the home page `home`)",
}
_PATTERNS = {
    ID_PATTERN: "id (lower-case letters, digits, hyphens)",
    CITATION_KEY_PATTERN: "reference key",
    MODEL_ID_PATTERN: "model id",
}
_VOCAB_FIELDS = {"themes": "taxonomies/themes.yml", "models": "taxonomies/models.yml"}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _describe(prop: dict[str, Any]) -> tuple[str, str, str | None]:
    """`(type, allowed values, nested model name)` of one JSON Schema property."""
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    if options:
        prop = {**options[0], **{k: v for k, v in prop.items() if k != "anyOf"}}
    if "$ref" in prop:
        return "mapping", "", prop["$ref"].rsplit("/", 1)[-1]
    kind = str(prop.get("type") or "")
    if kind == "array":
        inner, allowed, ref = _describe(prop.get("items", {}))
        least = f", at least {prop['minItems']}" if prop.get("minItems") else ""
        return f"list of {inner}{least}", allowed, ref
    if "const" in prop:
        return "text", f"`{prop['const']}`", None
    if "enum" in prop:
        return "text", ", ".join(f"`{v}`" for v in prop["enum"]), None
    if kind == "object":
        return "mapping of field id to text or list of text", "", None
    if prop.get("format") == "date":
        return "date", "`YYYY-MM-DD`", None
    pattern = prop.get("pattern")
    if pattern in _PATTERNS:
        return _PATTERNS[pattern], "", None
    if pattern and pattern.startswith("^[a-z]{2,3}"):
        return "language code", "`en`, `fr`, `pt-BR`, ...", None
    if pattern and pattern.startswith(r"^\d{4}"):
        return "partial date", "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`", None
    if pattern:
        return "text", f"matching `{pattern}`", None
    return {"string": "text", "number": "number", "boolean": "yes/no"}.get(kind, "text"), "", None


def _rows(schema: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> list[str]:
    rows: list[str] = []
    required = set(schema.get("required", []))
    props = schema.get("properties", {})
    # `type` first, as pages write it.
    for name in sorted(props, key=lambda n: n != "type"):
        prop = props[name]
        kind, allowed, ref = _describe(prop)
        if name in _VOCAB_FIELDS:
            allowed = f"ids from `{_VOCAB_FIELDS[name]}` (below)"
        need = "yes" if name in required else "no"
        if "default" in prop and prop["default"] not in (None, [], {}):
            need += f" (default `{prop['default']}`)"
        desc = prop.get("description") or (defs[ref].get("description", "") if ref else "")
        rows.append(
            f"| `{prefix}{name}` | {_cell(kind)} | {need} | {_cell(allowed)} | {_cell(desc)} |"
        )
        if ref is not None:
            sub = defs[ref]
            suffix = "[]." if kind.startswith("list") else "."
            rows += _rows(sub, defs, f"{prefix}{name}{suffix}")
    return rows


def _vocab_table(root: Path, name: str, columns: tuple[str, ...]) -> list[str]:
    import yaml

    path = root / "taxonomies" / f"{name}.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    lines = ["| " + " | ".join(c.capitalize() for c in columns) + " |", "|" + "---|" * len(columns)]
    for entry in entries or []:
        lines.append(
            "| "
            + " | ".join(
                (f"`{entry.get(c, '')}`" if c == "id" else _cell(str(entry.get(c, ""))))
                for c in columns
            )
            + " |"
        )
    return lines


def _rule_tables() -> list[str]:
    """One table per code family (`keepopen.rules.FAMILIES`), each after its sentence."""
    out: list[str] = []
    for family, about in FAMILIES.items():
        out += [
            f"### `{family}` codes",
            "",
            about,
            "",
            "| Code | Severity | Meaning |",
            "|---|---|---|",
            *[
                f"| `{r.code}` | {r.severity.value} | {_cell(r.summary)} |"
                for r in all_rules()
                if r.family == family
            ],
            "",
        ]
    return out


def render_docs_page(root: Path) -> str:
    """The full Markdown of the content-model page."""
    out = [
        "---",
        "type: page",
        "id: content-model",
        "title: Content model",
        "description: Every field of every page type, the vocabularies, and the check rules.",
        "---",
        "",
        "<!-- Generated by `keepopen schema --write` from src/keepopen/content/model.py and "
        "taxonomies/. Edit those, not this page. -->",
        "",
        "# Content model",
        "",
        "Every page under `docs/` starts with front matter: YAML lines between two `---` lines. "
        "`type` says which kind of page it is, and `id` is its stable name, equal to the file "
        "name without `.md`. This page lists every field of every type. It is generated from "
        "the content model, so it is always current.",
        "",
        "- Start a new page with `keepopen new testimony`, `keepopen new argument` or "
        "`keepopen new event`: it asks its questions and writes a valid file. Replace every "
        "`TODO` it leaves.",
        "- Run `keepopen check` (or `make check`) before you open a pull request. Each problem "
        "is printed as `path:line:col: CODE message (fix: ...)`.",
        "- Editors that understand JSON Schema (VS Code with the YAML extension) can "
        "autocomplete fields from the files in `schemas/`; the templates start their front "
        "matter with a `# yaml-language-server: $schema=...` line for that.",
        "",
        "Dates are written `YYYY-MM-DD`. Lists can be written `[a, b]` or one `- item` per "
        "line. Text with a `:` or `#` in it needs quotes.",
        "",
    ]
    for name, model in PAGE_TYPES.items():
        schema = model.model_json_schema()
        defs = schema.get("$defs", {})
        out += [
            f"## {name}",
            "",
            " ".join((model.__doc__ or "").split()),
            "",
            f"Where: {_WHERE[name]}. Schema: `schemas/{schema_file(name)}`.",
            "",
            "| Field | Type | Required | Allowed values | Description |",
            "|---|---|---|---|---|",
            *_rows(schema, defs),
            "",
        ]
    out += [
        "## References",
        "",
        "References live in `.bib` files under `references/`. Each entry needs a `url` or a "
        "`doi`; `urldate` only when the page was actually seen; `verification` is `primary` "
        "(the original was read), `secondary` (a report about it was read) or `unverified`; "
        "`note` says where it was checked. Pages cite them as `[@key]`, `[@a; @b]`, "
        "`[see @key, p. 3]` or `@key` in running text.",
        "",
        "## Themes",
        "",
        "Add a theme to `taxonomies/themes.yml` (with a one-line definition) before you use it.",
        "",
        *_vocab_table(root, "themes", ("id", "label", "definition")),
        "",
        "## Models",
        "",
        *_vocab_table(root, "models", ("id", "label", "provider")),
        "",
        "## Check rules",
        "",
        "Errors make `keepopen check` exit with 1 and fail `mkdocs build --strict`. Warnings "
        "are printed but fail only with `keepopen check --strict`. Submission (`SUB`) and "
        "forum-profile (`FRM`) errors stop `keepopen export` instead.",
        "",
        *_rule_tables(),
    ]
    return "\n".join(out)
