"""The educator's tasks: a mapping workbook to fill in, reading it back, checking a curriculum."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.analysis.migration import migrate_curriculum
from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.languages import normalise
from competency_kit.core.outputs import refuse_inputs
from competency_kit.documents.curriculum_yaml import write_curriculum
from competency_kit.documents.framework_io import load_framework, resolve_framework_path
from competency_kit.excel.mapping.reader import read_mapping_workbook, workbook_framework
from competency_kit.excel.mapping.wording import mapping_languages
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
    force: bool = False
    """Replace the output even when it holds someone's work (a filled mapping workbook …)."""
    lang: str = "en"
    """Language of the workbook's words and of the framework's texts in it (``fr``, ``FR``,
    ``fr-CA`` …)."""

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.curriculum)


@dataclass(frozen=True)
class TemplateResult:
    path: Path
    framework: Framework
    prefilled: bool
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the curriculum it was pre-filled from; the workbook was written."""


def make_template(request: TemplateRequest) -> TemplateResult:
    lang = normalise(request.lang, mapping_languages())
    refuse_inputs(request.output, request.inputs())
    guard_output(request.output, force=request.force)
    framework = load_framework(request.framework)
    notes: list[Problem] = []
    source = load_curriculum(request.curriculum, framework, notes) if request.curriculum else None
    path = write_mapping_workbook(
        framework.current(), request.output, source, inputs=request.inputs(), lang=lang
    )
    return TemplateResult(path, framework, source is not None, notes)


@dataclass(frozen=True)
class ImportRequest:
    workbook: PathLike
    output: PathLike
    """The curriculum to write: YAML, or JSON for a ``.json`` name."""
    framework: PathLike | None = None
    force: bool = False
    """Replace the output even when it holds someone's work (an edited curriculum …)."""

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.workbook)


@dataclass(frozen=True)
class ImportResult:
    curriculum: Curriculum
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the workbook (a module without hours …); the curriculum was written."""


def import_mapping(request: ImportRequest) -> ImportResult:
    """Read a filled mapping workbook and write the curriculum it records."""
    refuse_inputs(request.output, request.inputs())
    guard_output(request.output, force=request.force)
    framework = load_framework(request.framework)
    notes: list[Problem] = []
    curriculum = read_mapping_workbook(request.workbook, framework.current(), notes)
    write_curriculum(
        curriculum, request.output, inputs=request.inputs(), source=Path(request.workbook).name
    )
    return ImportResult(curriculum, notes)


@dataclass(frozen=True)
class MigratingImportRequest:
    workbook: PathLike
    output: PathLike
    framework: PathLike | None = None
    """The version to carry the curriculum over to (default: the bundled framework)."""
    from_framework: PathLike | None = None
    """The version the workbook was made for; by default the bundled framework when the
    workbook says it was made for that one."""
    force: bool = False
    """Replace the output even when it holds someone's work."""

    def inputs(self) -> Inputs:
        old = resolve_framework_path(self.from_framework) if self.from_framework else None
        return (*task_inputs(self.framework, self.workbook), old)


@dataclass(frozen=True)
class MigratingImportResult:
    curriculum: Curriculum
    report: MigrationReport | None
    """None when the workbook was already made for the framework in use."""
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the workbook (a module without hours …); the curriculum was written."""


def import_and_migrate(request: MigratingImportRequest) -> MigratingImportResult:
    """Read a mapping workbook made for an earlier version and write the curriculum it records
    carried over to the framework in use (splits map to every successor, for review)."""
    refuse_inputs(request.output, request.inputs())
    guard_output(request.output, force=request.force)
    new = load_framework(request.framework)
    made_id, made_version = workbook_framework(request.workbook)
    source = Path(request.workbook).name
    notes: list[Problem] = []
    if (made_id, made_version) == (new.id, new.version):
        curriculum = read_mapping_workbook(request.workbook, new.current(), notes)
        write_curriculum(curriculum, request.output, inputs=request.inputs(), source=source)
        return MigratingImportResult(curriculum, None, notes)
    old = _earlier_version(request, made_id, made_version)
    curriculum = read_mapping_workbook(request.workbook, old.current(), notes)
    migrated, report = migrate_curriculum(curriculum, new, old.version)
    write_curriculum(migrated, request.output, inputs=request.inputs(), source=source)
    return MigratingImportResult(migrated, report, notes)


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
    notes: list[Problem] = field(default_factory=list)
    """Warnings: the curriculum is valid, but these deserve a look."""


def validate_curriculum(request: ValidateRequest) -> ValidateResult:
    """Check a curriculum (YAML, JSON or workbook); raises InputError listing every problem."""
    framework = load_framework(request.framework)
    notes: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, notes)
    current = framework.current()
    return ValidateResult(curriculum, current, _reached(current, curriculum), notes)


def _reached(framework: Framework, curriculum: Curriculum) -> int:
    return len(
        {
            statement
            for _, module in curriculum.modules()
            for mapping in module.maps
            for statement in framework.expand(mapping.to)
        }
    )


@dataclass(frozen=True)
class AcceptRequest:
    curriculum: PathLike
    """A filled mapping workbook, or a curriculum in YAML or JSON."""
    output: PathLike
    """Where the checked curriculum is written as YAML (JSON for a ``.json`` name)."""
    framework: PathLike | None = None

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.curriculum)


@dataclass(frozen=True)
class AcceptResult:
    curriculum: Curriculum
    framework: Framework
    reached: int
    path: Path
    """The curriculum as written, ready for the other tasks."""


def accept_curriculum(request: AcceptRequest) -> AcceptResult:
    """Check a curriculum in any of its formats and write it as a curriculum file: what an
    educator's upload becomes. Raises InputError listing every problem."""
    framework = load_framework(request.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    path = write_curriculum(curriculum, request.output, inputs=request.inputs())
    current = framework.current()
    return AcceptResult(curriculum, current, _reached(current, curriculum), path)
