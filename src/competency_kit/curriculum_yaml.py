"""Writing a curriculum as YAML (or JSON) that a person can read and edit."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .models.curriculum import Curriculum
from .outputs import write_text

SCHEMA_LINE = "# yaml-language-server: $schema=curriculum.schema.json"
"""Editors find the schema beside the file ('competency-kit schema -o .' writes it there)."""


def curriculum_data(curriculum: Curriculum) -> dict[str, Any]:
    """The curriculum as plain data, leaving out empty and default values as a person would."""
    data: dict[str, Any] = curriculum.model_dump(mode="json", exclude_defaults=True)
    data["programme"] = curriculum.programme.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("courses", [])
    return data


def curriculum_yaml(curriculum: Curriculum) -> str:
    """YAML text in block style; each mapping stays on one line ({to: ..., depth: ...})."""
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    stream.write(SCHEMA_LINE + "\n")
    yaml.dump(_block(curriculum_data(curriculum)), stream)
    return stream.getvalue()


def _block(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        node = CommentedMap((k, _block(v, k)) for k, v in data.items())
        if key == "maps":
            node.fa.set_flow_style()
        return node
    if isinstance(data, list):
        return CommentedSeq(_block(v, key) for v in data)
    return data


def write_curriculum(curriculum: Curriculum, path: str | Path, *,
                     inputs: tuple[str | Path | None, ...] = ()) -> Path:
    """Write the curriculum to ``path`` in one step: JSON when it ends in .json, else YAML."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        text = json.dumps(curriculum_data(curriculum), ensure_ascii=False, indent=2) + "\n"
    else:
        text = curriculum_yaml(curriculum)
    write_text(path, text, inputs=inputs)
    return path
