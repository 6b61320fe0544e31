"""The educator's tasks: a mapping workbook to fill in, reading it back, checking a curriculum."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.analysis.migration import migrate_curriculum
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import refuse_inputs
from competency_kit.documents.curriculum_yaml import write_curriculum
from competency_kit.documents.framework_io import load_framework, resolve_framework_path
from competency_kit.excel.mapping.reader import read_mapping_workbook, workbook_framework
from competency_kit.excel.mapping.workbook import write_mapping_workbook
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.models.versions import MigrationReport


@dataclass(frozen=True)
class TemplateRequest:
    output: PathLike
    curriculum: PathLike | None = None
    """Pre-fill the workbook from this curriculum; blank when None."""
    framework: PathLike | None = None

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.curriculum)


@dataclass(frozen=True)
class TemplateResult:
    path: Path
    framework: Framework
    prefilled: bool


def make_template(request: TemplateRequest) -> TemplateResult:
    framework = load_framework(request.framework)
    source = load_curriculum(request.curriculum, framework) if request.curriculum else None
    path = write_mapping_workbook(
        framework.current(), request.output, source, inputs=request.inputs()
    )
    return TemplateResult(path, framework, source is not None)


@dataclass(frozen=True)
class ImportRequest:
    workbook: PathLike
    output: PathLike
    """The curriculum to write: YAML, or JSON for a ``.json`` name."""
    framework: PathLike | None = None

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.workbook)


def import_mapping(request: ImportRequest) -> Curriculum:
    """Read a filled mapping workbook and write the curriculum it records."""
    framework = load_framework(request.framework)
    curriculum = read_mapping_workbook(request.workbook, framework.current())
    write_curriculum(curriculum, request.output, inputs=request.inputs())
    return curriculum


@dataclass(frozen=True)
class MigratingImportRequest:
    workbook: PathLike
    output: PathLike
    framework: PathLike | None = None
    """The version to carry the curriculum over to (default: the bundled framework)."""
    from_framework: PathLike | None = None
    """The version the workbook was made for; by default the bundled framework when the
    workbook says it was made for that one."""

    def inputs(self) -> Inputs:
        old = resolve_framework_path(self.from_framework) if self.from_framework else None
        return (*task_inputs(self.framework, self.workbook), old)


@dataclass(frozen=True)
class MigratingImportResult:
    curriculum: Curriculum
    report: MigrationReport | None
    """None when the workbook was already made for the framework in use."""


def import_and_migrate(request: MigratingImportRequest) -> MigratingImportResult:
    """Read a mapping workbook made for an earlier version and write the curriculum it records
    carried over to the framework in use (splits map to every successor, for review)."""
    refuse_inputs(request.output, request.inputs())
    new = load_framework(request.framework)
    made_id, made_version = workbook_framework(request.workbook)
    if (made_id, made_version) == (new.id, new.version):
        curriculum = read_mapping_workbook(request.workbook, new.current())
        write_curriculum(curriculum, request.output, inputs=request.inputs())
        return MigratingImportResult(curriculum, None)
    old = _earlier_version(request, made_id, made_version)
    curriculum = read_mapping_workbook(request.workbook, old.current())
    migrated, report = migrate_curriculum(curriculum, new, old.version)
    write_curriculum(migrated, request.output, inputs=request.inputs())
    return MigratingImportResult(migrated, report)


def _earlier_version(
    request: MigratingImportRequest, made_id: str | None, made_version: str | None
) -> Framework:
    if request.from_framework is not None:
        return load_framework(request.from_framework)
    bundled = load_framework()
    if (bundled.id, bundled.version) == (made_id, made_version):
        return bundled
    raise InputError.single(
        str(request.workbook),
        f"this workbook was made for version {made_version} of the framework '{made_id}', "
        "which is needed to read it",
        "give the framework file of that version as the one to migrate from",
        code="workbook.earlier-version-needed",
    )


@dataclass(frozen=True)
class ValidateRequest:
    curriculum: PathLike
    framework: PathLike | None = None


@dataclass(frozen=True)
class ValidateResult:
    curriculum: Curriculum
    framework: Framework
    reached: int
    """Statements of the framework that some mapping reaches."""
    warnings: list[Problem] = field(default_factory=list)
    """Problems worth a look that do not make the curriculum invalid (retired targets)."""


def validate_curriculum(request: ValidateRequest) -> ValidateResult:
    """Check a curriculum (YAML, JSON or workbook); raises InputError listing every problem."""
    framework = load_framework(request.framework)
    warnings: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, warnings)
    current = framework.current()
    reached = {
        statement
        for _, module in curriculum.modules()
        for mapping in module.maps
        for statement in current.expand(mapping.to)
    }
    return ValidateResult(curriculum, current, len(reached), warnings)
