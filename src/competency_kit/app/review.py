"""``review``: the reviewers' decisions out of a gap workbook, into a review file."""

from __future__ import annotations

from dataclasses import dataclass

from competency_kit.app.inputs import PathLike
from competency_kit.documents.review_io import write_review
from competency_kit.excel.gap.review import read_review
from competency_kit.models.review import Review


@dataclass(frozen=True)
class ReviewRequest:
    workbook: PathLike
    output: PathLike


def extract_review(request: ReviewRequest) -> Review:
    review = read_review(request.workbook)
    write_review(review, request.output, inputs=(request.workbook,))
    return review
