"""``competency-kit template``, ``import`` and ``validate``: the educator's mapping path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import FrameworkOption, OutputOption, app, check_suffix, imports_settled
from .wording import count

if TYPE_CHECKING:
    from ..models.curriculum import Curriculum

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
) -> None:
    """Write a mapping workbook to fill in Excel or LibreOffice (blank, or pre-filled)."""
    from ..curriculum_io import load_curriculum
    from ..excel.mapping_workbook import write_mapping_workbook
    from ..framework_io import load_framework, resolve_framework_path
    from .console import info

    check_suffix(output, (".xlsx",), "the mapping workbook")
    imports_settled()
    fw = load_framework(framework)
    source = load_curriculum(curriculum, fw) if curriculum else None
    inputs = (curriculum, resolve_framework_path(framework))
    write_mapping_workbook(fw, output, source, inputs=inputs)
    what = f"pre-filled from {curriculum}" if curriculum else "blank"
    info(f"wrote {output} ({what}; framework {fw.id} version {fw.version})")


@app.command("import")
def import_workbook(
    workbook: Annotated[Path, typer.Argument(help="The filled mapping workbook (.xlsx).")],
    output: OutputOption,
    framework: FrameworkOption = None,
) -> None:
    """Read a filled mapping workbook and write the curriculum as YAML (or JSON for .json)."""
    from ..curriculum_yaml import write_curriculum
    from ..excel.mapping_import import read_mapping_workbook
    from ..framework_io import load_framework, resolve_framework_path
    from .console import info

    imports_settled()
    fw = load_framework(framework)
    curriculum = read_mapping_workbook(workbook, fw)
    write_curriculum(curriculum, output, inputs=(workbook, resolve_framework_path(framework)))
    info(f"wrote {output}: {summary(curriculum)}")


@app.command("validate")
def validate(curriculum: CurriculumArgument, framework: FrameworkOption = None) -> None:
    """Check a curriculum (YAML, JSON or workbook) and list every problem with its place."""
    from ..curriculum_io import load_curriculum
    from ..framework_io import load_framework
    from .console import info

    fw = load_framework(framework)
    loaded = load_curriculum(curriculum, fw)
    reached = {s for _, m in loaded.modules() for mapping in m.maps for s in fw.expand(mapping.to)}
    info(
        f"{curriculum}: valid — {summary(loaded)}; reaches {len(reached)} of "
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
