"""Structural damage to a mapping workbook is one message that names it, before any cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.reader import read_mapping_workbook

from .test_mapping_import import edited, read_errors
from .test_mapping_workbook import small_framework

RESTORE_ROW = (
    "undo the change (Ctrl+Z) or put the row back, or copy your rows into a new mapping workbook"
)


def test_a_deleted_id_row_is_one_message(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MAPPING].delete_rows(L.MAP_ID_ROW)

    assert read_errors(edited(tmp_path, edit)) == [
        "Mapping!A4: the row of statement and competency ids (row 4 of the Mapping sheet, above "
        f"the module rows) is missing: it was deleted or its ids were overwritten | {RESTORE_ROW}"
    ]


def test_a_row_deleted_above_the_ids_moves_them(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MAPPING].delete_rows(2)

    assert read_errors(edited(tmp_path, edit)) == [
        "Mapping!A3: the row of statement and competency ids on the Mapping sheet is on row 3 "
        "instead of row 4: a row above it was deleted, so every mark would be read in the wrong "
        f"row | {RESTORE_ROW}"
    ]


def test_a_deleted_heading_row_of_a_table(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.COURSES].delete_rows(L.TABLE_HEADER_ROW)

    assert read_errors(edited(tmp_path, edit)) == [
        "Courses!A3: the heading row of the Courses sheet (row 3: Course id, Course title, "
        "Course description …) is missing: it was deleted or overwritten, so every row below "
        f"would be read in the wrong place | {RESTORE_ROW}"
    ]


def test_a_deleted_and_an_inserted_column(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MODULES].delete_cols(4)  # Hours
        book[L.EVIDENCE].insert_cols(2)

    assert read_errors(edited(tmp_path, edit)) == [
        "Modules!D3: the column 'Hours' (D) of the Modules sheet was deleted: the columns after "
        "it moved left and would be read as the wrong fields | undo the change (Ctrl+Z) or put "
        "the column back, or copy your rows into a new mapping workbook",
        "Evidence!B3: a column was inserted before 'Statement or competency id' (B) on the "
        "Evidence sheet: the columns after it moved right and would be read as the wrong fields "
        "| delete the inserted column, or put your notes in a column after the last one",
    ]


def test_a_reworded_heading_is_still_read_by_position(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MODULES]["D3"] = "Hours per module"

    assert read_mapping_workbook(edited(tmp_path, edit), small_framework()).courses


def test_a_missing_course_is_named_once_with_its_modules(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.COURSES].delete_rows(L.TABLE_HEADER_ROW + 1)  # C1, whose modules stay

    assert read_errors(edited(tmp_path, edit)) == [
        "Modules!A4: the course 'C1' is not on the Courses sheet; its modules 'C1-M1' and "
        "'C1-M2' could not be read | add the course 'C1' on the Courses sheet (its row may have "
        "been deleted), or correct the course id in column A"
    ]


def test_a_course_id_typed_in_another_case_is_guessed(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MODULES]["A4"] = "c1"

    [error] = read_errors(edited(tmp_path, edit))
    assert error.startswith(
        "Modules!A4: the course 'c1' is not on the Courses sheet; its module 'C1-M1' could not "
        "be read | did you mean 'C1'? add the course 'c1'"
    )
