"""The project's issue forms, read from `.github/ISSUE_TEMPLATE/<kind>.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keepopen.content.safe_yaml import load_yaml
from keepopen.content.textfile import read_text

__all__ = ["FORMS_DIR", "Form", "FormField", "load_form"]

FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"


@dataclass(frozen=True)
class FormField:
    """One question of a form. `options` are a dropdown's choices or a checkbox list's labels."""

    id: str
    label: str
    type: str  # input | textarea | dropdown | checkboxes
    options: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Form:
    kind: str
    title_prefix: str
    fields: tuple[FormField, ...]

    def field(self, field_id: str) -> FormField:
        return next(f for f in self.fields if f.id == field_id)


def load_form(root: Path, kind: str) -> Form:
    """The form `kind` (`testimony`, `argument`, ...) of the library at `root`.

    `markdown` blocks ask nothing and are left out; a question without an id or label raises
    `ValueError` (GitHub would refuse the form too).
    """
    data = load_yaml(read_text(root / FORMS_DIR / f"{kind}.yml"))
    fields = []
    for item in data.get("body") or []:
        if item.get("type") == "markdown":
            continue
        attributes = item.get("attributes") or {}
        if not item.get("id") or not attributes.get("label"):
            raise ValueError(f"{kind} form: every question needs an id and a label")
        raw = attributes.get("options") or ()
        options = tuple(o["label"] if isinstance(o, dict) else str(o) for o in raw)
        required = bool((item.get("validations") or {}).get("required"))
        fields.append(FormField(item["id"], attributes["label"], item["type"], options, required))
    return Form(kind, str(data.get("title") or "").strip(), tuple(fields))
