"""``competency-kit framework diff`` and ``competency-kit migrate``: framework versions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from competency_kit.cli.app import (
    ForceOption,
    OutputOption,
    app,
    check_suffix,
    framework_app,
    imports_settled,
)
from competency_kit.cli.wording import count


@framework_app.command("diff")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version (YAML file or folder).")],
    new: Annotated[Path, typer.Argument(help="The later version (YAML file or folder).")],
    output_format: Annotated[
        Literal["text", "json", "xlsx"],
        typer.Option("--format", help="text (readable), json, or xlsx (a workbook)."),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: print).")
    ] = None,
    force: ForceOption = False,
) -> None:
    """What changed from one version of a framework to the next, and the version step it needs."""
    from competency_kit.app.versions import DiffRequest, diff_framework_files
    from competency_kit.cli.console import info

    if output_format == "xlsx":
        if output is None:
            from competency_kit.core.errors import InputError

            raise InputError.single(
                "--output",
                "a workbook cannot be printed",
                "add -o framework-diff.xlsx",
                code="diff.no-output",
            )
        check_suffix(output, (".xlsx",), "the diff workbook")
    result = diff_framework_files(DiffRequest(old, new, output, output_format, force))
    if output is None:
        typer.echo(result.text, nl=False)
        return
    d = result.diff
    info(
        f"wrote {output}: {count(len(d.changes), 'change')} from {d.old_version} to "
        f"{d.new_version}; suggested version step: {d.suggested_bump}"
    )


@app.command("migrate")
def migrate(
    curriculum: Annotated[
        Path, typer.Argument(help="Curriculum made for the earlier version (YAML, JSON or .xlsx).")
    ],
    to_framework: Annotated[
        Path, typer.Option("--to", help="The new version of the framework (YAML file or folder).")
    ],
    output: OutputOption,
    from_framework: Annotated[
        Path | None,
        typer.Option(
            "--from", help="The version the curriculum was made for (YAML file or folder)."
        ),
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            help="Workbook for the splits: written when it does not exist, read when it does.",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the migration report (text or .json)."),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Re-point a curriculum's mappings to a new version of the framework, along its lineage."""
    from competency_kit.app.versions import MigrateRequest, migrate_with_report
    from competency_kit.cli.console import info

    imports_settled()
    request = MigrateRequest(curriculum, to_framework, output, from_framework, decisions, force)
    result = migrate_with_report(request, report)
    typer.echo(result.text, nl=False)
    info(f"wrote {output}")
    if result.decisions_written is not None:
        info(
            f"wrote {result.decisions_written}: {count(result.report.to_review, 'split mapping')} "
            "to decide; choose Yes or No for each successor, then run the same command again"
        )
    elif decisions is not None and result.decisions_read:
        info(
            f"applied the decisions in {decisions} ({count(result.decisions_read, 'split mapping')})"
        )
    elif decisions is not None:
        info("no split to decide: no decisions workbook was needed")
