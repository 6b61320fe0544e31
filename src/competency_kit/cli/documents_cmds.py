"""``competency-kit guide``, ``handouts``, ``templates copy`` and ``doctor``.

WeasyPrint is imported only while one of these commands runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from competency_kit.cli.app import ForceOption, FrameworkOption, app, check_suffix, templates_app

CurriculumArgument = Annotated[
    Path, typer.Argument(help="Curriculum YAML, JSON or mapping workbook.")
]
LangOption = Annotated[
    str,
    typer.Option("--lang", help="Language of the labels: en, fr, es or pt (fr-CA, FR … too)."),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="Folder with your own templates (searched first)."),
]
ForceRenderOption = Annotated[
    bool,
    typer.Option(
        "--force-render",
        help="Render again also what is unchanged since the last run (by default a document "
        "whose inputs and file are unchanged is left as it is).",
    ),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Local profile YAML with the reporting pathways."),
]


@app.command("guide")
def guide(
    curriculum: CurriculumArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Guide to write (.pdf).")],
    lang: LangOption = "en",
    templates: TemplatesOption = None,
    html: Annotated[
        bool, typer.Option("--html", help="Write HTML for a browser preview instead of PDF.")
    ] = False,
    profile: ProfileOption = None,
    framework: FrameworkOption = None,
    force: ForceOption = False,
    force_render: ForceRenderOption = False,
) -> None:
    """Print the curriculum guide: coverage, a section per module, gaps, reporting pathways."""
    from rich.console import Console

    from competency_kit.app.documents import DocumentOptions, GuideRequest, make_guide
    from competency_kit.cli.console import info, show_notes

    check_suffix(output, (".html", ".htm") if html else (".pdf",), "the guide")
    request = GuideRequest(
        curriculum,
        output,
        DocumentOptions(lang, templates, profile, framework),
        html,
        force,
        force_render,
    )
    console = Console(stderr=True)
    if console.is_terminal:  # a log or a pipe gets the messages alone
        with console.status("guide: starting") as status:
            result = make_guide(request, progress=lambda stage: status.update(f"guide: {stage}"))
    else:
        result = make_guide(request)
    show_notes(result.notes)
    if result.rendered:
        info(f"wrote {output}")
    else:
        info(
            f"{output} is up to date: nothing it is made from has changed "
            "(--force-render makes it again)"
        )


@app.command("handouts")
def handouts(
    curriculum: CurriculumArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the handouts.")],
    jobs: Annotated[
        str,
        typer.Option(
            "--jobs",
            "-j",
            help="Handouts rendered at once (processes), or auto: as many as pay for the "
            "number of handouts and the processor cores.",
        ),
    ] = "auto",
    lang: LangOption = "en",
    templates: TemplatesOption = None,
    profile: ProfileOption = None,
    framework: FrameworkOption = None,
    force_render: ForceRenderOption = False,
) -> None:
    """Print one trainer handout (PDF) per module into a folder."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from competency_kit.app.documents import (
        DocumentOptions,
        HandoutsRequest,
        jobs_from_text,
        make_handouts,
    )
    from competency_kit.cli.console import info, show_notes
    from competency_kit.core.errors import InputError

    request = HandoutsRequest(
        curriculum,
        output,
        DocumentOptions(lang, templates, profile, framework),
        jobs_from_text(jobs),
        force_render,
    )
    console = Console(stderr=True)  # messages go to stderr; stdout stays free for pipes
    with Progress(
        TextColumn("handouts"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # a log or a pipe gets the summary line only
        auto_refresh=False,  # no refresh thread: the helpers are forked from a single thread
    ) as bar:
        task = bar.add_task("", total=None)
        result = make_handouts(
            request,
            progress=lambda done, total, module_id: bar.update(
                task, completed=done, total=total, description=module_id, refresh=True
            ),
        )
    show_notes(result.notes)
    unchanged = (
        f" ({len(result.unchanged)} unchanged, left as they were)" if result.unchanged else ""
    )
    info(f"wrote {len(result.written)} handouts into {output}{unchanged}")
    if result.problems:
        raise InputError(result.problems)


@templates_app.command("copy")
def templates_copy(
    destination: Annotated[Path, typer.Argument(help="Folder to copy the templates into.")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite template files already there.")
    ] = False,
) -> None:
    """Copy the built-in document templates into a folder, to customise with --templates."""
    from competency_kit.app.setup import copy_templates
    from competency_kit.cli.console import info

    written = copy_templates(destination, force=force)
    info(
        f"copied {len(written)} files into {destination}; edit any of them and pass "
        f"--templates {destination} to 'guide' or 'handouts' (delete the files you keep as "
        "they are, so later built-in improvements still reach you)"
    )


@app.command("doctor")
def doctor() -> None:
    """Check what the PDF engine finds: fonts, HarfBuzz-Subset, Pango and versions."""
    from competency_kit.app.setup import environment_checks

    checks = environment_checks()
    width = max(len(c.name) for c in checks)
    for check in checks:
        mark = "ok " if check.ok else ("!! " if check.required else "-- ")
        typer.echo(f"{mark}{check.name:<{width}}  {check.value}")
        if not check.ok and check.advice:
            typer.echo(f"{'':{width + 5}}{check.advice}")
    if any(c.required and not c.ok for c in checks):
        raise typer.Exit(1)
