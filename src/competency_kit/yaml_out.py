"""Writing models back as YAML a person can read and edit."""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString


def to_yaml(model: BaseModel, schema_file: str | None = None) -> str:
    """Block-style YAML of ``model`` without empty or default-less noise, keys in model order.

    ``schema_file`` adds the ``# yaml-language-server: $schema=...`` line editors use.
    """
    data = _readable(model.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    stream = io.StringIO()
    if schema_file:
        stream.write(f"# yaml-language-server: $schema={schema_file}\n")
    yaml.dump(data, stream)
    return stream.getvalue()


def _readable(value: Any) -> Any:
    """Multi-line text as literal blocks, so paragraphs stay paragraphs."""
    if isinstance(value, dict):
        return {k: _readable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if isinstance(value, str) and "\n" in value.strip("\n") and value == value.strip():
        return LiteralScalarString(value)
    return value
