"""Writing an imported framework as the YAML file people edit (block style, schema hint first)."""

from __future__ import annotations

from pathlib import Path

from competency_kit.core.outputs import write_text
from competency_kit.documents.made_by import with_mark
from competency_kit.documents.yaml_out import to_yaml
from competency_kit.models.framework import Framework

SCHEMA_FILE = "framework.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"


def framework_yaml(framework: Framework) -> str:
    """The framework as YAML text; reading it back gives an equal framework. The state of its
    translations (a fingerprint per translated text) comes last, after the texts."""
    return to_yaml(framework, SCHEMA_FILE, last=("translations",))


def write_framework_yaml(
    framework: Framework,
    path: str | Path,
    *,
    inputs: tuple[str | Path | None, ...] = (),
    source: str | None = None,
) -> Path:
    """Write the framework YAML, marked as made by competency-kit from ``source``."""
    write_text(path, with_mark(framework_yaml(framework), source), inputs=inputs)
    return Path(path)
