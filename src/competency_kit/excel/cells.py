"""Writing cells: text stays text, whatever a user typed; styles come from the palette.

openpyxl turns any string starting with ``=`` into a formula. A module titled
``=HYPERLINK("http://…")`` must show as those characters, not become a live link, so every
value goes into a cell through ``put`` (ordinary sheets) or ``text`` / ``styled`` (streamed,
write-only sheets), which write text as an explicit text cell.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.core import limits
from competency_kit.excel.palette import BLUE_HEADER, SIDEWAYS, TOP, WHITE_BOLD, WRAP

LINE_HEIGHT = 15
"""Points per line of 11-point text."""


def clean(value: str) -> str:
    """Text Excel can store: no control characters, at most 32,767 characters."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= limits.CELL_TEXT else value[: limits.CELL_TEXT - 1] + "…"


def put(
    cell: Cell,
    value: Any,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
    border: Border | None = None,
    protection: Protection | None = None,
    number_format: str | None = None,
) -> Cell:
    """Write ``value`` into ``cell`` (text as text, never as a formula) with the style parts
    given; the parts not given are left as they are. Returns the cell."""
    _write_value(cell, value)
    parts = {
        "font": font,
        "fill": fill,
        "alignment": alignment,
        "border": border,
        "protection": protection,
        "number_format": number_format,
    }
    for name, part in parts.items():
        if part is not None:
            setattr(cell, name, part)
    return cell


def _write_value(cell: Cell, value: Any) -> None:
    """The value alone: text as an explicit text cell, anything else as it is."""
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value


# Streamed (write-only) sheets ----------------------------------------------------------------


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
    """A cell to append, written by ``put`` with a style (font, fill, alignment, border,
    protection, number_format)."""
    cell = WriteOnlyCell(ws)
    known = _STYLE_CACHE.setdefault(ws.parent, {})
    key = tuple(sorted((name, id(setting)) for name, setting in style.items()))
    if key in known:  # the common case, kept lean: the gap workbook writes many such cells
        _write_value(cell, value)
        cell._style = copy(known[key][0])
        return cell
    put(cell, value, **style)
    known[key] = (copy(cell._style), tuple(style.values()))
    return cell


def top(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A value aligned to the top of its row, beside wrapped text that makes the row tall."""
    return None if value is None else styled(ws, value, alignment=TOP)


def header(ws: WriteOnlyWorksheet, names: list[str]) -> list[Cell]:
    """A header row: white bold text on blue, wrapped."""
    return [styled(ws, name, font=WHITE_BOLD, fill=BLUE_HEADER, alignment=WRAP) for name in names]


def sideways_header(ws: WriteOnlyWorksheet, names: list[str]) -> list[Cell]:
    """Header cells read bottom to top, for many narrow columns (module ids over a matrix)."""
    return [
        styled(ws, name, font=WHITE_BOLD, fill=BLUE_HEADER, alignment=SIDEWAYS) for name in names
    ]


# Columns and rows --------------------------------------------------------------------------


def set_widths(ws: Worksheet | WriteOnlyWorksheet, widths: dict[str, float]) -> None:
    """Column widths in characters; on a streamed sheet, set before the first row."""
    for column, width in widths.items():
        ws.column_dimensions[column].width = width


def wrapped_lines(value: str, per_line: int) -> int:
    """How many lines ``value`` takes when wrapped at ``per_line`` characters (each line break
    starts a new line; an empty line still takes one)."""
    return sum(-(-max(len(part), 1) // per_line) for part in value.split("\n"))


def fit_height(ws: WriteOnlyWorksheet, row: int, texts: Mapping[str, str | None]) -> None:
    """Make row ``row`` tall enough for its wrapped texts (column letter → text); spreadsheet
    programs do not grow rows of a written file by themselves. Call before appending the row."""
    lines = 1
    for column, value in texts.items():
        if value:
            width = max(int(ws.column_dimensions[column].width or 10) - 1, 1)
            lines = max(lines, wrapped_lines(value, width))
    if lines > 1:
        ws.row_dimensions[row].height = min(lines, 20) * LINE_HEIGHT
