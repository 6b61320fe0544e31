"""Moving frameworks in and out of other systems: CASE 1.1 / 1.0 packages and Moodle CSV.

One module per format; the shared depth rule for imports lives in ``imported_tree``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..models.framework import Dimension, Framework
from .imported_tree import ImportResult

if TYPE_CHECKING:
    from ..demo import DemoExample

ExportFormat = Literal["case", "case-1.0", "moodle"]

__all__ = ["ExportFormat", "ImportResult", "export_framework", "import_framework"]


def export_framework(
    framework: Framework,
    path: str | Path,
    export_format: ExportFormat,
    *,
    base_uri: str | None = None,
    inputs: tuple[str | Path | None, ...] = (),
) -> Path:
    """Write ``framework`` to ``path`` as a CASE 1.1 or 1.0 package or a Moodle CSV."""
    from ..outputs import write_text

    if export_format == "moodle":
        from .moodle import moodle_csv

        text = moodle_csv(framework)
    else:
        from .case_export import CaseVersion, case_json, case_package

        version: CaseVersion = "1.0" if export_format == "case-1.0" else "1.1"
        text = case_json(case_package(framework, version=version, base_uri=base_uri))
    write_text(path, text, inputs=inputs)
    return Path(path)


def import_framework(
    path: str | Path, *, default_dimension: Dimension | None = None
) -> ImportResult:
    """Read a CASE package (JSON) or a Moodle competency CSV, recognised by its content."""
    from ..sources import read_text

    path = Path(path)
    text = read_text(path, "framework export")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        from .case_import import read_case

        return read_case(text, str(path), default_dimension=default_dimension)
    from .moodle import read_moodle

    return read_moodle(text, str(path), default_dimension=default_dimension)


def interop_demo_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """Demo: the framework as CASE 1.1, CASE 1.0 and Moodle CSV, and the example programme's
    curriculum map as a CASE document."""
    written = [
        export_framework(framework, out / "framework-case.json", "case"),
        export_framework(framework, out / "framework-case-1.0.json", "case-1.0"),
        export_framework(framework, out / "framework-moodle.csv", "moodle"),
    ]
    if example is not None:
        from ..outputs import write_text
        from .case_export import case_json
        from .mapping_export import mapping_package

        package = mapping_package(example.curriculum, framework)
        write_text(out / "mapping-case.json", case_json(package))
        written.append(out / "mapping-case.json")
    return written
