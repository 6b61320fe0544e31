"""``gap``: analyse a curriculum and write the reviewer's workbook (and the JSON report).

A workbook holding reviewer decisions this run has not been given is never overwritten
silently (``app.guard``, given this run's review).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.analysis import analyse
from competency_kit.analysis.migration import carry_decisions, migrate_curriculum, retired_findings
from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.languages import normalise
from competency_kit.core.outputs import refuse_inputs, write_text
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.policy_io import load_policy
from competency_kit.documents.review_io import load_review
from competency_kit.excel.gap.review import read_review
from competency_kit.excel.gap.workbook import GapWorkbookResult, MatrixBy, write_gap_workbook
from competency_kit.models.framework import Framework
from competency_kit.models.report import GapReport
from competency_kit.models.review import Review
from competency_kit.pdf.templating import LocalText, TemplateSet, available_languages


@dataclass(frozen=True)
class GapRequest:
    curriculum: PathLike
    output: PathLike
    json_path: PathLike | None = None
    policy: PathLike | None = None
    review: PathLike | None = None
    framework: PathLike | None = None
    by: MatrixBy = "modules"
    force: bool = False
    lang: str = "en"
    """Language of the workbook: its sheets, headings, lists, framework texts and finding
    sentences (the JSON report stays English)."""
    """Replace the outputs even when they hold someone's work (decisions this run was not
    given, a curriculum …)."""
    migrate: bool = False
    """Carry a review (and a curriculum) made for an earlier framework version along the
    lineage of the framework in use."""

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.curriculum, self.policy, self.review)


@dataclass
class GapResult:
    report: GapReport
    workbook: GapWorkbookResult
    notes: list[Problem] = field(default_factory=list)
    """Warnings about the inputs (a module without hours …); the outputs were written."""
    migrated_decisions: list[str] = field(default_factory=list)
    """Findings whose decisions moved to the items that replaced theirs (``migrate``)."""


def run_gap(request: GapRequest) -> GapResult:
    """Analyse the curriculum and write the gap workbook (and the JSON report when asked)."""
    inputs = request.inputs()
    _check_outputs(request, inputs)
    lang = normalise(request.lang, available_languages(TemplateSet.shared()))
    framework = load_framework(request.framework)
    notes: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, notes)
    policy = load_policy(request.policy, framework) if request.policy else None
    review = load_decisions(request.review) if request.review else None
    guard_output(request.output, force=request.force, review=review)
    guard_output(request.json_path, force=request.force)
    carried: list[str] = []
    if request.migrate:
        curriculum, _ = migrate_curriculum(curriculum, framework, "an earlier version")
        notes = [n for n in notes if n.code != "curriculum.retired-target"]
        if review is not None:
            review, carried = carry_decisions(review, framework)
    elif review is not None:
        _refuse_earlier_review(request, review, framework)
    framework = framework.current()
    report = analyse(framework, curriculum, policy)
    workbook = write_gap_workbook(
        report,
        framework,
        curriculum,
        request.output,
        review,
        request.by,
        inputs=inputs,
        messages=finding_messages(report, framework, lang),
        lang=lang,
    )
    if request.json_path is not None:
        write_text(request.json_path, gap_json(report), inputs=(*inputs, request.output))
    return GapResult(report, workbook, notes, carried)


def load_decisions(path: PathLike) -> Review:
    """Reviewer decisions from a review file, or straight from last round's gap workbook."""
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return read_review(path)
    return load_review(path)


def _refuse_earlier_review(request: GapRequest, review: Review, framework: Framework) -> None:
    stale = retired_findings(review, framework)
    if stale:
        raise InputError.single(
            str(request.review),
            f"{len(stale)} decision(s) are about items that have left version "
            f"{framework.version} of the framework (e.g. '{stale[0]}'): the review was made for "
            "an earlier version",
            "carry the decisions over along the framework's lineage to the items that replaced "
            "them",
            code="review.earlier-version",
        )


def _check_outputs(request: GapRequest, inputs: Inputs) -> None:
    """Refuse a bad output name before the slow part, so a mistyped name costs nothing."""
    refuse_inputs(request.output, inputs)
    if request.json_path is None:
        return
    refuse_inputs(request.json_path, (*inputs, request.output))
    if Path(request.json_path).resolve() == Path(request.output).resolve():
        raise InputError.single(
            str(request.json_path),
            "the JSON report and the workbook would be the same file",
            "give the JSON report a different file name, e.g. gap.json",
            code="output.same-file",
        )


@dataclass(frozen=True)
class ReportRequest:
    """The gap report alone, as ``gap --json`` writes it, with no workbook."""

    curriculum: PathLike
    policy: PathLike | None = None
    framework: PathLike | None = None


def gap_report(request: ReportRequest) -> GapReport:
    framework = load_framework(request.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    policy = load_policy(request.policy, framework) if request.policy else None
    return analyse(framework, curriculum, policy)


def gap_json(report: GapReport) -> str:
    """The report as ``gap --json`` writes it: the model dumped, nothing added."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def finding_messages(report: GapReport, framework: Framework, lang: str) -> dict[str, LocalText]:
    """Finding id → its sentence in ``lang`` (a normalised code), with the language it is
    written in (English where the catalogue does not word it); nothing for English, whose
    sentences the report already holds."""
    if lang.split("-")[0] == "en":
        return {}
    tr = TemplateSet.shared().catalogue(lang).for_framework(framework)
    return {f.id: tr.finding(f, framework) for f in report.findings}
