"""Reading a local profile (``--profile FILE``): YAML or JSON, every problem with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from competency_kit.core.errors import InputError
from competency_kit.core.outputs import write_text
from competency_kit.documents.sources import Document, load_document
from competency_kit.documents.validation import top_level_mapping, validate_document
from competency_kit.documents.yaml_out import to_yaml
from competency_kit.models.profile import LocalProfile

PROFILE_HEADER = (
    "# Local reporting pathways printed in the guide's appendix and on every handout.\n"
    "# Check every contact before you print, and record when you checked them.\n"
)


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


def profile_from_data(data: dict[str, Any], name: str = "profile") -> LocalProfile:
    """A profile from values filled in elsewhere (a form), blank values left out; raises
    InputError naming each bad field."""
    profile, problems = validate_document(Document(Path(name), _without_blanks(data)), LocalProfile)
    if profile is None:
        raise InputError(problems)
    return profile


def _without_blanks(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _without_blanks(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", {}, [])}
    if isinstance(value, list):
        return [v for v in (_without_blanks(v) for v in value) if v not in (None, "", {}, [])]
    return value.strip() if isinstance(value, str) else value


def write_profile(
    profile: LocalProfile, path: str | Path, *, inputs: tuple[str | Path | None, ...] = ()
) -> Path:
    """The profile as YAML a person can read, edit and give back with ``--profile``."""
    write_text(path, to_yaml(profile, header=PROFILE_HEADER, mode="python"), inputs=inputs)
    return Path(path)
