"""``gap`` from files to files: load, analyse, write the workbook and the JSON report.

The one place that decides whether an existing gap workbook may be replaced: a workbook holding
reviewer decisions this run has not been given is never overwritten silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis import analyse
from .curriculum_io import load_curriculum
from .errors import InputError
from .excel.gap_workbook import GapWorkbookResult, MatrixBy, write_gap_workbook
from .excel.review import read_review
from .framework_io import load_framework, resolve_framework_path
from .models.framework import Framework
from .models.report import GapReport
from .models.review import Decision, Review
from .outputs import refuse_inputs, write_text
from .policy_io import load_policy
from .review_io import load_review

if TYPE_CHECKING:
    from .demo import DemoExample


@dataclass
class GapRun:
    report: GapReport
    workbook: GapWorkbookResult


def run_gap(
    curriculum_path: str | Path,
    output: str | Path,
    *,
    json_path: str | Path | None = None,
    policy_path: str | Path | None = None,
    review_path: str | Path | None = None,
    framework_path: str | Path | None = None,
    by: MatrixBy = "modules",
    force: bool = False,
) -> GapRun:
    """Analyse the curriculum and write the gap workbook (and the JSON report when asked)."""
    inputs = (curriculum_path, policy_path, review_path, resolve_framework_path(framework_path))
    refuse_inputs(output, inputs)
    if json_path is not None:
        refuse_inputs(json_path, (*inputs, output))
        if Path(json_path).resolve() == Path(output).resolve():
            raise InputError.single(
                str(json_path),
                "the JSON report and the workbook would be the same file",
                "give --json a different file name, e.g. gap.json",
            )
    framework = load_framework(framework_path)
    curriculum = load_curriculum(curriculum_path, framework)
    policy = load_policy(policy_path, framework) if policy_path else None
    review = load_review(review_path) if review_path else None
    if not force:
        guard_existing_workbook(Path(output), review)
    report = analyse(framework, curriculum, policy)
    result = write_gap_workbook(report, framework, curriculum, output, review, by, inputs=inputs)
    if json_path is not None:
        write_text(json_path, gap_json(report), inputs=(*inputs, output))
    return GapRun(report, result)


def gap_json(report: GapReport) -> str:
    """The report as ``gap --json`` writes it: the model dumped, nothing added."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def guard_existing_workbook(output: Path, review: Review | None) -> None:
    """Refuse to replace a workbook whose reviewer decisions are not all in ``review``."""
    if not output.exists():
        return
    refuse = (
        f"use 'competency-kit review {output} -o review.yaml' to save the decisions, then "
        "run gap again with '--review review.yaml'; or add --force to overwrite it"
    )
    try:
        existing = read_review(output)
    except InputError as exc:
        raise InputError.single(
            str(output),
            "the output already exists and cannot be read as a gap workbook "
            f"({exc.problems[0].message}); overwriting could lose a reviewer's work",
            f"choose another output name, {refuse}",
        ) from None
    given = review.by_finding() if review else {}
    unread = [d for d in existing.decisions if not _same(d, given.get(d.finding))]
    if unread:
        raise InputError.single(
            str(output),
            f"the workbook already holds reviewer decisions on {len(unread)} "
            f"finding(s) that this run was not given (e.g. '{unread[0].finding}'); "
            "overwriting it would lose them",
            refuse,
        )


def _same(decision: Decision, other: Decision | None) -> bool:
    fields = ("status", "action", "owner", "due", "comment")
    return other is not None and all(getattr(decision, f) == getattr(other, f) for f in fields)


def gap_demo_step(framework: Framework, example: DemoExample | None, out: Path) -> list[Path]:
    """Demo: the gap workbook and JSON report of the sample hospitality diploma."""
    if example is None:
        return []
    write_gap_workbook(example.report, framework, example.curriculum, out / "gap.xlsx")
    write_text(out / "gap.json", gap_json(example.report))
    return [out / "gap.xlsx", out / "gap.json"]
