"""``competency-kit framework translations export|import|status``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from competency_kit.cli.app import (
    ForceOption,
    FrameworkOption,
    OutputOption,
    WholeHelpGroup,
    framework_app,
)

TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="Templates folder whose i18n/LANG.yaml holds the document labels translated so "
        "far (as written by an import).",
    ),
]

translations_app = typer.Typer(
    help="Translate the framework and the document labels: export, import, status.",
    no_args_is_help=True,
    cls=WholeHelpGroup,
)
framework_app.add_typer(translations_app, name="translations")


@translations_app.command("export")
def export(
    lang: Annotated[
        str, typer.Option("--lang", help="Language to translate into (fr, vi, th, km, pt-BR…).")
    ],
    output: OutputOption,
    framework: FrameworkOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Write the texts to translate as an Excel workbook (.xlsx) or a gettext PO file (.po)."""
    from competency_kit.app.translations import TranslationExportRequest, export_translations
    from competency_kit.cli.console import info

    result = export_translations(
        TranslationExportRequest(lang, output, framework, force, templates)
    )
    counts = result.counts
    info(
        f"{output}: {sum(counts.values())} texts of {result.framework.id} "
        f"{result.framework.version} to translate into {result.lang} — "
        f"{counts['missing']} missing, {counts['stale']} stale, {counts['done']} done"
    )


@translations_app.command("import")
def import_(
    source: Annotated[
        Path, typer.Argument(help="The translation workbook (.xlsx) or PO file (.po).")
    ],
    output: OutputOption,
    framework: FrameworkOption = None,
    templates: TemplatesOption = None,
    force: ForceOption = False,
) -> None:
    """Merge a translation workbook or PO file into a new framework file."""
    from competency_kit.app.translations import TranslationImportRequest, import_translations
    from competency_kit.cli.console import info

    result = import_translations(
        TranslationImportRequest(source, output, framework, force, templates)
    )
    t = result.texts
    skipped = f"{t.skipped_empty} left empty"
    if t.skipped_fuzzy:
        skipped += f", {t.skipped_fuzzy} still marked fuzzy"
    info(
        f"{output}: {result.lang} merged — {t.new} new, {t.changed} changed, "
        f"{t.unchanged} unchanged, {skipped}"
    )
    if result.catalogue is not None:
        labels = result.labels
        info(
            f"{result.catalogue}: {labels.merged} document labels ({labels.new} new, "
            f"{labels.changed} changed); print with --templates {result.catalogue.parent.parent}"
        )


@translations_app.command("status")
def status(
    framework: FrameworkOption = None,
    templates: TemplatesOption = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text (a table) or json.")
    ] = "text",
) -> None:
    """Per language: texts and document labels done, missing and stale."""
    from competency_kit.app.translations import translation_status

    found = translation_status(framework, templates)
    if output_format == "json":
        typer.echo(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("language", "status", "done", "missing", "stale", "labels done", "labels missing")
    for s in found:
        table.add_row(
            s.lang,
            s.state,
            str(s.texts["done"]),
            str(s.texts["missing"]),
            str(s.texts["stale"]),
            str(s.labels["done"]),
            str(s.labels["missing"]),
        )
    if not found:
        typer.echo("no translations yet: the framework has only its reference language")
        return
    Console().print(table)
