"""Review files (``review.yaml``): reviewer decisions between two runs of ``gap``."""

from __future__ import annotations

from pathlib import Path

from competency_kit.core.errors import InputError, Problem
from competency_kit.core.outputs import write_text
from competency_kit.documents.made_by import with_mark
from competency_kit.documents.sources import load_document
from competency_kit.documents.validation import problem_at, top_level_mapping, validate_document
from competency_kit.documents.yaml_out import to_yaml
from competency_kit.models.review import Review


def load_review(path: str | Path) -> Review:
    """The decisions in a review file; every problem reported with its line."""
    doc = load_document(path, "review")
    top_level_mapping(
        doc,
        "the top level must be a mapping with 'decisions:'",
        "a review file holds the decisions read from a gap-analysis workbook",
        code="review.not-a-mapping",
        kind="review",
    )
    review, schema_problems = validate_document(doc, Review)
    if review is None:
        raise InputError(schema_problems)
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, decision in enumerate(review.decisions):
        if decision.finding in first:
            problems.append(
                problem_at(
                    doc,
                    ("decisions", index, "finding"),
                    f"finding '{decision.finding}' has two decisions (also decisions[{first[decision.finding]}])",
                    "keep one decision per finding",
                    decision.finding,
                    code="review.duplicate-finding",
                )
            )
        first.setdefault(decision.finding, index)
    if problems:
        raise InputError(problems)
    return review


def review_yaml(review: Review) -> str:
    """The review as YAML a person can read: one block per decision, empty fields left out,
    dates as dates, comments with line breaks as ``|`` blocks."""
    return to_yaml(
        review,
        header="# Reviewer decisions read from a gap workbook by 'competency-kit review'.\n"
        "# Give this file to 'competency-kit gap ... --review' to carry them forward.\n",
        mode="python",
        exclude_defaults=False,
    )


def write_review(
    review: Review,
    path: str | Path,
    inputs: tuple[str | Path | None, ...] = (),
    source: str | None = None,
) -> None:
    """Write the review file, marked as made by competency-kit from ``source``."""
    write_text(path, with_mark(review_yaml(review), source), inputs=inputs)
