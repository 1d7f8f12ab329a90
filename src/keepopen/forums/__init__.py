"""Forum profiles (`forums/*.yml`): loading, validation, and checking submission fields."""

from __future__ import annotations

from keepopen.forums.profile import (
    FieldSpec,
    ForumProfile,
    ProfileError,
    Rule,
    fields_json_schema,
    find_profile,
    load_profile,
    profile_json_schema,
)
from keepopen.forums.validate import validate_fields

__all__ = [
    "FieldSpec",
    "ForumProfile",
    "ProfileError",
    "Rule",
    "fields_json_schema",
    "find_profile",
    "load_profile",
    "profile_json_schema",
    "validate_fields",
]
