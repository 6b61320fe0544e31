"""Moving frameworks in and out of other systems: CASE 1.1 / 1.0 packages and Moodle CSV.

One module per format; the tree every importer builds, and its checks, live in ``tree``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from competency_kit.core.outputs import write_text
from competency_kit.documents.sources import read_text
from competency_kit.interop.case_export import CaseVersion, case_json, case_package
from competency_kit.interop.case_import import read_case
from competency_kit.interop.moodle import moodle_csv, read_moodle
from competency_kit.interop.tree import ImportOptions, ImportResult, dimension_map
from competency_kit.models.framework import Dimension, Framework

ExportFormat = Literal["case", "case-1.0", "moodle"]

__all__ = [
    "ExportFormat",
    "ImportOptions",
    "ImportResult",
    "dimension_map",
    "export_framework",
    "import_framework",
]


def export_framework(
    framework: Framework,
    path: str | Path,
    export_format: ExportFormat,
    *,
    base_uri: str | None = None,
    inputs: tuple[str | Path | None, ...] = (),
) -> Path:
    """Write ``framework`` to ``path`` as a CASE 1.1 or 1.0 package or a Moodle CSV."""
    if export_format == "moodle":
        text = moodle_csv(framework)
    else:
        version: CaseVersion = "1.0" if export_format == "case-1.0" else "1.1"
        text = case_json(case_package(framework, version=version, base_uri=base_uri))
    write_text(path, text, inputs=inputs)
    return Path(path)


def import_framework(
    path: str | Path,
    *,
    default_dimension: Dimension | None = None,
    dimensions: Mapping[str, Dimension] | None = None,
    language: str | None = None,
) -> ImportResult:
    """Read a CASE package (JSON) or a Moodle competency CSV, recognised by its content.

    ``dimensions`` maps the file's type names to dimensions (``dimension_map`` reads
    ``TYPE=knowledge`` entries); ``language`` is the language of the texts where the file does
    not say (Moodle files never do)."""
    path = Path(path)
    text = read_text(path, "framework export")
    options = ImportOptions(default_dimension, dict(dimensions or {}), language)
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        return read_case(text, str(path), options)
    return read_moodle(text, str(path), options)
