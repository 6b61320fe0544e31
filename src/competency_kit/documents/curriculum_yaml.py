"""Writing a curriculum file (YAML, or JSON when the name ends in .json)."""

from __future__ import annotations

import json
from pathlib import Path

from competency_kit.core.outputs import write_text
from competency_kit.documents.made_by import with_mark
from competency_kit.documents.yaml_out import to_yaml
from competency_kit.models.curriculum import Curriculum

SCHEMA_FILE = "curriculum.schema.json"
"""Editors find the schema beside the file ('competency-kit schema -o .' writes it there)."""


def curriculum_yaml(curriculum: Curriculum) -> str:
    """Block-style YAML starting with the schema line, empty and default values left out."""
    return to_yaml(curriculum, schema_file=SCHEMA_FILE)


def write_curriculum(
    curriculum: Curriculum,
    path: str | Path,
    *,
    inputs: tuple[str | Path | None, ...] = (),
    source: str | None = None,
) -> Path:
    """Write the curriculum to ``path`` in one step: JSON when it ends in .json, else YAML
    marked as made by competency-kit (from ``source``, a file name), so that a later run
    can tell whether anyone has edited it since."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = curriculum.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = with_mark(curriculum_yaml(curriculum), source)
    write_text(path, text, inputs=inputs)
    return path
