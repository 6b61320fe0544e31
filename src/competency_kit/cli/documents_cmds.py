"""``competency-kit guide``, ``handouts``, ``templates copy`` and ``doctor``.

WeasyPrint is imported only while one of these commands runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import FrameworkOption, app, check_suffix, templates_app

if TYPE_CHECKING:
    from ..pdf.profile import LocalProfile

CurriculumArgument = Annotated[
    Path, typer.Argument(help="Curriculum YAML, JSON or mapping workbook.")
]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of the labels: en, fr, es or pt.")
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="Folder with your own templates (searched first)."),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Local profile YAML with the reporting pathways."),
]


def _profile(path: Path | None) -> LocalProfile | None:
    from ..pdf.profile import load_profile

    return load_profile(path) if path is not None else None


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
) -> None:
    """Print the curriculum guide: coverage, a section per module, gaps, reporting pathways."""
    from ..analysis import analyse
    from ..curriculum_io import load_curriculum
    from ..framework_io import load_framework, resolve_framework_path
    from ..pdf.guide import write_guide
    from .console import info

    check_suffix(output, (".html", ".htm") if html else (".pdf",), "the guide")
    fw = load_framework(framework)
    cur = load_curriculum(curriculum, fw)
    local = _profile(profile)
    write_guide(
        fw,
        cur,
        analyse(fw, cur),
        output,
        lang=lang,
        templates=templates,
        profile=local,
        html=html,
        inputs=(curriculum, resolve_framework_path(framework), profile),
    )
    info(f"wrote {output}")
    if local is None:
        info(
            "note: no --profile given; the guide asks readers to fill in the local "
            "reporting pathways"
        )


@app.command("handouts")
def handouts(
    curriculum: CurriculumArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the handouts.")],
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Handouts rendered at once (processes).")
    ] = 1,
    lang: LangOption = "en",
    templates: TemplatesOption = None,
    profile: ProfileOption = None,
    framework: FrameworkOption = None,
) -> None:
    """Print one trainer handout (PDF) per module into a folder."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..curriculum_io import load_curriculum
    from ..errors import InputError, Problem
    from ..framework_io import load_framework, resolve_framework_path
    from ..pdf.handouts import write_handouts
    from .console import info

    fw = load_framework(framework)
    cur = load_curriculum(curriculum, fw)
    total = sum(1 for _ in cur.modules())
    console = Console(stderr=True)  # messages go to stderr; stdout stays free for pipes
    with Progress(
        TextColumn("handouts"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # a log or a pipe gets the summary line only
    ) as bar:
        task = bar.add_task("", total=total)
        batch = write_handouts(
            fw,
            cur,
            output,
            jobs=jobs,
            lang=lang,
            templates=templates,
            profile=_profile(profile),
            inputs=(curriculum, resolve_framework_path(framework), profile),
            progress=lambda done, _total, module_id: bar.update(
                task, completed=done, description=module_id
            ),
        )
    info(f"wrote {len(batch.written)} handouts into {output}")
    if batch.failed:
        raise InputError(
            [
                Problem(
                    file=module_id,
                    message=f"this module's handout was not written: {error}",
                    fix="fix the module or your templates; the other handouts were written",
                )
                for module_id, error in batch.failed
            ]
        )


@templates_app.command("copy")
def templates_copy(
    destination: Annotated[Path, typer.Argument(help="Folder to copy the templates into.")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite template files already there.")
    ] = False,
) -> None:
    """Copy the built-in document templates into a folder, to customise with --templates."""
    from ..pdf.templating import copy_templates
    from .console import info

    written = copy_templates(destination, force=force)
    info(
        f"copied {len(written)} files into {destination}; edit any of them and pass "
        f"--templates {destination} to 'guide' or 'handouts' (delete the files you keep as "
        "they are, so later built-in improvements still reach you)"
    )


@app.command("doctor")
def doctor() -> None:
    """Check what the PDF engine finds: fonts, HarfBuzz-Subset, Pango and versions."""
    from ..pdf.doctor import environment_checks

    checks = environment_checks()
    width = max(len(c.name) for c in checks)
    for check in checks:
        mark = "ok " if check.ok else ("!! " if check.required else "-- ")
        typer.echo(f"{mark}{check.name:<{width}}  {check.value}")
        if not check.ok and check.advice:
            typer.echo(f"{'':{width + 5}}{check.advice}")
    if any(c.required and not c.ok for c in checks):
        raise typer.Exit(1)
