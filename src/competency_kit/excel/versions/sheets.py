"""What the version workbooks share: a titled table with a frozen, filtered heading row, and
the hidden sheet of facts a reader checks before it trusts the workbook."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.excel.cells import clean

META = "_meta"
HEADER_ROW = 4
"""Title in row 1, a hint in row 2, the headings in row 4."""
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", start_color="305496")
INPUT_FILL = PatternFill("solid", start_color="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


def put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write a value; text always as text, never as a formula."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    cell.alignment = WRAP
    return cell


def table(
    ws: Worksheet,
    title: str,
    hint: str,
    columns: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Title, hint, headings (frozen, with filters), rows; A4 landscape, headings on every page."""
    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    put(ws, 2, 1, hint).alignment = Alignment(wrap_text=False, vertical="top")
    for c, (label, width) in enumerate(columns, start=1):
        cell = put(ws, HEADER_ROW, c, label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
    last = get_column_letter(len(columns))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "&A — page &P of &N"


def meta_sheet(ws: Worksheet, facts: Sequence[tuple[str, str]]) -> None:
    for row, (key, value) in enumerate(facts, start=1):
        put(ws, row, 1, key)
        put(ws, row, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def read_meta(ws: Any) -> dict[str, tuple[str, Any]]:
    """Key → (cell, value) of a hidden facts sheet."""
    facts: dict[str, tuple[str, Any]] = {}
    for row, values in enumerate(ws.iter_rows(max_col=2, max_row=50, values_only=True), start=1):
        key, value = (*tuple(values), None, None)[:2]
        if isinstance(key, str):
            facts[key] = (f"{META}!B{row}", value)
    return facts
