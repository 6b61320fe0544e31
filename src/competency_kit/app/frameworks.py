"""Framework tasks: check and show one, export it to other systems, import one from them, and the
programme's map as a CASE document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.languages import normalise
from competency_kit.core.outputs import refuse_inputs, write_text
from competency_kit.documents.framework_io import (
    FrameworkCheck,
    check_framework,
    check_framework_text,
    framework_json,
    load_framework,
    resolve_framework_path,
)
from competency_kit.documents.framework_yaml import framework_yaml
from competency_kit.documents.made_by import with_mark
from competency_kit.interop import (
    ExportFormat,
    ImportResult,
    dimension_map,
    export_framework,
    import_framework,
)
from competency_kit.interop.case_export import case_json
from competency_kit.interop.mapping_export import mapping_package
from competency_kit.interop.tree import given_language
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Dimension, Framework


def validate_framework(path: PathLike | None = None, *, strict: bool = False) -> FrameworkCheck:
    """Every problem of a framework file; completeness gaps are errors only when ``strict``."""
    return check_framework(path, strict=strict)


@dataclass(frozen=True)
class ExportRequest:
    output: PathLike
    export_format: ExportFormat = "case"
    framework: PathLike | None = None
    base_uri: str | None = None
    force: bool = False
    """Replace the output even when it holds someone's work."""


def export_framework_file(request: ExportRequest) -> Framework:
    refuse_inputs(request.output, (resolve_framework_path(request.framework),))
    guard_output(request.output, force=request.force)
    framework = load_framework(request.framework)
    export_framework(
        framework,
        request.output,
        request.export_format,
        base_uri=request.base_uri,
        inputs=(resolve_framework_path(request.framework),),
    )
    return framework


@dataclass(frozen=True)
class FrameworkImportRequest:
    source: PathLike
    """A CASE package (JSON) or a Moodle competency CSV."""
    output: PathLike
    default_dimension: Dimension | None = None
    force: bool = False
    """Replace the output even when it holds someone's work (an edited framework …)."""
    dimension_map: tuple[str, ...] = ()
    """``TYPE=knowledge`` entries: the dimension of the file's item types of that name."""
    language: str | None = None
    """The language of the texts where the file does not say (Moodle files never do)."""


def import_framework_file(request: FrameworkImportRequest) -> ImportResult:
    """Read a framework from another system and write it as framework YAML, once that YAML
    has been read back as a valid framework."""
    refuse_inputs(request.output, (request.source,))
    guard_output(request.output, force=request.force)
    result = import_framework(
        request.source,
        default_dimension=request.default_dimension,
        dimensions=dimension_map(request.dimension_map),
        language=given_language(request.language) if request.language else None,
    )
    text = with_mark(framework_yaml(result.framework), Path(request.source).name)
    try:
        errors = check_framework_text(text, request.output).errors
    except InputError as exc:  # not even YAML
        errors = exc.errors
    if errors:
        raise InputError([_unreadable(request, problem) for problem in errors])
    write_text(request.output, text, inputs=(request.source,))
    return result


def _unreadable(request: FrameworkImportRequest, problem: Problem) -> Problem:
    return Problem(
        file=str(request.source),
        message=f"the imported framework would not read back: {problem.message}",
        fix="nothing was written; please report this file to the competency-kit maintainers",
        field=problem.field,
        code="import.unreadable-output",
    )


@dataclass(frozen=True)
class MappingExportRequest:
    curriculum: PathLike
    output: PathLike
    framework: PathLike | None = None
    base_uri: str | None = None
    force: bool = False
    """Replace the output even when it holds someone's work."""

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.curriculum)


@dataclass(frozen=True)
class MappingExportResult:
    curriculum: Curriculum
    framework: Framework
    links: int
    """Associations from modules to the framework's items."""
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the curriculum; the document was written."""


def export_mapping(request: MappingExportRequest) -> MappingExportResult:
    """The curriculum's course and module mapping as a CASE 1.1 document."""
    refuse_inputs(request.output, request.inputs())
    guard_output(request.output, force=request.force)
    framework = load_framework(request.framework)
    notes: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, notes)
    package = mapping_package(curriculum, framework, base_uri=request.base_uri)
    write_text(request.output, case_json(package), inputs=request.inputs())
    links = sum(1 for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo")
    return MappingExportResult(curriculum, framework, links, notes)


FRAMEWORK_SUFFIXES = (".yaml", ".yml")
FOREIGN_SUFFIXES = (".json", ".csv")
"""A CASE package (JSON) or a Moodle competency CSV, read through the importers."""


@dataclass(frozen=True)
class AdoptRequest:
    source: PathLike
    """Framework YAML, a CASE package (JSON) or a Moodle competency CSV."""
    output: PathLike
    """Where an imported framework is written as framework YAML."""


@dataclass(frozen=True)
class AdoptResult:
    framework: Framework
    path: Path
    """The framework file to use from now on."""
    problems: list[Problem]
    """Warnings: completeness gaps, or what the import had to guess."""


def adopt_framework(request: AdoptRequest) -> AdoptResult:
    """A framework to work with, from any file the importers read; raises InputError listing
    every problem. Framework YAML is used as it is; the others are imported into ``output``."""
    source = Path(request.source)
    if source.suffix.lower() in FOREIGN_SUFFIXES:
        imported = import_framework_file(FrameworkImportRequest(source, request.output))
        check = check_framework(request.output)
        return AdoptResult(imported.framework, Path(request.output), check.warnings)
    check = check_framework(source)
    if check.framework is None:
        raise InputError(check.problems)
    return AdoptResult(check.framework, source, check.warnings)


def show_framework(path: PathLike | None = None) -> Framework:
    """The framework to show (``framework_json`` gives its JSON contract)."""
    return load_framework(path)


def framework_language(framework: Framework, lang: str) -> str:
    """``lang`` written canonically (``FR`` → ``fr``) when the framework is written in it;
    otherwise a problem listing the framework's languages."""
    return normalise(lang, framework.languages)


__all__ = [
    "AdoptRequest",
    "ExportRequest",
    "FrameworkImportRequest",
    "MappingExportRequest",
    "adopt_framework",
    "export_framework_file",
    "export_mapping",
    "framework_json",
    "framework_language",
    "import_framework_file",
    "show_framework",
    "validate_framework",
]
