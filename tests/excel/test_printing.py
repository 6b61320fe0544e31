"""One print setup for every sheet: A4, repeated headings, fitted width or a fixed scale."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from competency_kit.excel.printing import (
    LEGIBLE_SCALE,
    PAGE_NUMBERS,
    keep_columns_together,
    legible_width,
    print_setup,
)
from competency_kit.excel.saving import save_workbook


def test_streamed_sheet_landscape_fitted_to_the_width(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Wide")
    print_setup(ws, "1:1", title_columns="A:B")
    ws.append(["a", "b"])
    save_workbook(wb, tmp_path / "w.xlsx")
    back = load_workbook(tmp_path / "w.xlsx")["Wide"]
    assert back.page_setup.paperSize == 9
    assert back.page_setup.orientation == "landscape"
    assert (back.page_setup.fitToWidth, back.page_setup.fitToHeight) == (1, 0)
    assert back.sheet_properties.pageSetUpPr.fitToPage
    assert (back.print_title_rows, back.print_title_cols) == ("$1:$1", "$A:$B")
    assert not back.oddFooter.center.text


def test_ordinary_sheet_portrait_with_page_numbers_and_a_scale(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tall"
    print_setup(
        ws, "1:3", orientation="portrait", fit_width=False, page_numbers=True, side_margins=0.4
    )
    print_setup(wb.create_sheet("Scaled"), fit_width=False, scale=80)
    print_setup(wb.create_sheet("Default"), orientation=None)
    save_workbook(wb, tmp_path / "o.xlsx")
    back = load_workbook(tmp_path / "o.xlsx")
    tall = back["Tall"]
    assert tall.page_setup.orientation == "portrait"
    assert tall.print_title_rows == "$1:$3"
    assert tall.oddFooter.center.text == PAGE_NUMBERS
    assert (tall.page_margins.left, tall.page_margins.right) == (0.4, 0.4)
    assert not tall.sheet_properties.pageSetUpPr.fitToPage
    assert back["Scaled"].page_setup.scale == 80
    assert back["Default"].page_setup.orientation is None
    assert back["Default"].sheet_properties.pageSetUpPr.fitToPage


def test_column_breaks_keep_each_group_on_one_page() -> None:
    ws = Workbook().active
    for column in range(1, 31):
        ws.column_dimensions[get_column_letter(column)].width = 10
    groups = [(3, 6), (7, 12), (13, 14), (15, 22), (23, 30)]
    # Landscape A4 at 100% with 0.5 inch sides: about 117 units, 97 after the two title
    # columns; groups of 40, 60, 20, 80 and 80 units.
    ends = keep_columns_together(
        ws, groups, orientation="landscape", side_margins=0.5, scale=100, title_columns=2
    )
    assert ends == [6, 14, 22]
    assert [b.id for b in ws.col_breaks.brk] == ends
    ends_smaller = keep_columns_together(
        Workbook().active, [(1, 40), (41, 45)], orientation="portrait", side_margins=0.4, scale=50
    )
    assert ends_smaller == [40]  # a group wider than a page starts a page of its own


def test_no_breaks_when_everything_fits() -> None:
    ws = Workbook().active
    assert (
        keep_columns_together(
            ws,
            [(3, 4), (5, 9)],
            orientation="landscape",
            side_margins=0.4,
            scale=80,
            title_columns=2,
        )
        == []
    )
    assert not ws.col_breaks.brk


def test_a_sheet_too_wide_to_fit_legibly_prints_at_the_legible_scale(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    wide, narrow = wb.create_sheet("Wide"), wb.create_sheet("Narrow")
    for ws, count in ((wide, 30), (narrow, 8)):
        for column in range(1, count + 1):
            ws.column_dimensions[get_column_letter(column)].width = 10
        print_setup(ws, "1:1", title_columns="A:A")
    assert legible_width(wide, title_columns=1) and not legible_width(narrow, title_columns=1)
    for ws in (wide, narrow):
        ws.append(["a"])
    save_workbook(wb, tmp_path / "w.xlsx")
    back = load_workbook(tmp_path / "w.xlsx")
    assert back["Narrow"].sheet_properties.pageSetUpPr.fitToPage
    assert not back["Narrow"].col_breaks.brk
    wide_back = back["Wide"]
    assert not wide_back.sheet_properties.pageSetUpPr.fitToPage
    assert wide_back.page_setup.scale == LEGIBLE_SCALE
    # Landscape A4 at 65% with the default 0.75-inch sides: about 171 units, 161 after the
    # repeated column A; pages of 16 columns of 10 (B to Q, then R to AD).
    assert [b.id for b in wide_back.col_breaks.brk] == [17]
