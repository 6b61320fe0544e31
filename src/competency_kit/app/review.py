"""``review``: the reviewers' decisions out of a gap workbook, into a review file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from competency_kit.app.guard import guard_output
from competency_kit.app.inputs import PathLike
from competency_kit.core.outputs import refuse_inputs
from competency_kit.documents.review_io import write_review
from competency_kit.excel.gap.review import read_review
from competency_kit.models.review import Review


@dataclass(frozen=True)
class ReviewRequest:
    workbook: PathLike
    output: PathLike
    force: bool = False
    """Replace the output even when it holds someone's work (an edited review file …)."""


def extract_review(request: ReviewRequest) -> Review:
    refuse_inputs(request.output, (request.workbook,))
    guard_output(request.output, force=request.force)
    review = read_review(request.workbook)
    write_review(
        review, request.output, inputs=(request.workbook,), source=Path(request.workbook).name
    )
    return review
