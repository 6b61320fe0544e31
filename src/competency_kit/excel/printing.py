"""How every sheet prints: A4, heading rows repeated on each page, fitted to the page width.

One function for the mapping and gap workbooks, for streamed (write-only) and ordinary sheets
alike; it must be called before a streamed sheet's first row is written.
"""

from __future__ import annotations

from typing import Literal

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

A4 = 9
"""Paper size code of A4 in spreadsheet files."""
PAGE_NUMBERS = "&A — page &P of &N"
"""Footer: the sheet name and "page 2 of 5"."""

Orientation = Literal["landscape", "portrait"]


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
