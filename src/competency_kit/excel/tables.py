"""Named tables: a sheet's header row made known to spreadsheet programs and screen readers.

Inside a table, Excel and screen readers (NVDA, JAWS, VoiceOver) announce a cell's column
heading as the reader moves through the rows; the table's filter buttons replace the sheet's
AutoFilter. Works on streamed (write-only) and ordinary sheets alike.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

STRIPED = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
"""Light blue bands on every other row: the gap workbook's tables."""


def add_table(
    ws: Worksheet | WriteOnlyWorksheet,
    name: str,
    columns: Sequence[str],
    *,
    header_row: int = 1,
    last_row: int,
    style: TableStyleInfo | None = None,
) -> Table:
    """A table called ``name`` (unique in the workbook, no spaces) over the header row
    ``header_row``, whose cells hold exactly ``columns``, and the rows below it down to
    ``last_row`` (at least one, empty if need be). ``style`` None keeps the cells' own look."""
    end = get_column_letter(len(columns))
    ref = f"A{header_row}:{end}{max(last_row, header_row + 1)}"
    table = Table(displayName=name, ref=ref, autoFilter=AutoFilter(ref=ref))
    # A streamed sheet cannot be read back, so the column names are given; they must match
    # the header cells, which the caller wrote from the same list.
    table.tableColumns = [TableColumn(id=i, name=label) for i, label in enumerate(columns, 1)]
    if style is not None:
        table.tableStyleInfo = style
    with warnings.catch_warnings():
        # openpyxl warns that streamed tables need their columns given: they are, above.
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)
    return table
