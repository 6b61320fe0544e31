"""``competency-kit framework export|import`` and ``competency-kit export-mapping``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from competency_kit.cli.app import ForceOption, FrameworkOption, OutputOption, app, framework_app

BaseUriOption = Annotated[
    str | None,
    typer.Option(
        "--base-uri",
        help="Web address of your CASE registry; item URIs become "
        "BASE/ims/case/v1p1/CFItems/<id> (default: urn:uuid:<id>).",
    ),
]


@framework_app.command("export")
def export(
    output: OutputOption,
    path: Annotated[
        Path | None, typer.Argument(help="Framework YAML file or folder (default: bundled).")
    ] = None,
    export_format: Annotated[
        Literal["case", "case-1.0", "moodle"],
        typer.Option("--format", help="case (CASE 1.1 JSON), case-1.0, or moodle (CSV)."),
    ] = "case",
    base_uri: BaseUriOption = None,
    force: ForceOption = False,
) -> None:
    """Write the framework as a CASE package or a Moodle competency framework CSV."""
    from competency_kit.app.frameworks import ExportRequest, export_framework_file
    from competency_kit.cli.console import info

    request = ExportRequest(output, export_format, path, base_uri, force)
    framework = export_framework_file(request)
    info(f"{output}: {export_format} export of {framework.id} {framework.version}")


@framework_app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="CASE package (JSON) or Moodle CSV file.")],
    output: OutputOption,
    default_dimension: Annotated[
        Literal["knowledge", "skill", "attitude"] | None,
        typer.Option(
            "--default-dimension",
            help="Dimension of imported statements that have no knowledge/skill/attitude type.",
        ),
    ] = None,
    dimension_map: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension-map",
            metavar="TYPE=DIMENSION",
            help="Dimension of the file's items of type TYPE, e.g. Kenntnis=knowledge "
            "(repeat for each type).",
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="Language of the texts when the file does not say (Moodle files never do).",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Read a CASE package or Moodle CSV into a framework YAML file; report what was left out."""
    from competency_kit.app.frameworks import FrameworkImportRequest, import_framework_file
    from competency_kit.cli.console import info

    request = FrameworkImportRequest(
        source,
        output,
        default_dimension,
        force=force,
        dimension_map=tuple(dimension_map or ()),
        language=language,
    )
    result = import_framework_file(request)
    info(result.report.text())
    info(f"{output}: written; check it with 'competency-kit framework validate {output}'")


@app.command("export-mapping")
def export_mapping(
    curriculum: Annotated[Path, typer.Argument(help="Curriculum file (YAML, JSON or workbook).")],
    output: OutputOption,
    framework_path: FrameworkOption = None,
    base_uri: BaseUriOption = None,
    force: ForceOption = False,
) -> None:
    """Write the curriculum's course and module mapping as a CASE 1.1 document."""
    from competency_kit.app.frameworks import MappingExportRequest, export_mapping
    from competency_kit.cli.console import info, show_notes

    request = MappingExportRequest(curriculum, output, framework_path, base_uri, force)
    result = export_mapping(request)
    show_notes(result.notes)
    info(
        f"{output}: CASE curriculum map of {result.curriculum.programme.id} with "
        f"{result.links} links to {result.framework.id}"
    )
