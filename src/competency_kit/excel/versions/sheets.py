"""What the version workbooks share: a titled named table with a frozen heading row, and
the hidden sheet of facts a reader checks before it trusts the workbook. Cells, styles,
tables and printing come from the workbook toolkit (``excel.cells``, ``excel.palette``,
``excel.tables``, ``excel.printing``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.excel import cells
from competency_kit.excel.cells import fit_height
from competency_kit.excel.palette import BLUE_HEADER, TITLE, TOP, WHITE_BOLD, WRAP, WRAP_LEFT
from competency_kit.excel.printing import print_setup
from competency_kit.excel.tables import add_table

META = "_meta"
HEADER_ROW = 4
"""Title in row 1, a hint in row 2, the headings in row 4."""


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write a value, wrapped from the top left of its row; text always as text, never a
    formula."""
    return cells.put(ws.cell(row, column), value, alignment=WRAP_LEFT)


def table(
    ws: Worksheet,
    name: str,
    title: str,
    hint: str,
    columns: Sequence[tuple[str, int]],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Title, hint, then a table called ``name`` (headings frozen, a filter on each, announced
    by screen readers); A4 landscape, headings on every page."""
    cells.put(ws.cell(1, 1), title, font=TITLE, alignment=TOP)
    cells.put(ws.cell(2, 1), hint, alignment=TOP)
    letters = [get_column_letter(c) for c in range(1, len(columns) + 1)]
    for c, (label, width) in enumerate(columns, start=1):
        cells.put(ws.cell(HEADER_ROW, c), label, font=WHITE_BOLD, fill=BLUE_HEADER, alignment=WRAP)
        ws.column_dimensions[letters[c - 1]].width = width
    fit_height(ws, HEADER_ROW, dict(zip(letters, (label for label, _ in columns), strict=True)))
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
        texts = [None if v is None else str(v) for v in values]
        fit_height(ws, r, dict(zip(letters, texts, strict=False)))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    add_table(
        ws,
        name,
        [label for label, _ in columns],
        header_row=HEADER_ROW,
        last_row=HEADER_ROW + len(rows),
    )
    print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}", page_numbers=True)


def meta_sheet(ws: Worksheet, facts: Sequence[tuple[str, str]]) -> None:
    for row, (key, value) in enumerate(facts, start=1):
        cells.put(ws.cell(row, 1), key)
        cells.put(ws.cell(row, 2), value)
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
