"""The gap workbook written with bare openpyxl: the baseline of ``bench_gap.py``.

It knows nothing of competency-kit. It reads the workbook's cells (values, styles, row heights)
and sheet settings from a JSON file that ``bench_gap.py`` extracts from a gap workbook, and
writes them back in write-only mode the way a careful openpyxl program would: every style object
made once and shared, rows appended as plain lists. The named tables come from the JSON too; the
conditional formats, validations and charts are the ones the gap workbook has, written here by
hand.

    python bench/bare_gap_writer.py CONTENTS.json OUT.xlsx [--only SHEET]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import warnings
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule, DataBarRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

DEPTH_FILLS = {"I": "DDEBF7", "R": "9BC2E6", "M": "2F75B5"}
SEVERITY_FILLS = {"high": "F8CBAD", "medium": "FFE699", "low": "E2EFDA"}
STATUSES = ("Open", "Accepted", "Action planned", "Resolved", "Not applicable")


def make_styles(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Style objects built once per distinct style, to be shared by every cell using it."""
    styles = []
    for spec in specs:
        style: dict[str, Any] = {}
        if spec.get("font"):
            style["font"] = Font(**spec["font"])
        if spec.get("fill"):
            colour = spec["fill"]["color"]
            style["fill"] = PatternFill(spec["fill"]["type"], start_color=colour, end_color=colour)
        if spec.get("alignment"):
            style["alignment"] = Alignment(**spec["alignment"])
        if spec.get("border"):
            side = Side(**spec["border"])
            style["border"] = Border(left=side, right=side, top=side, bottom=side)
        if spec.get("number_format"):
            style["number_format"] = spec["number_format"]
        styles.append(style)
    return styles


def value_of(raw: Any) -> Any:
    if isinstance(raw, dict) and "date" in raw:
        return dt.date.fromisoformat(raw["date"])
    return raw


def plain(raw: Any) -> Any:
    """A cell's value without its style."""
    return raw["v"] if isinstance(raw, dict) and "s" in raw else raw


def cells(ws: Any, row: list[Any], styles: list[dict[str, Any]]) -> list[Any]:
    out = []
    for raw in row:
        if isinstance(raw, dict) and "s" in raw:
            cell = WriteOnlyCell(ws, value=value_of(raw["v"]))
            for name, setting in styles[raw["s"]].items():
                setattr(cell, name, setting)
            out.append(cell)
        else:
            out.append(value_of(raw))
    return out


def sheet_settings(ws: Any, sheet: dict[str, Any], wrap: Alignment) -> None:
    """Widths, wrapped columns, panes, print setup, filter: all before the first row."""
    for column, width in sheet["widths"].items():
        ws.column_dimensions[column].width = width
    for column in sheet["column_wrap"]:
        ws.column_dimensions[column].alignment = wrap
    ws.freeze_panes = sheet["freeze"]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = sheet["title_rows"]
    if sheet["title_cols"]:
        ws.print_title_cols = sheet["title_cols"]
    for row, height in sheet["heights"].items():
        ws.row_dimensions[int(row)].height = height
    if sheet["autofilter"]:
        ws.auto_filter.ref = sheet["autofilter"]


def sheet_tables(ws: Any, sheet: dict[str, Any]) -> None:
    """The sheet's named tables, with the column names given (a streamed sheet cannot be
    read back for them)."""
    for entry in sheet["tables"]:
        ref = entry["ref"]
        table = Table(displayName=entry["name"], ref=ref, autoFilter=AutoFilter(ref=ref))
        table.tableColumns = [
            TableColumn(id=i, name=name) for i, name in enumerate(entry["columns"], 1)
        ]
        if entry["style"]:
            table.tableStyleInfo = TableStyleInfo(
                name=entry["style"]["name"], showRowStripes=entry["style"]["stripes"]
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            ws.add_table(table)


def summary_extras(ws: Any, rows: list[list[Any]]) -> None:
    """The two bar charts of the Summary sheet."""
    firsts = [plain(row[0]) if row else None for row in rows]
    for title, head, anchor in (
        ("Coverage by area", "Area", "H2"),
        ("Coverage by dimension", "Dimension", "H20"),
    ):
        start = firsts.index(head) + 1
        count = next(i for i, first in enumerate(firsts[start:]) if first is None)
        chart = BarChart()
        chart.type, chart.title, chart.style, chart.legend = "col", title, 10, None
        chart.y_axis.title = "Coverage"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.y_axis.number_format = "0%"
        chart.y_axis.majorGridlines = None
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.add_data(
            Reference(ws, min_col=5, min_row=start, max_row=start + count), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=start + 1, max_row=start + count))
        chart.width, chart.height = 18, 8
        ws.add_chart(chart, anchor)


def findings_extras(ws: Any, rows: list[list[Any]]) -> None:
    """The reviewer columns' validations and the colour by severity."""
    last = max(len(rows), 2)
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose a status from the list: " + ", ".join(STATUSES) + ".",
        showInputMessage=True,
        promptTitle="Status",
        prompt="Choose from the list.",
    )
    status.add(f"F2:F{last}")
    due = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1="36526",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Due date",
        error="Write a date, for example 2026-03-31.",
        showInputMessage=True,
        promptTitle="Due date",
        prompt="A date, e.g. 2026-03-31.",
    )
    due.add(f"I2:I{last}")
    ws.data_validations.append(status)
    ws.data_validations.append(due)
    for severity, colour in SEVERITY_FILLS.items():
        fill = PatternFill("solid", start_color=colour, end_color=colour)
        ws.conditional_formatting.add(
            f"E2:E{last}", FormulaRule(formula=[f'$E2="{severity}"'], fill=fill)
        )


def coverage_extras(ws: Any, rows: list[list[Any]]) -> None:
    """The heatmap on the matrix and the highest-depth column, the data bar on the counts."""
    head = [plain(raw) for raw in rows[0]]
    last_col = head.index("Competency")  # modules or courses end before the tail columns
    last_row = 1 + next(i for i, row in enumerate(rows[1:]) if not row)
    for ref in (
        f"C2:{get_column_letter(max(last_col, 3))}{last_row}",
        f"{get_column_letter(last_col + 5)}2:{get_column_letter(last_col + 5)}{last_row}",
    ):
        for depth, colour in DEPTH_FILLS.items():
            ws.conditional_formatting.add(
                ref,
                CellIsRule(
                    operator="equal",
                    formula=[f'"{depth}"'],
                    fill=PatternFill("solid", start_color=colour, end_color=colour),
                    font=Font(color="FFFFFF" if depth == "M" else "000000", bold=True),
                ),
            )
    count = get_column_letter(last_col + 4)
    ws.conditional_formatting.add(
        f"{count}2:{count}{last_row}",
        DataBarRule(start_type="num", start_value=0, end_type="max", color="5B9BD5"),
    )


EXTRAS = {"Summary": summary_extras, "Findings": findings_extras, "Coverage": coverage_extras}


def bare_write(contents: dict[str, Any], path: str, only: str | None = None) -> None:
    wb = Workbook(write_only=True)
    for name, value in contents["properties"].items():
        setattr(wb.properties, name, value)
    styles = make_styles(contents["styles"])
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in contents["sheets"]:
        if only and sheet["name"] != only:
            continue
        ws = wb.create_sheet(sheet["name"])
        sheet_settings(ws, sheet, wrap)
        for row in sheet["rows"]:
            ws.append(cells(ws, row, styles))
        sheet_tables(ws, sheet)
        if sheet["name"] in EXTRAS:
            EXTRAS[sheet["name"]](ws, sheet["rows"])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("contents")
    parser.add_argument("output")
    parser.add_argument("--only", help="write this sheet alone")
    args = parser.parse_args()
    with open(args.contents, encoding="utf-8") as file:
        contents = json.load(file)
    bare_write(contents, args.output, args.only)


if __name__ == "__main__":
    main()
