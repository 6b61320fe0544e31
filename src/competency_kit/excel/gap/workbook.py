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
from competency_kit.excel.gap.wording import (
    FINDING_KEYS,
    FRAMEWORK_KEYS,
    MODULE_KEYS,
    REVIEW_KEYS,
    GapWording,
    gap_wording,
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
from competency_kit.excel.printing import legible_width, print_setup
from competency_kit.excel.saving import describe, save_workbook
from competency_kit.excel.tables import STRIPED, add_table
from competency_kit.models.base import REFERENCE_LANGUAGE, localize
from competency_kit.models.curriculum import Curriculum, Depth, depth_rank
from competency_kit.models.framework import DIMENSIONS, Framework
from competency_kit.models.report import SEVERITIES, GapReport
from competency_kit.models.review import Decision, Review

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
    lang: str = REFERENCE_LANGUAGE,
) -> GapWorkbookResult:
    """Write the gap workbook to ``path`` (all or nothing). Decisions for findings that still
    exist go into the reviewer columns; the others onto the Closed decisions sheet.
    ``lang`` words the sheets, headings and lists and picks the framework's texts;
    ``messages`` (finding id → sentence) words the findings in it."""
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
        w = gap_wording(lang)
        texts = _FrameworkTexts(framework, w.lang)
        describe(
            wb,
            title=w("title", programme=report.programme.title),
            subject=w(
                "subject", framework=texts(framework.title), version=report.framework.version
            ),
            language=w.lang,
            kind="gap-workbook",
        )
        _summary_sheet(wb.create_sheet(w.sheet("summary")), w, report, texts, report_date())
        carried = {d.finding: d for d in result.carried}
        findings = wb.create_sheet(w.sheet("findings"))
        _findings_sheet(findings, w, report, carried, messages or {})
        coverage = wb.create_sheet(w.sheet("coverage"))
        _matrix_sheet(coverage, w, report, texts, curriculum, by)
        _framework_sheet(wb.create_sheet(w.sheet("framework")), w, texts)
        _modules_sheet(wb.create_sheet(w.sheet("modules")), w, report, curriculum)
        if result.closed:
            _closed_sheet(wb.create_sheet(w.sheet("closed")), w, result.closed)
        save_workbook(wb, tmp)
    return result


@dataclass(frozen=True)
class _FrameworkTexts:
    """The framework's texts in the workbook's language, else in its reference language."""

    framework: Framework
    lang: str

    def __call__(self, value: dict[str, str] | None) -> str:
        return localize(value, self.lang, self.framework.reference_language)


# Summary ------------------------------------------------------------------------------------


def _summary_sheet(
    ws: WriteOnlyWorksheet,
    w: GapWording,
    report: GapReport,
    texts: _FrameworkTexts,
    when: dt.date,
) -> None:
    area_titles = {a.id: texts(a.title) for a in texts.framework.areas}
    # The titles sit beside figures, which would cut them: the column fits the longest.
    title_width = min(max((len(t) + 2 for t in area_titles.values()), default=0), 64)
    set_widths(ws, {"A": 22, "B": max(44, title_width), "C": 11, "D": 11, "E": 11, "F": 11})
    print_setup(ws, "1:1")
    s = report.summary
    title = texts(texts.framework.title)
    version = w("framework_version", title=title, version=report.framework.version)
    rows: list[list[Any]] = [
        [styled(ws, w("title", programme=report.programme.title), font=TITLE)],
        [_label(ws, w, "programme"), text_value(ws, report.programme.id)],
        [_label(ws, w, "framework"), text_value(ws, version)],
        [_label(ws, w, "date"), styled(ws, when, number_format=DATE_FORMAT)],
        [],
        [_label(ws, w, "coverage"), styled(ws, s.coverage, number_format=PERCENT)],
        [
            _label(ws, w, "statements_covered"),
            w("count_of", count=s.statements_covered, total=s.statements_total),
        ],
        [
            _label(ws, w, "statements_assessed"),
            w("count_of", count=s.statements_assessed, total=s.statements_total),
        ],
        [_label(ws, w, "modules"), s.modules_total],
        [_label(ws, w, "hours_total"), s.hours_total],
        [],
    ]
    area_head = len(rows) + 1
    table = (*w.columns(("covered", "statements")), w("labels.coverage"), w("columns.hours"))
    rows.append(header(ws, [*w.columns(("area", "title")), *table]))
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
    rows.append(header(ws, [w("columns.dimension"), "", *table]))
    for dimension in DIMENSIONS:
        cov = s.by_dimension[dimension]
        rows.append(
            [
                w(f"dimensions.{dimension}"),
                None,
                cov.covered,
                cov.total,
                styled(ws, cov.ratio, number_format=PERCENT),
                cov.hours,
            ]
        )
    hours_note = w("notes.hours")
    fit_height(ws, len(rows) + 1, {"B": hours_note})
    rows.append([None, styled(ws, hours_note, alignment=WRAP)])
    rows.append([])
    rows.append(header(ws, [w("columns.severity"), "", w("labels.findings")]))
    for severity in SEVERITIES:
        rows.append([w(f"severities.{severity}"), None, s.findings_by_severity[severity]])
    rows.append([])
    depth_head = [w("columns.highest_depth"), w("labels.meaning"), w("columns.statements")]
    rows.append(header(ws, depth_head))
    for depth in DEPTHS_DEEPEST_FIRST:
        rows.append([_depth_swatch(ws, depth), w(f"depths.{depth}"), s.by_depth[depth]])
    rows.append([w("labels.depth_none"), w("labels.not_taught"), s.by_depth["none"]])
    for row in rows:
        ws.append(row)
    areas = len(s.by_area)
    axis = w("labels.coverage")
    _bar_chart(ws, (w("labels.chart_by_area"), axis), area_head, areas, "H2")
    _bar_chart(ws, (w("labels.chart_by_dimension"), axis), dim_head, len(DIMENSIONS), "H20")


def _label(ws: WriteOnlyWorksheet, w: GapWording, key: str) -> Any:
    return styled(ws, w(f"labels.{key}"), font=BOLD)


def _bar_chart(
    ws: WriteOnlyWorksheet, titles: tuple[str, str], head_row: int, count: int, anchor: str
) -> None:
    """A bar chart of the Coverage column (E) of the table whose header is at ``head_row``;
    ``titles`` are the chart's and its value axis's."""
    chart = BarChart()
    chart.type = "col"
    chart.title, axis_title = titles
    chart.style = 10
    chart.legend = None
    chart.y_axis.title = axis_title
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
    w: GapWording,
    report: GapReport,
    decisions: dict[str, Decision],
    messages: Mapping[str, str],
) -> None:
    widths: list[float] = [30, 60, 20, 13, 10, 16, 36, 16, 12, 36]
    set_widths(ws, _fitted(w, widths, FINDING_KEYS + REVIEW_KEYS))
    ws.freeze_panes = "B2"
    print_setup(ws, "1:1", title_columns="A:A")
    legible_width(ws, title_columns=1)
    _wrap_columns(ws, "BGJ")
    ws.append(header(ws, list(w.finding_columns)))
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
                top(ws, w(f"severities.{finding.severity}")),
                *_review_cells(ws, w, decision),
            ]
        )
    last = len(report.findings) + 1
    if report.findings:
        add_table(ws, "Findings", w.finding_columns, last_row=last, style=STRIPED)
    _review_validations(ws, w, "F", "I", 2, max(last, 2))
    for severity, colour in SEVERITY_COLOURS.items():
        word = w(f"severities.{severity}").replace('"', '""')
        ws.conditional_formatting.add(
            f"E2:E{max(last, 2)}",
            FormulaRule(formula=[f'$E2="{word}"'], fill=highlight(colour)),
        )


def _fitted(
    w: GapWording, widths: list[float], keys: tuple[str, ...], first: int = 1
) -> dict[str, float]:
    """Column letter → width, for columns from ``first`` headed by ``keys``. The widths are
    made for the English headings: a column grows by as many characters as the longest word
    of its heading is longer than the English one's, so that no word is cut."""
    english = gap_wording(REFERENCE_LANGUAGE)
    fitted: dict[str, float] = {}
    for offset, (width, key) in enumerate(zip(widths, keys, strict=True)):
        extra = _longest_word(w(f"columns.{key}")) - _longest_word(english(f"columns.{key}"))
        fitted[get_column_letter(first + offset)] = width + max(extra, 0)
    return fitted


def _longest_word(heading: str) -> int:
    return max(len(word) for word in heading.split())


def _wrap_columns(ws: WriteOnlyWorksheet, columns: str) -> None:
    """Long text wraps, including what reviewers type in later."""
    for column in columns:
        ws.column_dimensions[column].alignment = WRAP


def _review_cells(ws: WriteOnlyWorksheet, w: GapWording, decision: Decision) -> list[Any]:
    """Status, Action, Owner, Due date, Comment: what the reviewer wrote, kept as text."""
    due = (
        styled(ws, decision.due, number_format=DATE_FORMAT, alignment=TOP) if decision.due else None
    )
    return [
        top(ws, w.status(decision.status)),
        _wrapped(ws, decision.action),
        top(ws, decision.owner),
        due,
        _wrapped(ws, decision.comment),
    ]


def _wrapped(ws: WriteOnlyWorksheet, value: str | None) -> Any:
    return styled(ws, value, alignment=WRAP) if value else None


def _review_validations(
    ws: WriteOnlyWorksheet, w: GapWording, status_col: str, due_col: str, first: int, last: int
) -> None:
    """Status from the dropdown only; Due date a real date."""
    status_title, due_title = w("columns.status"), w("columns.due")
    status = DataValidation(
        type="list",
        # An inline list: its words hold no comma or quote, and it needs no sheet reference.
        formula1='"' + ",".join(w.statuses) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=status_title,
        error=w("notes.status_error", statuses=", ".join(w.statuses)),
        showInputMessage=True,
        promptTitle=status_title,
        prompt=w("notes.status_prompt"),
    )
    status.add(f"{status_col}{first}:{status_col}{last}")
    due = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1="36526",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=due_title,
        error=w("notes.due_error"),
        showInputMessage=True,
        promptTitle=due_title,
        prompt=w("notes.due_prompt"),
    )
    due.add(f"{due_col}{first}:{due_col}{last}")
    ws.data_validations.append(status)
    ws.data_validations.append(due)


def _closed_sheet(ws: WriteOnlyWorksheet, w: GapWording, closed: list[Decision]) -> None:
    set_widths(ws, _fitted(w, [30, 50, 16, 36, 16, 12, 36], FINDING_KEYS[:2] + REVIEW_KEYS))
    ws.freeze_panes = "B3"
    print_setup(ws, "1:2")
    _wrap_columns(ws, "BDG")
    ws.append([styled(ws, w("notes.closed"), font=BOLD)])
    ws.append(header(ws, list(w.closed_columns)))
    for row, decision in enumerate(closed, 3):
        fit_height(ws, row, {"B": decision.about, "D": decision.action, "G": decision.comment})
        ws.append(
            [
                top(ws, decision.finding),
                styled(ws, decision.about or "", alignment=WRAP),
                *_review_cells(ws, w, decision),
            ]
        )
    last = len(closed) + 2
    columns = w.closed_columns
    add_table(ws, "ClosedDecisions", columns, header_row=2, last_row=last, style=STRIPED)
    _review_validations(ws, w, "C", "F", 3, last)


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
    w: GapWording,
    report: GapReport,
    texts: _FrameworkTexts,
    curriculum: Curriculum,
    by: MatrixBy,
) -> None:
    names, index = matrix_columns(curriculum, by)
    first, last_col = 3, 2 + len(names)
    widths: dict[str, float] = {"A": 11, "B": 60} | {
        get_column_letter(c): 6 for c in range(first, last_col + 1)
    }
    tail_keys = ("competency", "area", "dimension", "modules", "highest_depth", "assessed", "hours")
    tail = list(w.columns(tail_keys))
    widths |= _fitted(w, [12, 8, 11, 9, 9, 10, 8], tail_keys, first=last_col + 1)
    set_widths(ws, widths)
    ws.freeze_panes = "C2"
    print_setup(ws, "1:1", title_columns="A:B")
    legible_width(ws, title_columns=2)
    if names:  # tall enough for the longest id, read sideways
        ws.row_dimensions[1].height = min(max(len(name) for name in names) * 7 + 12, 160)
    head = header(ws, list(w.columns(("statement", "text"))))
    ws.append(head + sideways_header(ws, names) + header(ws, tail))
    statements = {s.id: texts(s.text) for _, _, s in texts.framework.statements()}
    deepest = deepest_by_module(texts.framework, curriculum)
    for row, result in enumerate(report.statements, 2):
        # The text wraps: beside empty matrix cells it would run over them and hide them.
        fit_height(ws, row, {"B": statements[result.id]})
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
            w(f"dimensions.{result.dimension}"),
            len(result.modules),
            result.max_depth,
            w("answers.yes") if result.assessed else w("answers.no"),
            result.hours,
        ]
        ws.append(
            [
                top(ws, result.id),
                styled(ws, statements[result.id], alignment=WRAP),
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
    _legend(ws, w)


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


def _legend(ws: WriteOnlyWorksheet, w: GapWording) -> None:
    ws.append([])
    ws.append([_label(ws, w, "legend")])
    for depth in DEPTH_SHADES:
        ws.append([_depth_swatch(ws, depth), w("notes.legend_depth", depth=w(f"depths.{depth}"))])
    ws.append([None, w("notes.legend_empty")])


# Reference sheets ---------------------------------------------------------------------------


def _framework_sheet(ws: WriteOnlyWorksheet, w: GapWording, texts: _FrameworkTexts) -> None:
    set_widths(ws, _fitted(w, [8, 28, 13, 34, 13, 28, 11, 11, 70], FRAMEWORK_KEYS))
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1")
    columns = w.columns(FRAMEWORK_KEYS)
    ws.append(header(ws, list(columns)))
    rows = 0
    for area, competency, statement in texts.framework.statements():
        # Titles, audiences and text wrap inside their columns: the next cell is never empty.
        cells = {
            "B": texts(area.title),
            "D": texts(competency.title),
            "F": ", ".join(competency.audiences),
            "I": texts(statement.text),
        }
        fit_height(ws, rows + 2, cells)
        ws.append(
            [
                top(ws, area.id),
                _wrapped(ws, cells["B"]),
                top(ws, competency.id),
                _wrapped(ws, cells["D"]),
                top(ws, competency.level),
                _wrapped(ws, cells["F"]),
                top(ws, statement.id),
                top(ws, w(f"dimensions.{statement.dimension}")),
                _wrapped(ws, cells["I"]),
            ]
        )
        rows += 1
    add_table(ws, "Framework", columns, last_row=rows + 1, style=STRIPED)


def _modules_sheet(
    ws: WriteOnlyWorksheet, w: GapWording, report: GapReport, curriculum: Curriculum
) -> None:
    set_widths(ws, _fitted(w, [7, 12, 14, 44, 8, 11, 10], MODULE_KEYS))
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1")
    columns = w.columns(MODULE_KEYS)
    ws.append(header(ws, list(columns)))
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
    add_table(ws, "Modules", columns, last_row=order + 1, style=STRIPED)
