"""Cells for streamed (write-only) worksheets: text stays text, whatever a user typed.

openpyxl turns any string starting with ``=`` into a formula. A module titled
``=HYPERLINK("http://…")`` must show as those characters, not become a live link, so user text
goes through ``text`` or ``styled``, which write it as an explicit text cell.
"""

from __future__ import annotations

import weakref
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

from competency_kit.core import limits

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", start_color="305496")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTER = Alignment(horizontal="center", vertical="center")
SIDEWAYS = Alignment(text_rotation=90, horizontal="center", vertical="bottom")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def clean(value: str) -> str:
    """Text Excel can store: no control characters, at most 32,767 characters."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= limits.CELL_TEXT else value[: limits.CELL_TEXT - 1] + "…"


def text(ws: WriteOnlyWorksheet, value: str | None) -> Any:
    """A value to append: plain text as is (fast), text that would become a formula as an
    explicit text cell."""
    if value is None:
        return None
    value = clean(value)
    if value.startswith("="):
        return styled(ws, value)
    return value


_STYLE_CACHE: weakref.WeakKeyDictionary[Workbook, dict[Any, tuple[StyleArray, Any]]] = (
    weakref.WeakKeyDictionary()
)
"""Per workbook, the registered style of each combination of style objects used: registering
a style hashes every part of it, which costs more than writing the cell. Keyed by the objects'
ids; the objects are kept with the entry so no id can be reused by another object meanwhile."""


def styled(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> Cell:
    """A cell with a style (font, fill, alignment, border, number_format); text is always
    written as text."""
    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    known = _STYLE_CACHE.setdefault(ws.parent, {})
    key = tuple(sorted((name, id(setting)) for name, setting in style.items()))
    if key in known:
        cell._style = copy(known[key][0])
        return cell
    for name, setting in style.items():
        setattr(cell, name, setting)
    known[key] = (copy(cell._style), tuple(style.values()))
    return cell


def top(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A value aligned to the top of its row, beside wrapped text that makes the row tall."""
    return None if value is None else styled(ws, value, alignment=TOP)


def header(ws: WriteOnlyWorksheet, names: list[str]) -> list[Cell]:
    """A header row: white bold text on dark blue, wrapped."""
    return [styled(ws, name, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP) for name in names]


def sideways_header(ws: WriteOnlyWorksheet, names: list[str]) -> list[Cell]:
    """Header cells read bottom to top, for many narrow columns (module ids over a matrix)."""
    return [
        styled(ws, name, font=HEADER_FONT, fill=HEADER_FILL, alignment=SIDEWAYS) for name in names
    ]


def set_widths(ws: WriteOnlyWorksheet, widths: dict[str, float]) -> None:
    """Column widths in characters; must be set before the first row is written."""
    for column, width in widths.items():
        ws.column_dimensions[column].width = width


def print_setup(ws: WriteOnlyWorksheet, title_rows: str = "1:1") -> None:
    """Landscape, fit to the page width, header rows repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows


LINE_HEIGHT = 15
"""Points per line of 11-point text."""


def fit_height(ws: WriteOnlyWorksheet, row: int, texts: dict[str, str | None]) -> None:
    """Make row ``row`` tall enough for its wrapped texts (column letter → text); spreadsheet
    programs do not grow rows of a written file by themselves. Call before appending the row."""
    lines = 1
    for column, value in texts.items():
        if value:
            width = max(int(ws.column_dimensions[column].width or 10) - 1, 1)
            lines = max(lines, sum(-(-max(len(part), 1) // width) for part in value.split("\n")))
    if lines > 1:
        ws.row_dimensions[row].height = min(lines, 20) * LINE_HEIGHT
