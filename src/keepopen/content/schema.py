"""JSON Schemas generated from the content model, for editors' autocompletion.

One schema per page type (`schemas/<type>.schema.json`) and one for any page
(`schemas/front-matter.schema.json`, chosen by `type`). The theme and model ids of
`taxonomies/` are written in as `enum`s so editors can offer them; regenerate with
`keepopen schema --write` after changing the model or a vocabulary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from keepopen.content.model import PAGE_TYPES
from keepopen.content.vocab import load_vocabulary

__all__ = ["COMBINED", "SCHEMA_DIR", "generate_schemas", "schema_file"]

SCHEMA_DIR = "schemas"
COMBINED = "front-matter"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_file(page_type: str) -> str:
    """File name of the schema for `page_type` (or `COMBINED`)."""
    return f"{page_type}.schema.json"


def _with_vocabularies(schema: dict[str, Any], vocab: dict[str, list[str]]) -> None:
    """Add `enum`s of known ids to every `themes`/`models` list, wherever it is defined."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        for name, ids in vocab.items():
            prop = node.get("properties", {}).get(name)
            if prop and prop.get("type") == "array" and ids:
                prop["items"] = {**prop["items"], "enum": ids}


def _finish(
    schema: dict[str, Any], name: str, title: str, description: str, vocab: dict[str, list[str]]
) -> dict[str, Any]:
    _with_vocabularies(schema, vocab)
    head = {"$schema": _DRAFT, "$id": schema_file(name), "title": title, "description": description}
    schema.pop("title", None)
    schema.pop("description", None)
    return {**head, **schema}


def generate_schemas(root: Path) -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every page type and the combined front matter."""
    vocab = {
        "themes": load_vocabulary(root / "taxonomies" / "themes.yml", "themes").ids,
        "models": load_vocabulary(root / "taxonomies" / "models.yml", "models").ids,
    }
    out: dict[str, dict[str, Any]] = {}
    for name, model in PAGE_TYPES.items():
        doc = " ".join((model.__doc__ or "").split())
        out[schema_file(name)] = _finish(
            model.model_json_schema(), name, f"Keep Open {name} front matter", doc, vocab
        )
    # A union built at run time from the registry: a value for pydantic, not a static type.
    union: Any = Annotated[Union[tuple(PAGE_TYPES.values())], Field(discriminator="type")]  # noqa: UP007
    out[schema_file(COMBINED)] = _finish(
        TypeAdapter(union).json_schema(),
        COMBINED,
        "Keep Open page front matter",
        "Front matter of any page under docs/; `type` selects the page type.",
        vocab,
    )
    return out


def render(schema: dict[str, Any]) -> str:
    """Stable text of a schema file (sorted nowhere: pydantic's field order is the docs order)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
