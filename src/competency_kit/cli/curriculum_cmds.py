"""``competency-kit template``, ``import`` and ``validate``: the educator's mapping path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from competency_kit.cli.app import (
    ForceOption,
    FrameworkOption,
    OutputOption,
    app,
    check_suffix,
    imports_settled,
)
from competency_kit.cli.wording import count

if TYPE_CHECKING:
    from competency_kit.models.curriculum import Curriculum

CurriculumArgument = Annotated[
    Path, typer.Argument(help="Curriculum file: YAML, JSON or a filled mapping workbook (.xlsx).")
]


@app.command("template")
def template(
    output: OutputOption,
    curriculum: Annotated[
        Path | None,
        typer.Option("--curriculum", "-c", help="Pre-fill the workbook from this curriculum."),
    ] = None,
    framework: FrameworkOption = None,
    force: ForceOption = False,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Language of the workbook: en, fr, es or pt (fr-CA, FR … too).",
        ),
    ] = "en",
) -> None:
    """Write a mapping workbook to fill in Excel or LibreOffice (blank, or pre-filled)."""
    from competency_kit.app.mapping import TemplateRequest, make_template
    from competency_kit.cli.console import info, show_notes

    check_suffix(output, (".xlsx",), "the mapping workbook")
    imports_settled()
    result = make_template(TemplateRequest(output, curriculum, framework, force, lang))
    show_notes(result.notes)
    fw = result.framework
    what = f"pre-filled from {curriculum}" if result.prefilled else "blank"
    info(f"wrote {output} ({what}; framework {fw.id} version {fw.version})")


@app.command("import")
def import_workbook(
    workbook: Annotated[Path, typer.Argument(help="The filled mapping workbook (.xlsx).")],
    output: OutputOption,
    framework: FrameworkOption = None,
    force: ForceOption = False,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate",
            help="A workbook made for an earlier framework version: carry it over to --framework.",
        ),
    ] = False,
    from_framework: Annotated[
        Path | None,
        typer.Option("--from", help="With --migrate: the version the workbook was made for."),
    ] = None,
) -> None:
    """Read a filled mapping workbook and write the curriculum as YAML (or JSON for .json)."""
    from competency_kit.app.mapping import (
        ImportRequest,
        MigratingImportRequest,
        import_and_migrate,
        import_mapping,
    )
    from competency_kit.cli.console import info, show_notes

    imports_settled()
    if not migrate:
        result = import_mapping(ImportRequest(workbook, output, framework, force))
        show_notes(result.notes)
        info(f"wrote {output}: {summary(result.curriculum)}")
        return
    from competency_kit.analysis.version_reports import migration_text

    migrating = import_and_migrate(
        MigratingImportRequest(workbook, output, framework, from_framework, force)
    )
    show_notes(migrating.notes)
    if migrating.report is not None:
        typer.echo(migration_text(migrating.report), nl=False)
    info(f"wrote {output}: {summary(migrating.curriculum)}")


@app.command("validate")
def validate(curriculum: CurriculumArgument, framework: FrameworkOption = None) -> None:
    """Check a curriculum (YAML, JSON or workbook) and list every problem with its place."""
    from competency_kit.app.mapping import ValidateRequest, validate_curriculum
    from competency_kit.cli.console import info, show_notes

    result = validate_curriculum(ValidateRequest(curriculum, framework))
    show_notes(result.notes)
    fw = result.framework
    info(
        f"{curriculum}: valid — {summary(result.curriculum)}; reaches {result.reached} of "
        f"{len(fw.statement_ids())} statements of {fw.id} {fw.version}"
    )


def summary(curriculum: Curriculum) -> str:
    """'6 courses, 21 modules, 140 mappings' for a curriculum."""
    modules = [m for _, m in curriculum.modules()]
    mappings = sum(len(m.maps) for m in modules)
    return (
        f"{count(len(curriculum.courses), 'course')}, {count(len(modules), 'module')}, "
        f"{count(mappings, 'mapping')}"
    )
