"""``competency-kit framework validate|show``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from competency_kit.cli.app import framework_app

SHOWN_WARNINGS = 10
"""Up to this many warnings are listed; more are summarised by kind."""

PathArgument = Annotated[
    Path | None, typer.Argument(help="Framework YAML file or folder (default: the bundled one).")
]


@framework_app.command("validate")
def validate(
    path: PathArgument = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat completeness warnings as errors.")
    ] = False,
    all_warnings: Annotated[
        bool,
        typer.Option(
            "--all-warnings",
            help="List every warning (by default: a count per kind and a few examples).",
        ),
    ] = False,
) -> None:
    """Check a framework file and list every problem with its line and a fix."""
    from competency_kit.app.frameworks import validate_framework
    from competency_kit.cli.console import info, report_problems, summarise_warnings
    from competency_kit.core.errors import InputError

    check = validate_framework(path, strict=strict)
    if check.errors:
        raise InputError(check.problems)
    if all_warnings or len(check.warnings) <= SHOWN_WARNINGS:
        report_problems(check.warnings)
    else:
        summarise_warnings(check.warnings)
        info("list them all with --all-warnings")
    assert check.framework is not None
    retired = len(check.framework.retired_ids())
    fw = check.framework.current()
    statements = len(fw.statement_ids())
    competencies = sum(1 for _ in fw.competencies())
    name = f"the bundled framework ({fw.id} {fw.version})" if path is None else str(check.path)
    kept = f", {retired} retired items kept for their lineage" if retired else ""
    info(
        f"{name}: valid — {len(fw.areas)} areas, {competencies} competencies, "
        f"{statements} statements, {len(fw.glossary)} glossary terms{kept}"
    )


@framework_app.command("show")
def show(
    path: PathArgument = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text (a tree) or json.")
    ] = "text",
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the texts (text format).")
    ] = "en",
) -> None:
    """Print the framework as a readable tree, or as JSON on stdout."""
    from competency_kit.app.frameworks import framework_json, framework_language, show_framework

    fw = show_framework(path)
    lang = framework_language(fw, lang)
    if output_format == "json":
        typer.echo(json.dumps(framework_json(fw), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from competency_kit.cli.tree import framework_tree

    Console().print(framework_tree(fw, lang))
