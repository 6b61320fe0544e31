"""The one cell writer: text stays text on ordinary and streamed sheets, styles as given."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from competency_kit.excel import palette
from competency_kit.excel.cells import put, styled, text, wrapped_lines
from competency_kit.excel.saving import save_workbook


def test_put_writes_user_text_as_text_with_the_style_given(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    put(ws["A1"], '=HYPERLINK("http://example.org")', font=palette.BOLD, border=palette.BOX)
    put(ws["A2"], "tab\x07bell", fill=palette.NAVY_HEADER)
    put(ws["A3"], 6, number_format="0.0")
    put(ws["A4"], "=1+1")
    ws["A5"] = "=1+1"  # what openpyxl does by itself, for contrast
    save_workbook(wb, tmp_path / "cells.xlsx")
    back = load_workbook(tmp_path / "cells.xlsx")
    cells = back.active
    assert (cells["A1"].value, cells["A1"].data_type) == ('=HYPERLINK("http://example.org")', "s")
    assert cells["A1"].font.bold and cells["A1"].border.left.style == "thin"
    assert cells["A2"].value == "tabbell"
    assert cells["A2"].fill.fgColor.rgb == "00" + palette.NAVY
    assert (cells["A3"].value, cells["A3"].number_format) == (6, "0.0")
    assert cells["A4"].data_type == "s" and cells["A5"].data_type == "f"


def test_put_leaves_the_parts_not_given_as_they_are() -> None:
    ws = Workbook().active
    ws["A1"].font = palette.BOLD
    put(ws["A1"], "x", alignment=palette.WRAP)
    assert ws["A1"].font.bold and ws["A1"].alignment.wrap_text


def test_streamed_cells_share_one_style_and_keep_text_as_text(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    ws.append(
        [
            styled(ws, "=SUM(A1:A2)", font=palette.BOLD),
            styled(ws, "plain", font=palette.BOLD),
            text(ws, "=formula?"),
            text(ws, "as is"),
        ]
    )
    save_workbook(wb, tmp_path / "stream.xlsx")
    row = next(load_workbook(tmp_path / "stream.xlsx")["S"].iter_rows())
    assert [c.value for c in row] == ["=SUM(A1:A2)", "plain", "=formula?", "as is"]
    assert [c.data_type for c in row] == ["s", "s", "s", "s"]
    assert row[0].font.bold and row[1].font.bold and not row[3].font.bold
    assert row[0].style_id == row[1].style_id


def test_wrapped_lines_counts_line_breaks_and_long_lines() -> None:
    assert wrapped_lines("short", 10) == 1
    assert wrapped_lines("x" * 25, 10) == 3
    assert wrapped_lines("one\n\ntwo", 10) == 3
