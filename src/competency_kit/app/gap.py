"""``gap``: analyse a curriculum and write the reviewer's workbook (and the JSON report).

The one place that decides whether an existing gap workbook may be replaced: a workbook holding
reviewer decisions this run has not been given is never overwritten silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from competency_kit.analysis import analyse
from competency_kit.analysis.migration import carry_decisions, migrate_curriculum, retired_findings
from competency_kit.app.inputs import Inputs, PathLike, load_curriculum, task_inputs
from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import refuse_inputs, write_text
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.policy_io import load_policy
from competency_kit.documents.review_io import load_review
from competency_kit.excel.gap.review import read_review
from competency_kit.excel.gap.workbook import GapWorkbookResult, MatrixBy, write_gap_workbook
from competency_kit.models.framework import Framework
from competency_kit.models.report import GapReport
from competency_kit.models.review import Decision, Review


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
    """Replace a workbook even when it holds decisions this run was not given."""
    migrate: bool = False
    """Carry a review (and a curriculum) made for an earlier framework version along the
    lineage of the framework in use."""

    def inputs(self) -> Inputs:
        return task_inputs(self.framework, self.curriculum, self.policy, self.review)


@dataclass
class GapResult:
    report: GapReport
    workbook: GapWorkbookResult
    warnings: list[Problem] = field(default_factory=list)
    """Problems worth a look that did not stop the run (mappings to retired items)."""
    migrated_decisions: list[str] = field(default_factory=list)
    """Findings whose decisions moved to the items that replaced theirs (``migrate``)."""


def run_gap(request: GapRequest) -> GapResult:
    """Analyse the curriculum and write the gap workbook (and the JSON report when asked)."""
    inputs = request.inputs()
    _check_outputs(request, inputs)
    framework = load_framework(request.framework)
    warnings: list[Problem] = []
    curriculum = load_curriculum(request.curriculum, framework, warnings)
    policy = load_policy(request.policy, framework) if request.policy else None
    review = load_review(request.review) if request.review else None
    if not request.force:
        guard_existing_workbook(Path(request.output), review)
    carried: list[str] = []
    if request.migrate:
        curriculum, _ = migrate_curriculum(curriculum, framework, "an earlier version")
        warnings = []
        if review is not None:
            review, carried = carry_decisions(review, framework)
    elif review is not None:
        _refuse_earlier_review(request, review, framework)
    framework = framework.current()
    report = analyse(framework, curriculum, policy)
    workbook = write_gap_workbook(
        report, framework, curriculum, request.output, review, request.by, inputs=inputs
    )
    if request.json_path is not None:
        write_text(request.json_path, gap_json(report), inputs=(*inputs, request.output))
    return GapResult(report, workbook, warnings, carried)


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


def gap_json(report: GapReport) -> str:
    """The report as ``gap --json`` writes it: the model dumped, nothing added."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def guard_existing_workbook(output: Path, review: Review | None) -> None:
    """Refuse to replace a workbook whose reviewer decisions are not all in ``review``."""
    if not output.exists():
        return
    try:
        existing = read_review(output)
    except InputError as exc:
        raise InputError.single(
            str(output),
            "the output already exists and cannot be read as a gap workbook "
            f"({exc.problems[0].message}); overwriting could lose a reviewer's work",
            "choose another output name",
            code="output.not-a-gap-workbook",
        ) from None
    given = review.by_finding() if review else {}
    unread = [d for d in existing.decisions if not _same(d, given.get(d.finding))]
    if unread:
        raise InputError.single(
            str(output),
            f"the workbook already holds reviewer decisions on {len(unread)} "
            f"finding(s) that this run was not given (e.g. '{unread[0].finding}'); "
            "overwriting it would lose them",
            "save its decisions to a review file and give them to this run, "
            "or choose another output name",
            code="output.holds-decisions",
        )


def _same(decision: Decision, other: Decision | None) -> bool:
    fields = ("status", "action", "owner", "due", "comment")
    return other is not None and all(getattr(decision, f) == getattr(other, f) for f in fields)
