"""``competency-kit framework export|import`` and ``competency-kit export-mapping``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from .app import FrameworkOption, OutputOption, app, framework_app

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
) -> None:
    """Write the framework as a CASE package or a Moodle competency framework CSV."""
    from ..framework_io import load_framework, resolve_framework_path
    from ..interop import export_framework
    from .console import info

    source = resolve_framework_path(path)
    framework = load_framework(path)
    export_framework(framework, output, export_format, base_uri=base_uri, inputs=(source,))
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
) -> None:
    """Read a CASE package or Moodle CSV into a framework YAML file; report what was left out."""
    from ..interop import import_framework
    from ..interop.framework_yaml import write_framework_yaml
    from .console import info

    result = import_framework(source, default_dimension=default_dimension)
    write_framework_yaml(result.framework, output, inputs=(source,))
    info(result.report.text())
    info(f"{output}: written; check it with 'competency-kit framework validate {output}'")


@app.command("export-mapping")
def export_mapping(
    curriculum: Annotated[Path, typer.Argument(help="Curriculum file (YAML, JSON or workbook).")],
    output: OutputOption,
    framework_path: FrameworkOption = None,
    base_uri: BaseUriOption = None,
) -> None:
    """Write the curriculum's course and module mapping as a CASE 1.1 document."""
    from ..curriculum_io import load_curriculum
    from ..framework_io import load_framework, resolve_framework_path
    from ..interop.case_export import case_json
    from ..interop.mapping_export import mapping_package
    from ..outputs import write_text
    from .console import info

    framework = load_framework(framework_path)
    cur = load_curriculum(curriculum, framework)
    package = mapping_package(cur, framework, base_uri=base_uri)
    inputs = (curriculum, resolve_framework_path(framework_path))
    write_text(output, case_json(package), inputs=inputs)
    links = sum(1 for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo")
    info(
        f"{output}: CASE curriculum map of {cur.programme.id} with {links} links to {framework.id}"
    )
