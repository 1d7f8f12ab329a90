"""Forum profiles: what a forum accepts, as data in `forums/<id>.yml`.

A profile lists the fields a forum asks for (with length limits and allowed values), the
formats it accepts, its page, word and character limits, its citation style and its layout.
Every rule says where it comes from (`source`: a reference key or a URL) and whether it is an
`assumption` still to be confirmed, so nobody mistakes a guess for the forum's real rule.
Adding a forum means adding a file; no code changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keepopen.content.safe_yaml import YamlLimitError
from keepopen.content.textfile import NotUtf8Error, UnreadableFileError, read_text, unreadable
from keepopen.content.yaml_positions import load_yaml_with_positions
from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = [
    "FieldSpec",
    "ForumProfile",
    "Layout",
    "Limits",
    "ProfileError",
    "Addressee",
    "Brief",
    "Rule",
    "SCHEMA_FILE",
    "fields_json_schema",
    "find_profile",
    "load_profile",
    "profile_json_schema",
]

#: The profile schema's file under `schemas/` (written by `keepopen schema --write`).
SCHEMA_FILE = "forum-profile.schema.json"

T = TypeVar("T")
Format = Literal["docx", "md", "json", "pdf"]


class _Strict(BaseModel):
    # Unknown keys in a profile are usually typos; reject them with the key's name.
    model_config = ConfigDict(extra="forbid")


class Rule(_Strict, Generic[T]):
    """One rule of a forum with its provenance."""

    value: T = Field(description="The rule's value.")
    source: str = Field(
        min_length=1,
        description="Where the rule comes from: a reference key in `references/` or a URL. "
        "Write `assumption` reasons in `note`.",
    )
    assumption: bool = Field(
        description="`true` when the rule was not found in the forum's own documents and must "
        "be confirmed before relying on it."
    )
    note: str | None = Field(None, description="What to confirm, or why the rule was chosen.")


class FieldSpec(_Strict):
    """One field of the forum's form."""

    id: str = Field(
        pattern=r"^[a-z0-9_]+$",
        description="The key used in a submission page's `fields:` and in `submission.json`.",
    )
    label: str = Field(min_length=1, description="The field's label as the form shows it.")
    kind: Literal["text", "choice", "choices"] = Field(
        "text",
        description="`text` (free text), `choice` (one allowed value) or `choices` "
        "(a list of allowed values).",
    )
    required: Rule[bool]
    max_length: Rule[int] | None = Field(
        None, description="Most characters allowed (for `choices`, per item)."
    )
    max_items: Rule[int] | None = Field(None, description="Most items for `choices`.")
    allowed: Rule[list[str]] | None = Field(
        None, description="Allowed values for `choice` and `choices`."
    )
    help: str | None = Field(None, description="What to write, for contributors.")


class Limits(_Strict):
    """Size limits of the whole submission; `null` means no limit."""

    pages: Rule[int | None] = Field(
        description="Most pages of `submission.docx` (estimated "
        "deterministically, title page included)."
    )
    words: Rule[int | None] = Field(description="Most words of `submission.md`.")
    characters: Rule[int | None] = Field(description="Most characters of `submission.md`.")
    counts_notes: Rule[bool | None] = Field(
        description="Whether footnotes and the list of sources count towards the limit "
        "(`null` when the forum does not say)."
    )


class Layout(_Strict):
    """Page layout used for the DOCX/PDF and for the page estimate."""

    page_size: Literal["A4", "Letter"] = "A4"
    margin_cm: float = Field(2.5, gt=0, lt=6)
    font: str = "Times New Roman"
    font_size_pt: float = Field(12, ge=8, le=16)
    line_spacing: float = Field(1.15, ge=1, le=3)
    justified: bool = False
    title_page: bool = True
    numbered_paragraphs: Rule[bool]
    page_numbers: bool = True
    source: str = Field(min_length=1, description="Where the layout comes from.")
    assumption: bool = True


class Addressee(_Strict):
    """Whom the brief's policy asks are written to."""

    intro: str = Field(
        min_length=1,
        description="The sentence that opens the asks; `{field_id}` is replaced by that field's "
        "value, e.g. `We recommend that the Government of {country_under_review}:`.",
    )
    source: str = Field(min_length=1, description="Where the addressee comes from.")
    assumption: bool


class Brief(_Strict):
    """How `keepopen export brief` condenses argument pages for this forum."""

    budget_words: int | None = Field(
        None,
        gt=0,
        description="Words the condensed brief may use (when the forum sets pages, the words "
        "that fit them with room to spare). `null`: the forum's word limit, if any.",
    )
    addressee: Addressee | None = Field(
        None, description="Whom the policy asks address (e.g. the State under review)."
    )
    follow_up_field: str | None = Field(
        None,
        description="A field whose value (earlier recommendations) is printed as a "
        "follow-up section before the new asks.",
    )
    paste_fields: bool = Field(
        False,
        description="Write `fields.md`: each field's text ready to paste into the forum's form, "
        "with its character count and limit.",
    )


class ForumProfile(_Strict):
    """A forum: its fields, accepted formats, limits, citation style and layout."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="Equals the file name.")
    label: str = Field(min_length=1)
    url: str | None = Field(None, description="Where the forum takes submissions, if known.")
    status: str = Field(
        min_length=1,
        description="One line on how far the profile is confirmed, shown in every export.",
    )
    checked: dt.date = Field(
        description="When the profile's facts were last checked against the forum's documents."
    )
    channel: Rule[Literal["online-system", "e-mail", "form", "upload"]] = Field(
        description="How the forum takes submissions: its `online-system`, `e-mail`, a web "
        "`form` to fill in, or a file `upload`."
    )
    formats: Rule[list[Format]] = Field(
        description="Formats the forum accepts. `pdf` makes the export write `submission.pdf`."
    )
    limits: Limits
    citation_style: Rule[Literal["footnotes", "numeric", "author-date"]] = Field(
        description="`footnotes` (numbered notes at the foot of the page, as OHCHR documents "
        "use), `numeric` (`[1]` and a list) or `author-date`."
    )
    layout: Layout
    fields: list[FieldSpec] = Field(default_factory=list)
    brief: Brief = Field(default_factory=lambda: Brief.model_validate({}))
    unconfirmed: list[str] = Field(
        default_factory=list,
        description="What was looked for and not confirmed, each with the address where it "
        "should be checked; shown in every export's record.",
    )

    def field(self, field_id: str) -> FieldSpec | None:
        """The field with this id, if the profile has one."""
        return next((f for f in self.fields if f.id == field_id), None)

    def wants_pdf(self) -> bool:
        return "pdf" in self.formats.value

    def assumptions(self) -> list[str]:
        """Every rule still to be confirmed, as `where: note` lines (for reports)."""
        out: list[str] = []

        def visit(where: str, obj: Any) -> None:
            if isinstance(obj, Rule) and obj.assumption:
                out.append(f"{where}: {obj.note or 'confirm with the forum'}")
            elif isinstance(obj, BaseModel):
                for name in type(obj).model_fields:
                    visit(f"{where}.{name}" if where else name, getattr(obj, name))
            elif isinstance(obj, list):
                for item in obj:
                    key = getattr(item, "id", None)
                    visit(f"{where}[{key}]", item)

        visit("", self)
        return out + [f"unconfirmed: {item}" for item in self.unconfirmed]


class ProfileError(Exception):
    """A profile that cannot be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def find_profile(name: str, forums_dir: Path) -> Path:
    """The file of forum `name` (`forums/<name>.yml` or `.yaml`)."""
    for suffix in (".yml", ".yaml"):
        path = forums_dir / f"{name}{suffix}"
        if path.is_file():
            return path
    known = sorted(p.stem for p in forums_dir.glob("*.y*ml")) if forums_dir.is_dir() else []
    raise ProfileError(
        [
            Diagnostic(
                str(forums_dir / f"{name}.yml"),
                0,
                0,
                "FRM001",
                f"no forum profile named '{name}'",
                f"use one of: {', '.join(known) or '(none found)'}, or add forums/{name}.yml",
            )
        ]
    )


def load_profile(path: Path) -> ForumProfile:
    """Read and validate one profile; raise `ProfileError` with one diagnostic per problem."""
    try:
        data, positions = load_yaml_with_positions(read_text(path))
    except (NotUtf8Error, UnreadableFileError) as exc:
        raise ProfileError([unreadable(exc, str(path))]) from None
    except YamlLimitError as exc:
        raise ProfileError(
            [make(exc.code, str(path), exc.line, exc.col, exc.message, exc.fix)]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProfileError(
            [
                Diagnostic(
                    str(path), line, col, "FRM002", f"not valid YAML: {exc}", "fix the YAML syntax"
                )
            ]
        ) from exc
    try:
        profile = ForumProfile.model_validate(data)
    except ValidationError as exc:
        diagnostics = []
        for err in exc.errors():
            # A wrong value is shown at the value; a missing key at its parent key, the nearest
            # one written; an unknown key at itself.
            at_key = err["type"] in ("missing", "extra_forbidden")
            pos = positions.where(err["loc"], value=not at_key)
            diagnostics.append(
                Diagnostic(
                    str(path),
                    pos.line,
                    pos.col,
                    "FRM003",
                    f"{'.'.join(str(p) for p in err['loc']) or 'profile'}: {err['msg']}",
                    f"see schemas/{SCHEMA_FILE}",
                )
            )
        raise ProfileError(diagnostics) from exc
    if profile.id != path.stem:
        pos = positions.where(("id",), value=True)
        raise ProfileError(
            [
                Diagnostic(
                    str(path),
                    pos.line,
                    pos.col,
                    "FRM004",
                    f"id '{profile.id}' differs from the file name",
                    f"set `id: {path.stem}`",
                )
            ]
        )
    return profile


def profile_json_schema() -> dict[str, Any]:
    """The JSON Schema of a profile file (written to `schemas/SCHEMA_FILE`)."""
    schema = ForumProfile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Keep Open forum profile"
    return schema


def fields_json_schema(profile: ForumProfile) -> dict[str, Any]:
    """A JSON Schema for the `fields` object of `submission.json` under this profile."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in profile.fields:
        item: dict[str, Any] = {"type": "string", "minLength": 1}
        if spec.max_length:
            item["maxLength"] = spec.max_length.value
        if spec.allowed:
            item["enum"] = list(spec.allowed.value)
        if spec.kind == "choices":
            prop: dict[str, Any] = {"type": "array", "items": item, "minItems": 1}
            if spec.max_items:
                prop["maxItems"] = spec.max_items.value
        else:
            prop = item
        prop["title"] = spec.label
        properties[spec.id] = prop
        if spec.required.value:
            required.append(spec.id)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Fields of a {profile.label} submission",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
