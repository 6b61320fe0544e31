"""The gap-analysis workbook reviewers open: summary with charts, coverage heatmap, findings to
decide on, reference sheets, and decisions whose finding has gone.

Written in openpyxl's streaming (write-only) mode: rows go straight to disk, so a programme of
thousands of modules costs little memory. Every sheet is written top to bottom in one pass;
column widths, panes and print settings are set before the first row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule, DataBarRule, FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from competency_kit.analysis.coverage import deepest_by_module
from competency_kit.core.clock import build_time
from competency_kit.core.outputs import atomic_output
from competency_kit.excel.cells import (
    fit_height,
    header,
    set_widths,
    sideways_header,
    styled,
    top,
)
from competency_kit.excel.cells import text as text_value
from competency_kit.excel.gap.layout import (
    CLOSED_COLUMNS,
    CLOSED_SHEET,
    FINDING_COLUMNS,
    FINDINGS_SHEET,
    FRAMEWORK_COLUMNS,
    MODULE_COLUMNS,
)
from competency_kit.excel.palette import (
    BOLD,
    BOX,
    CENTER,
    DATA_BAR_BLUE,
    DEPTH_SHADES,
    SEVERITY_COLOURS,
    TITLE,
    TOP,
    WRAP,
    depth_font,
    highlight,
)
from competency_kit.excel.printing import print_setup
from competency_kit.excel.saving import describe, save_workbook
from competency_kit.excel.tables import STRIPED, add_table
from competency_kit.models.base import localize
from competency_kit.models.curriculum import DEPTH_NAMES, Curriculum, Depth, depth_rank
from competency_kit.models.framework import DIMENSIONS, Framework
from competency_kit.models.report import SEVERITIES, GapReport
from competency_kit.models.review import STATUSES, Decision, Review

MatrixBy = Literal["modules", "courses"]

DATE_FORMAT = "yyyy-mm-dd"
PERCENT = "0%"
DEPTHS_DEEPEST_FIRST: tuple[Depth, ...] = ("M", "R", "I")


@dataclass
class GapWorkbookResult:
    """What happened to the reviewer decisions handed in."""

    carried: list[Decision] = field(default_factory=list)
    """Decisions written beside a finding that still exists."""
    closed: list[Decision] = field(default_factory=list)
    """Decisions whose finding no longer appears, listed on the Closed decisions sheet."""


def report_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    return build_time().date()


def write_gap_workbook(
    report: GapReport,
    framework: Framework,
    curriculum: Curriculum,
    path: str | Path,
    decisions: Review | None = None,
    by: MatrixBy = "modules",
    *,
    inputs: tuple[str | Path | None, ...] = (),
    messages: Mapping[str, str] | None = None,
) -> GapWorkbookResult:
    """Write the gap workbook to ``path`` (all or nothing). Decisions for findings that still
    exist go into the reviewer columns; the others onto the Closed decisions sheet.
    ``messages`` (finding id → sentence) words the findings in another language than the
    report's English."""
    known = {f.id for f in report.findings}
    given = decisions.decisions if decisions else []
    result = GapWorkbookResult(
        carried=[d for d in given if d.finding in known],
        closed=[d for d in given if d.finding not in known],
    )
    # The output place is checked before any sheet is streamed: an abandoned write-only
    # workbook leaves half-open XML writers behind.
    with atomic_output(path, inputs=inputs) as tmp:
        wb = Workbook(write_only=True)
        when = report_date()
        describe(
            wb,
            title=f"Gap analysis: {report.programme.title}",
            subject=f"Coverage of {report.framework.title}, version {report.framework.version}",
            kind="gap-workbook",
        )
        _summary_sheet(wb.create_sheet("Summary"), report, framework, when)
        carried = {d.finding: d for d in result.carried}
        _findings_sheet(wb.create_sheet(FINDINGS_SHEET), report, carried, messages or {})
        _matrix_sheet(wb.create_sheet("Coverage"), report, framework, curriculum, by)
        _framework_sheet(wb.create_sheet("Framework"), framework)
        _modules_sheet(wb.create_sheet("Modules"), report, curriculum)
        if result.closed:
            _closed_sheet(wb.create_sheet(CLOSED_SHEET), result.closed)
        save_workbook(wb, tmp)
    return result


# Summary ------------------------------------------------------------------------------------


def _summary_sheet(
    ws: WriteOnlyWorksheet, report: GapReport, framework: Framework, when: dt.date
) -> None:
    set_widths(ws, {"A": 22, "B": 44, "C": 11, "D": 11, "E": 11, "F": 11})
    print_setup(ws, "1:1")
    s = report.summary
    rows: list[list[Any]] = [
        [styled(ws, f"Gap analysis: {report.programme.title}", font=TITLE)],
        [styled(ws, "Programme", font=BOLD), text_value(ws, report.programme.id)],
        [
            styled(ws, "Framework", font=BOLD),
            text_value(ws, f"{report.framework.title}, version {report.framework.version}"),
        ],
        [styled(ws, "Date", font=BOLD), styled(ws, when, number_format=DATE_FORMAT)],
        [],
        [styled(ws, "Coverage", font=BOLD), styled(ws, s.coverage, number_format=PERCENT)],
        [
            styled(ws, "Statements covered", font=BOLD),
            f"{s.statements_covered} of {s.statements_total}",
        ],
        [
            styled(ws, "Statements assessed", font=BOLD),
            f"{s.statements_assessed} of {s.statements_total}",
        ],
        [styled(ws, "Modules", font=BOLD), s.modules_total],
        [styled(ws, "Hours of teaching", font=BOLD), s.hours_total],
        [],
    ]
    area_titles = {a.id: localize(a.title) for a in framework.areas}
    area_head = len(rows) + 1
    rows.append(header(ws, ["Area", "Title", "Covered", "Statements", "Coverage", "Hours"]))
    for area_id, cov in s.by_area.items():
        rows.append(
            [
                area_id,
                text_value(ws, area_titles[area_id]),
                cov.covered,
                cov.total,
                styled(ws, cov.ratio, number_format=PERCENT),
                cov.hours,
            ]
        )
    rows.append([])
    dim_head = len(rows) + 1
    rows.append(header(ws, ["Dimension", "", "Covered", "Statements", "Coverage", "Hours"]))
    for dimension in DIMENSIONS:
        cov = s.by_dimension[dimension]
        rows.append(
            [
                dimension,
                None,
                cov.covered,
                cov.total,
                styled(ws, cov.ratio, number_format=PERCENT),
                cov.hours,
            ]
        )
    hours_note = (
        "Hours: teaching hours of the modules that reach the area or dimension. A module "
        "reaching several counts in each, so these add up to more than the programme's hours."
    )
    fit_height(ws, len(rows) + 1, {"B": hours_note})
    rows.append([None, styled(ws, hours_note, alignment=WRAP)])
    rows.append([])
    rows.append(header(ws, ["Severity", "", "Findings"]))
    for severity in SEVERITIES:
        rows.append([severity, None, s.findings_by_severity[severity]])
    rows.append([])
    rows.append(header(ws, ["Highest depth", "Meaning", "Statements"]))
    for depth in DEPTHS_DEEPEST_FIRST:
        rows.append([_depth_swatch(ws, depth), DEPTH_NAMES[depth], s.by_depth[depth]])
    rows.append(["none", "not taught", s.by_depth["none"]])
    for row in rows:
        ws.append(row)
    areas = len(s.by_area)
    _bar_chart(ws, "Coverage by area", area_head, areas, "H2")
    _bar_chart(ws, "Coverage by dimension", dim_head, len(DIMENSIONS), "H20")


def _bar_chart(ws: WriteOnlyWorksheet, title: str, head_row: int, count: int, anchor: str) -> None:
    """A bar chart of the Coverage column (E) of the table whose header is at ``head_row``."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.style = 10
    chart.legend = None
    chart.y_axis.title = "Coverage"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = PERCENT
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    data = Reference(ws, min_col=5, min_row=head_row, max_row=head_row + count)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=head_row + 1, max_row=head_row + count))
    chart.width, chart.height = 18, 8
    ws.add_chart(chart, anchor)


# Findings -----------------------------------------------------------------------------------


def _findings_sheet(
    ws: WriteOnlyWorksheet,
    report: GapReport,
    decisions: dict[str, Decision],
    messages: Mapping[str, str],
) -> None:
    set_widths(
        ws,
        {"A": 30, "B": 60, "C": 20, "D": 13, "E": 10, "F": 16, "G": 36, "H": 16, "I": 12, "J": 36},
    )
    ws.freeze_panes = "B2"
    print_setup(ws, "1:1")
    _wrap_columns(ws, "BGJ")
    ws.append(header(ws, list(FINDING_COLUMNS)))
    for row, finding in enumerate(report.findings, 2):
        decision = decisions.get(finding.id) or Decision(finding=finding.id)
        message = messages.get(finding.id, finding.message)
        fit_height(ws, row, {"B": message, "G": decision.action, "J": decision.comment})
        ws.append(
            [
                top(ws, finding.id),
                styled(ws, message, alignment=WRAP),
                top(ws, finding.rule),
                top(ws, finding.target),
                top(ws, finding.severity),
                *_review_cells(ws, decision),
            ]
        )
    last = len(report.findings) + 1
    if report.findings:
        add_table(ws, "Findings", FINDING_COLUMNS, last_row=last, style=STRIPED)
    _review_validations(ws, "F", "I", 2, max(last, 2))
    for severity, colour in SEVERITY_COLOURS.items():
        ws.conditional_formatting.add(
            f"E2:E{max(last, 2)}",
            FormulaRule(formula=[f'$E2="{severity}"'], fill=highlight(colour)),
        )


def _wrap_columns(ws: WriteOnlyWorksheet, columns: str) -> None:
    """Long text wraps, including what reviewers type in later."""
    for column in columns:
        ws.column_dimensions[column].alignment = WRAP


def _review_cells(ws: WriteOnlyWorksheet, decision: Decision) -> list[Any]:
    """Status, Action, Owner, Due date, Comment: what the reviewer wrote, kept as text."""
    due = (
        styled(ws, decision.due, number_format=DATE_FORMAT, alignment=TOP) if decision.due else None
    )
    return [
        top(ws, decision.status),
        _wrapped(ws, decision.action),
        top(ws, decision.owner),
        due,
        _wrapped(ws, decision.comment),
    ]


def _wrapped(ws: WriteOnlyWorksheet, value: str | None) -> Any:
    return styled(ws, value, alignment=WRAP) if value else None


def _review_validations(
    ws: WriteOnlyWorksheet, status_col: str, due_col: str, first: int, last: int
) -> None:
    """Status from the dropdown only; Due date a real date."""
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
    status.add(f"{status_col}{first}:{status_col}{last}")
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
    due.add(f"{due_col}{first}:{due_col}{last}")
    ws.data_validations.append(status)
    ws.data_validations.append(due)


def _closed_sheet(ws: WriteOnlyWorksheet, closed: list[Decision]) -> None:
    set_widths(ws, {"A": 30, "B": 50, "C": 16, "D": 36, "E": 16, "F": 12, "G": 36})
    ws.freeze_panes = "B3"
    print_setup(ws, "1:2")
    _wrap_columns(ws, "BDG")
    ws.append(
        [
            styled(
                ws,
                "Decisions on findings the latest analysis no longer reports "
                "(for example, fixed by a change to the curriculum). Kept so that "
                "nothing is lost; they are read again by 'competency-kit review'.",
                font=BOLD,
            )
        ]
    )
    ws.append(header(ws, list(CLOSED_COLUMNS)))
    for row, decision in enumerate(closed, 3):
        fit_height(ws, row, {"B": decision.about, "D": decision.action, "G": decision.comment})
        ws.append(
            [
                top(ws, decision.finding),
                styled(ws, decision.about or "", alignment=WRAP),
                *_review_cells(ws, decision),
            ]
        )
    last = len(closed) + 2
    add_table(ws, "ClosedDecisions", CLOSED_COLUMNS, header_row=2, last_row=last, style=STRIPED)
    _review_validations(ws, "C", "F", 3, last)


# Coverage matrix ----------------------------------------------------------------------------


def matrix_columns(curriculum: Curriculum, by: MatrixBy) -> tuple[list[str], dict[str, int]]:
    """Column headings (module or course ids) and module id → column index."""
    if by == "courses":
        names = [c.id for c in curriculum.courses]
        index = {m.id: i for i, c in enumerate(curriculum.courses) for m in c.modules}
    else:
        names = [m.id for _, m in curriculum.modules()]
        index = {name: i for i, name in enumerate(names)}
    return names, index


def _matrix_sheet(
    ws: WriteOnlyWorksheet,
    report: GapReport,
    framework: Framework,
    curriculum: Curriculum,
    by: MatrixBy,
) -> None:
    names, index = matrix_columns(curriculum, by)
    first, last_col = 3, 2 + len(names)
    widths = {"A": 11, "B": 60} | {get_column_letter(c): 6 for c in range(first, last_col + 1)}
    tail = ["Competency", "Area", "Dimension", "Modules", "Highest depth", "Assessed", "Hours"]
    for offset, width in enumerate([12, 8, 11, 9, 9, 10, 8], 1):
        widths[get_column_letter(last_col + offset)] = width
    set_widths(ws, widths)
    ws.freeze_panes = "C2"
    print_setup(ws, "1:1", title_columns="A:B")
    if names:  # tall enough for the longest id, read sideways
        ws.row_dimensions[1].height = min(max(len(name) for name in names) * 7 + 12, 160)
    ws.append(header(ws, ["Statement", "Text"]) + sideways_header(ws, names) + header(ws, tail))
    texts = {s.id: localize(s.text) for _, _, s in framework.statements()}
    deepest = deepest_by_module(framework, curriculum)
    for row, result in enumerate(report.statements, 2):
        # The text wraps: beside empty matrix cells it would run over them and hide them.
        fit_height(ws, row, {"B": texts[result.id]})
        depths: list[Any] = [None] * len(names)
        for module_id, depth in deepest[result.id].items():
            col = index[module_id]
            if depth_rank(depth) > depth_rank(depths[col]):
                depths[col] = depth
        # Everything else sits at the top of the row, level with the text's first line;
        # the many empty matrix cells stay unstyled (cheap).
        tail_values = [
            result.competency,
            result.area,
            result.dimension,
            len(result.modules),
            result.max_depth,
            "yes" if result.assessed else "no",
            result.hours,
        ]
        ws.append(
            [
                top(ws, result.id),
                styled(ws, texts[result.id], alignment=WRAP),
                *(top(ws, depth) for depth in depths),
                *(top(ws, value) for value in tail_values),
            ]
        )
    last_row = len(report.statements) + 1
    end = get_column_letter(last_col + len(tail))
    ws.auto_filter.ref = f"A1:{end}{last_row}"
    _heatmap(ws, f"C2:{get_column_letter(max(last_col, first))}{last_row}")
    _heatmap(ws, f"{get_column_letter(last_col + 5)}2:{get_column_letter(last_col + 5)}{last_row}")
    count_col = get_column_letter(last_col + 4)
    ws.conditional_formatting.add(
        f"{count_col}2:{count_col}{last_row}",
        DataBarRule(start_type="num", start_value=0, end_type="max", color=DATA_BAR_BLUE),
    )
    _legend(ws)


def _heatmap(ws: WriteOnlyWorksheet, cells: str) -> None:
    """Introduced, reinforced and mastered cells shaded light to dark."""
    for depth, colour in DEPTH_SHADES.items():
        ws.conditional_formatting.add(
            cells,
            CellIsRule(
                operator="equal",
                formula=[f'"{depth}"'],
                fill=highlight(colour),
                font=depth_font(depth),
            ),
        )


def _depth_swatch(ws: WriteOnlyWorksheet, depth: Depth) -> Any:
    """A cell coloured like the heatmap, for legends."""
    return styled(
        ws,
        depth,
        fill=highlight(DEPTH_SHADES[depth]),
        font=depth_font(depth),
        alignment=CENTER,
        border=BOX,
    )


def _legend(ws: WriteOnlyWorksheet) -> None:
    ws.append([])
    ws.append([styled(ws, "Legend", font=BOLD)])
    for depth in DEPTH_SHADES:
        ws.append(
            [
                _depth_swatch(ws, depth),
                f"{DEPTH_NAMES[depth]} (the cell shows the highest depth a module reaches)",
            ]
        )
    ws.append([None, "empty: the module does not teach the statement"])


# Reference sheets ---------------------------------------------------------------------------


def _framework_sheet(ws: WriteOnlyWorksheet, framework: Framework) -> None:
    set_widths(ws, {"A": 8, "B": 28, "C": 13, "D": 34, "E": 13, "F": 28, "G": 11, "H": 11, "I": 70})
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1")
    ws.append(header(ws, list(FRAMEWORK_COLUMNS)))
    rows = 0
    for area, competency, statement in framework.statements():
        # Titles, audiences and text wrap inside their columns: the next cell is never empty.
        texts = {
            "B": localize(area.title),
            "D": localize(competency.title),
            "F": ", ".join(competency.audiences),
            "I": localize(statement.text),
        }
        fit_height(ws, rows + 2, texts)
        ws.append(
            [
                top(ws, area.id),
                _wrapped(ws, texts["B"]),
                top(ws, competency.id),
                _wrapped(ws, texts["D"]),
                top(ws, competency.level),
                _wrapped(ws, texts["F"]),
                top(ws, statement.id),
                top(ws, statement.dimension),
                _wrapped(ws, texts["I"]),
            ]
        )
        rows += 1
    add_table(ws, "Framework", FRAMEWORK_COLUMNS, last_row=rows + 1, style=STRIPED)


def _modules_sheet(ws: WriteOnlyWorksheet, report: GapReport, curriculum: Curriculum) -> None:
    set_widths(ws, {"A": 7, "B": 12, "C": 14, "D": 44, "E": 8, "F": 11, "G": 10})
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1")
    ws.append(header(ws, list(MODULE_COLUMNS)))
    reached: dict[str, int] = {}
    for result in report.statements:
        for module_id in result.modules:
            reached[module_id] = reached.get(module_id, 0) + 1
    order = 0
    for course, module in curriculum.modules():
        order += 1
        fit_height(ws, order + 1, {"D": module.title})
        ws.append(
            [
                top(ws, order),
                top(ws, course.id),
                top(ws, module.id),
                styled(ws, module.title, alignment=WRAP),
                top(ws, module.hours),
                top(ws, reached.get(module.id, 0)),
                top(ws, sum(1 for mapping in module.maps if mapping.assessed)),
            ]
        )
    add_table(ws, "Modules", MODULE_COLUMNS, last_row=order + 1, style=STRIPED)
