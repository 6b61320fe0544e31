"""Writing models back as YAML a person can read and edit."""

from __future__ import annotations

import io
from typing import Any, Literal

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString


def to_yaml(
    model: BaseModel,
    schema_file: str | None = None,
    *,
    header: str = "",
    mode: Literal["json", "python"] = "json",
    exclude_defaults: bool = True,
    last: tuple[str, ...] = (),
) -> str:
    """Block-style YAML of ``model``, keys in model order, empty optional fields left out.

    ``schema_file`` adds the ``# yaml-language-server: $schema=...`` line editors use;
    ``header`` adds comment lines; the top-level keys named in ``last`` go at the end (long
    bookkeeping after the content people read). Reading the text back gives an equal model.
    """
    data = model.model_dump(mode=mode, exclude_none=True, exclude_defaults=exclude_defaults)
    for key in last:
        if key in data:
            data[key] = data.pop(key)
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # no folding: long texts stay on one line, without trailing spaces
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    if schema_file:
        stream.write(f"# yaml-language-server: $schema={schema_file}\n")
    stream.write(header)
    yaml.dump(_block_text(data), stream)
    return stream.getvalue()


def _block_text(value: Any) -> Any:
    """Texts with line breaks as ``|`` blocks, which keep them exactly as written."""
    if isinstance(value, dict):
        return {key: _block_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_block_text(item) for item in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value
