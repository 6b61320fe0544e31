"""Review files: written readable, read back equal, mistakes placed by line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from competency_kit.core.errors import InputError
from competency_kit.documents.review_io import load_review, review_yaml, write_review
from competency_kit.models.review import Decision, Review


def test_written_and_read_back_equal(tmp_path: Path) -> None:
    review = Review(
        source="gap.xlsx",
        decisions=[
            Decision(
                finding="uncovered-statement:CP3.2-K1",
                status="Action planned",
                action='=HYPERLINK("x") add it',
                owner="Ana",
                due=dt.date(2026, 3, 31),
                comment="+1: agreed\nsecond line, é",
                about="CP3.2-K1 is not taught",
            )
        ],
    )
    path = tmp_path / "review.yaml"
    write_review(review, path)
    text = path.read_text(encoding="utf-8")
    assert "  - finding: uncovered-statement:CP3.2-K1\n    status: Action planned\n" in text
    assert "    due: 2026-03-31\n" in text
    assert "    comment: |-\n      +1: agreed\n      second line, é\n" in text
    assert load_review(path) == review


def test_quoted_dates_accepted(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(
        "decisions:\n  - {finding: a:b, status: Resolved, due: '2026-01-02'}\n", encoding="utf-8"
    )
    assert load_review(path).decisions[0].due == dt.date(2026, 1, 2)


def test_mistakes_placed_by_line(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(
        "decisions:\n  - finding: a:b\n    status: Done\n  - finding: a:b\n    status: Resolved\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_review(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "decisions[0].status")
    path.write_text("decisions:\n  - finding: a:b\n  - finding: a:b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_review(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (
        3,
        "finding 'a:b' has two decisions (also decisions[0])",
    )


def test_yaml_starts_with_an_explanation() -> None:
    assert review_yaml(Review()).startswith("# Reviewer decisions read from a gap workbook")
