"""Framework versions: what changed between two (``framework diff``), and a curriculum carried
over to the new one (``migrate``), with a workbook for the splits only a person can decide."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from competency_kit.analysis.diff import diff_frameworks
from competency_kit.analysis.migration import migrate_curriculum, split_choices
from competency_kit.analysis.version_reports import diff_text, migration_text
from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import refuse_inputs, write_text
from competency_kit.documents.curriculum_yaml import write_curriculum
from competency_kit.documents.framework_io import load_framework, resolve_framework_path
from competency_kit.excel.versions.decisions import read_decisions, write_decisions
from competency_kit.excel.versions.diff_workbook import write_diff_workbook
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.models.versions import FrameworkDiff, MigrationReport

DiffFormat = Literal["text", "json", "xlsx"]


@dataclass(frozen=True)
class DiffRequest:
    old: PathLike | None
    """The earlier version (a file or folder; None: the bundled framework)."""
    new: PathLike | None
    output: PathLike | None = None
    """Where to write the report; None: the text or JSON is returned to show."""
    output_format: DiffFormat = "text"
    force: bool = False
    """Replace the output even when it holds someone's work (a committee's notes …)."""


@dataclass(frozen=True)
class DiffResult:
    diff: FrameworkDiff
    text: str
    """The report as text or JSON (empty for a workbook)."""


def diff_framework_files(request: DiffRequest) -> DiffResult:
    """Compare two versions of a framework and write or return the report."""
    if request.output_format == "xlsx" and request.output is None:
        raise InputError.single(
            "output",
            "a workbook report needs a file to be written to",
            "name the workbook to write, e.g. framework-diff.xlsx",
            code="diff.no-output",
        )
    inputs = (resolve_framework_path(request.old), resolve_framework_path(request.new))
    if request.output is not None:
        refuse_inputs(request.output, inputs)
        guard_output(request.output, force=request.force)
    old = load_framework(request.old)
    new = load_framework(request.new)
    diff = diff_frameworks(old, new)
    text = ""
    if request.output_format == "xlsx":
        assert request.output is not None
        write_diff_workbook(diff, old, new, request.output, inputs=inputs)
    else:
        text = diff_json(diff) if request.output_format == "json" else diff_text(diff)
        if request.output is not None:
            write_text(request.output, text, inputs=inputs)
    return DiffResult(diff, text)


def diff_json(diff: FrameworkDiff) -> str:
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class MigrateRequest:
    curriculum: PathLike
    to_framework: PathLike | None
    """The new version (None: the bundled framework)."""
    output: PathLike
    from_framework: PathLike | None = None
    """The version the curriculum was made for; needed when the new file no longer holds
    every id the curriculum maps, and for a mapping workbook."""
    decisions: PathLike | None = None
    """A decisions workbook: read when it exists, else written for the splits."""
    force: bool = False
    """Replace the migrated curriculum and the report even when they hold someone's work."""

    def inputs(self) -> Inputs:
        return (
            *task_inputs(self.to_framework, self.curriculum),
            resolve_framework_path(self.from_framework) if self.from_framework else None,
        )


@dataclass
class MigrateResult:
    curriculum: Curriculum
    report: MigrationReport
    text: str
    """The report as text."""
    decisions_written: Path | None = None
    """The decisions workbook written for a person to fill, when there were splits."""
    decisions_read: int = 0
    """Splits decided in the workbook that was read."""
    warnings: list[Problem] = field(default_factory=list)


def migrate(request: MigrateRequest) -> MigrateResult:
    """Carry the curriculum over to the new version; never writes over its input."""
    inputs = request.inputs()
    _check_outputs(request, inputs)
    new = load_framework(request.to_framework)
    old = load_framework(request.from_framework) if request.from_framework else None
    if old is not None and old.id != new.id:
        raise InputError.single(
            str(resolve_framework_path(request.from_framework)),
            f"the framework '{old.id}' is not a version of '{new.id}'",
            "give the earlier version of the same framework",
            code="migrate.other-framework",
        )
    source = old or new
    curriculum = load_curriculum(request.curriculum, source, [])
    from_version = old.version if old else _made_for(curriculum, new)
    decisions, read, written = None, 0, None
    if request.decisions is not None and Path(request.decisions).exists():
        decisions = read_decisions(request.decisions, curriculum, new)
        read = len(decisions)
    elif request.decisions is not None and split_choices(curriculum, new):
        written = write_decisions(
            curriculum, new, from_version, request.decisions, inputs=(*inputs, request.output)
        )
    migrated, report = migrate_curriculum(curriculum, new, from_version, decisions)
    write_curriculum(migrated, request.output, inputs=inputs)
    return MigrateResult(migrated, report, migration_text(report), written, read)


def migrate_with_report(request: MigrateRequest, report: PathLike | None) -> MigrateResult:
    """``migrate``, and the report written to ``report`` too (JSON for a ``.json`` name)."""
    if report is not None:
        refuse_inputs(report, request.inputs())
        guard_output(report, force=request.force)
        if Path(report).resolve() in (
            Path(request.output).resolve(),
            Path(request.decisions).resolve() if request.decisions else None,
        ):
            raise InputError.single(
                str(report),
                "the report would overwrite another output of this migration",
                "give the report a name of its own, e.g. migration-report.txt",
                code="output.same-file",
            )
    result = migrate(request)
    if report is not None:
        json_report = Path(report).suffix.lower() == ".json"
        text = (
            json.dumps(result.report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
            if json_report
            else result.text
        )
        write_text(report, text, inputs=request.inputs())
    return result


def _made_for(curriculum: Curriculum, new: Framework) -> str:
    """Without the earlier version, the report names the version the curriculum was made for
    as 'earlier' unless it maps no retired item (then it already fits)."""
    retired = new.retired_ids()
    old_ids = any(m.to in retired for _, module in curriculum.modules() for m in module.maps)
    return "an earlier version" if old_ids else new.version


def _check_outputs(request: MigrateRequest, inputs: Inputs) -> None:
    refuse_inputs(request.output, inputs)
    guard_output(request.output, force=request.force)
    if request.decisions is None:
        return
    if Path(request.decisions).suffix.lower() != ".xlsx":
        raise InputError.single(
            str(request.decisions),
            "the decisions are kept in an Excel workbook (.xlsx)",
            f"name it, for example, {Path(request.decisions).with_suffix('.xlsx').name}",
            code="migrate.decisions-not-xlsx",
        )
    if Path(request.decisions).resolve() == Path(request.output).resolve():
        raise InputError.single(
            str(request.output),
            "the migrated curriculum and the decisions workbook would be the same file",
            "give the curriculum a name of its own, e.g. curriculum-v2.yaml",
            code="output.same-file",
        )
