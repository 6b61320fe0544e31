"""Reading reviewer decisions out of a gap workbook, as a reviewer leaves it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from competency_kit.analysis import analyse
from competency_kit.core.errors import InputError
from competency_kit.excel.gap.review import read_review
from competency_kit.excel.gap.workbook import write_gap_workbook
from competency_kit.excel.mapping.workbook import write_mapping_workbook
from competency_kit.models.review import Decision, Review

from ..gap_example import tiny


def gap_workbook(path: Path, review: Review | None = None) -> Path:
    framework, curriculum = tiny()
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, path, review)
    return path


def fill(path: Path, cells: dict[str, object], sheet: str = "Findings") -> None:
    """Type into the workbook as a reviewer would, and save it."""
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def test_untouched_workbook_holds_no_decisions(tmp_path: Path) -> None:
    review = read_review(gap_workbook(tmp_path / "gap.xlsx"))
    assert review == Review(source="gap.xlsx", decisions=[])


def test_decisions_read_by_finding_id(tmp_path: Path) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx")
    fill(
        path,
        {
            "F2": "Action planned",
            "G2": '=HYPERLINK("http://x") add a role-play',
            "H2": "Ana",
            "I2": dt.date(2026, 3, 31),
            "J2": "+1 agreed with QA",
            "F3": "not applicable",
            "J4": "check next year",
            "I5": "2026-04-15",
        },
    )
    review = read_review(path)
    assert review.decisions == [
        Decision(
            finding="uncovered-statement:A2.1-S1",
            status="Action planned",
            action='=HYPERLINK("http://x") add a role-play',
            owner="Ana",
            due=dt.date(2026, 3, 31),
            comment="+1 agreed with QA",
            about="A2.1-S1 (skill) is not taught by any module: “Responds calmly.”",
        ),
        Decision(
            finding="uncovered-statement:A2.1-A1",
            status="Not applicable",
            about=review.decisions[1].about,
        ),
        Decision(
            finding="area-coverage:A2", comment="check next year", about=review.decisions[2].about
        ),
        Decision(
            finding="required-depth:A1.1-S1",
            due=dt.date(2026, 4, 15),
            about=review.decisions[3].about,
        ),
    ]


def test_columns_found_by_heading(tmp_path: Path) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx")
    wb = load_workbook(path)
    ws = wb["Findings"]
    ws.insert_cols(2)  # the reviewer adds a column of their own
    ws["B1"] = "My notes"
    ws["I2"] = "Ana"  # Owner, one column further right now
    wb.save(path)
    (decision,) = read_review(path).decisions
    assert (decision.finding, decision.owner) == ("uncovered-statement:A2.1-S1", "Ana")


def test_every_bad_cell_reported_with_its_place(tmp_path: Path) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx")
    fill(path, {"F7": "Done", "I7": "next week", "I9": "31/02/2026", "A20": None, "G20": "orphan"})
    with pytest.raises(InputError) as caught:
        read_review(path)
    problems = caught.value.problems
    assert [(p.location, p.message, p.fix) for p in problems] == [
        (
            f"{path}!Findings!F7",
            "unknown status 'Done'",
            "choose one of: Open, Accepted, Action planned, Resolved, Not applicable "
            "(use the dropdown)",
        ),
        (
            f"{path}!Findings!I7",
            "'next week' is not a date in a form that can be read",
            "write it as year-month-day, such as 2027-03-31, or enter it as a date cell",
        ),
        (
            f"{path}!Findings!I9",
            "'31/02/2026' is not a date in a form that can be read",
            "write it as year-month-day, such as 2027-03-31, or enter it as a date cell",
        ),
        (
            f"{path}!Findings!A20",
            "this row has reviewer notes but no finding id",
            "write the notes on the row of the finding they are about",
        ),
    ]


def test_a_day_month_year_date_names_the_column_as_the_sheet_does(tmp_path: Path) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx")
    fill(path, {"I7": "31/03/2027", "I9": "03/04/2027"})
    with pytest.raises(InputError) as caught:
        read_review(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}!Findings!I7: error: Due date: '31/03/2027' is not a date in a form that can "
        "be read\n    fix: write it as year-month-day: 2027-03-31",
        f"{path}!Findings!I9: error: Due date: '03/04/2027' is not a date in a form that can "
        "be read\n    fix: write it as year-month-day: 2027-03-04 or 2027-04-03, whichever "
        "you meant",
    ]


def test_a_finding_twice_is_an_error(tmp_path: Path) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx")
    fill(path, {"A3": "uncovered-statement:A2.1-S1"})
    with pytest.raises(InputError) as caught:
        read_review(path)
    (problem,) = caught.value.problems
    assert problem.cell == "Findings!A3"
    assert problem.message == (
        "finding 'uncovered-statement:A2.1-S1' appears twice (also at Findings!A2)"
    )


def test_closed_decisions_are_read_again(tmp_path: Path) -> None:
    old = Decision(
        finding="uncovered-statement:GONE", status="Resolved", owner="Ben", about="was missing"
    )
    path = gap_workbook(tmp_path / "gap.xlsx", Review(decisions=[old]))
    assert read_review(path).decisions == [old]


def test_not_a_gap_workbook(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_review(other)
    assert caught.value.problems[0].message == ("this file is not an Excel workbook (.xlsx)")


def test_a_mapping_workbook_is_named_as_such(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    path = write_mapping_workbook(framework, tmp_path / "mapping.xlsx", curriculum)
    with pytest.raises(InputError) as caught:
        read_review(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.message) == (
        "file.is-mapping-workbook",
        "this is a mapping workbook (a curriculum filled in by an educator), not a "
        "gap-analysis workbook",
    )
