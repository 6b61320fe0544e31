"""JSON Schemas for the framework and curriculum files, for editors' autocompletion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from competency_kit.core.outputs import write_text
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

SCHEMAS: dict[str, type[BaseModel]] = {
    "framework.schema.json": Framework,
    "curriculum.schema.json": Curriculum,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema (draft 2020-12) for each input format."""
    schemas = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[name] = schema
    return schemas


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        write_text(folder / name, schema_text(schema))
        written.append(folder / name)
    return written
