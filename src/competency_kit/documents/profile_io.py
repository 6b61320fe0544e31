"""Reading a local profile (``--profile FILE``): YAML or JSON, every problem with its line."""

from __future__ import annotations

from pathlib import Path

from competency_kit.core.errors import InputError
from competency_kit.documents.sources import load_document
from competency_kit.documents.validation import top_level_mapping, validate_document
from competency_kit.models.profile import LocalProfile


def load_profile(path: str | Path) -> LocalProfile:
    """Read a local profile (YAML or JSON); raises InputError listing every problem."""
    doc = load_document(path, "profile")
    top_level_mapping(
        doc,
        "the profile must be a mapping of keys (country, national_hotline, ...)",
        "start from the example profile: examples/profile.yaml",
        code="profile.not-a-mapping",
        kind="profile",
    )
    profile, problems = validate_document(doc, LocalProfile)
    if profile is None:
        raise InputError(problems)
    return profile
