"""How every sheet prints: A4, heading rows repeated on each page, fitted to the page width.

One function for the mapping and gap workbooks, for streamed (write-only) and ordinary sheets
alike; it must be called before a streamed sheet's first row is written. A sheet too wide to
read fitted to the page prints at a legible scale instead, several pages across; column breaks
then fall between columns, or keep groups of columns (the mapping matrix's competencies) on one
page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

A4 = 9
"""Paper size code of A4 in spreadsheet files."""
PAGE_NUMBERS = "&A — page &P of &N"
"""Footer: the sheet name and "page 2 of 5"."""

Orientation = Literal["landscape", "portrait"]
A4_INCHES = {"landscape": 11.69, "portrait": 8.27}
UNIT_INCHES = 8.8 / 96
"""Printed width of one unit of column width, a little over LibreOffice's (about 8.4 pixels
at 96 dpi; Excel prints about 7 a unit and 5 a column): breaks placed for it fall inside the
page in both programs."""
DEFAULT_WIDTH = 8.43
"""A column's width when none was set (Excel's and LibreOffice's default)."""
LEGIBLE_SCALE = 65
"""Percent below which a sheet fitted to the page width is too small to read on paper: its
11-point text would print under 7 points."""


def print_setup(
    ws: Worksheet | WriteOnlyWorksheet,
    title_rows: str | None = None,
    *,
    title_columns: str | None = None,
    orientation: Orientation | None = "landscape",
    fit_width: bool = True,
    page_numbers: bool = False,
    side_margins: float | None = None,
    scale: int | None = None,
) -> None:
    """Print ``ws`` on A4.

    ``title_rows`` / ``title_columns`` ("1:3", "A:B") repeat on every page. ``fit_width``
    shrinks the sheet to the page width, as many pages tall as it needs; a sheet too wide to
    read that small prints at ``scale`` percent instead. ``orientation`` None leaves the
    program's default (portrait). ``page_numbers`` puts the sheet name and page number in the
    footer; ``side_margins`` are in inches.
    """
    ws.page_setup.paperSize = A4
    if orientation is not None:
        ws.page_setup.orientation = orientation
    if title_rows is not None:
        ws.print_title_rows = title_rows
    if title_columns is not None:
        ws.print_title_cols = title_columns
    if page_numbers:
        ws.oddFooter.center.text = PAGE_NUMBERS
    if side_margins is not None:
        ws.page_margins.left = ws.page_margins.right = side_margins
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if scale is not None:
        ws.page_setup.scale = scale


def legible_width(
    ws: Worksheet | WriteOnlyWorksheet,
    *,
    orientation: Orientation = "landscape",
    title_columns: int = 0,
    scale: int = LEGIBLE_SCALE,
) -> bool:
    """Where fitting ``ws`` to the page width (``print_setup``) would print it smaller than
    ``scale`` percent, print it at ``scale`` instead, as many pages across as it needs, each
    page break between two columns and the first ``title_columns`` repeated on each (name
    them in ``print_setup``). Call once every column has its width. True when the sheet now
    prints more than one page across."""
    last = max((column_index_from_string(c) for c in ws.column_dimensions), default=0)
    margins = ws.page_margins.left + ws.page_margins.right
    page = (A4_INCHES[orientation] - margins) * 100 / scale / UNIT_INCHES
    if sum(_width(ws, c) for c in range(1, last + 1)) <= page:
        return False
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    ws.page_setup.scale = scale
    groups = [(c, c) for c in range(title_columns + 1, last + 1)]
    keep_columns_together(
        ws,
        groups,
        orientation=orientation,
        side_margins=margins / 2,
        scale=scale,
        title_columns=title_columns,
    )
    return True


def keep_columns_together(
    ws: Worksheet | WriteOnlyWorksheet,
    groups: Sequence[tuple[int, int]],
    *,
    orientation: Orientation,
    side_margins: float,
    scale: int,
    title_columns: int = 0,
) -> list[int]:
    """Column page breaks, so that a page never cuts one of ``groups`` (first and last column
    numbers, in order): a heading merged over a group's columns prints whole. A group wider
    than a page is cut where the page ends, as the program would. Returns the last column of
    each page but the last."""
    available = (A4_INCHES[orientation] - 2 * side_margins) * 100 / scale / UNIT_INCHES
    available -= sum(_width(ws, c) for c in range(1, title_columns + 1))
    breaks, used = [], 0.0
    for first, last in groups:
        width = sum(_width(ws, c) for c in range(first, last + 1))
        if used and used + width > available:
            breaks.append(first - 1)
            used = 0.0
        used += width
    for column in breaks:
        ws.col_breaks.append(Break(id=column))
    return breaks


def _width(ws: Worksheet | WriteOnlyWorksheet, column: int) -> float:
    dimension = ws.column_dimensions.get(get_column_letter(column))
    return dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH
