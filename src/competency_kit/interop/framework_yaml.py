"""Writing an imported framework as the YAML file people edit (block style, schema hint first)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from ..models.framework import Framework

SCHEMA_LINE = "# yaml-language-server: $schema=framework.schema.json\n"


def framework_yaml(framework: Framework) -> str:
    """The framework as YAML text; reading it back gives an equal framework."""
    data = _block_text(framework.model_dump(mode="json", exclude_defaults=True))
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # no folding: long texts stay on one line, without trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return SCHEMA_LINE + buffer.getvalue()


def _block_text(value: Any) -> Any:
    """Texts with line breaks as ``|`` blocks, which keep them exactly as written."""
    if isinstance(value, dict):
        return {key: _block_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_block_text(item) for item in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def write_framework_yaml(
    framework: Framework, path: str | Path, *, inputs: tuple[str | Path | None, ...] = ()
) -> Path:
    from ..outputs import write_text

    write_text(path, framework_yaml(framework), inputs=inputs)
    return Path(path)
