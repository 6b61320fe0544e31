"""The gap workbook, opened again and checked by content: figures, charts, heatmap, validations,
the findings table, reference sheets, and user text that must stay text."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string as column_index
from openpyxl.worksheet.worksheet import Worksheet

from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir
from competency_kit.excel.cells import LINE_HEIGHT
from competency_kit.excel.gap.review import read_review
from competency_kit.excel.gap.workbook import write_gap_workbook
from competency_kit.excel.printing import LEGIBLE_SCALE
from competency_kit.models.review import Decision, Review

from ..gap_example import tiny
from .libreoffice import convert, needs_libreoffice

EPOCH_2026_03_01 = "1772323200"
REVIEW_COLUMNS = ("Status", "Action", "Owner", "Due date", "Comment")
FINDING_COLUMNS = ("Finding id", "Finding", "Rule", "Target", "Severity", *REVIEW_COLUMNS)
FRAMEWORK_COLUMNS = (
    "Area",
    "Area title",
    "Competency",
    "Competency title",
    "Level",
    "Audiences",
    "Statement",
    "Dimension",
    "Statement text",
)
MODULE_COLUMNS = ("Order", "Course", "Module", "Module title", "Hours", "Statements", "Assessed")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gap") / "gap.xlsx"
    framework, curriculum = tiny()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_03_01)
        write_gap_workbook(analyse(framework, curriculum), framework, curriculum, path)
    return path


def sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_document_properties(workbook: Path) -> None:
    props = load_workbook(workbook).properties
    assert props.creator == "competency-kit"
    assert props.title == "Gap analysis: Tiny programme"
    assert props.subject == "Coverage of Tiny test framework, version 1.0"
    assert props.language == "en"
    assert props.created == props.modified == dt.datetime(2026, 3, 1)


def test_sheets_in_reading_order(workbook: Path) -> None:
    wb = load_workbook(workbook)
    assert wb.sheetnames == ["Summary", "Findings", "Coverage", "Framework", "Modules"]


def test_summary_figures(workbook: Path) -> None:
    ws = load_workbook(workbook)["Summary"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=1, max_row=10) if row[0].value}
    assert cells["Programme"].value == "TINY-PROG"
    assert cells["Framework"].value == "Tiny test framework, version 1.0"
    assert cells["Date"].value == dt.datetime(2026, 3, 1)
    assert (cells["Coverage"].value, cells["Coverage"].number_format) == (0.75, "0%")
    assert cells["Statements covered"].value == "6 of 8"
    assert cells["Statements assessed"].value == "3 of 8"
    assert (cells["Modules"].value, cells["Hours of teaching"].value) == (4, 12)
    rows = [[c.value for c in row[:6]] for row in ws.iter_rows(min_row=12, max_row=14)]
    assert rows == [
        ["Area", "Title", "Covered", "Statements", "Coverage", "Hours"],
        ["A1", "Recognising", 5, 5, 1, 12],
        ["A2", "Responding", 1, 3, 1 / 3, 2],
    ]
    values = [[c.value for c in row[:3]] for row in ws.iter_rows(min_row=16, max_row=25)]
    assert ["attitude", None, 1] in values
    assert ["high", None, 5] in values and ["medium", None, 7] in values


def test_summary_has_two_native_bar_charts(workbook: Path) -> None:
    xml = sheet_xml(workbook)
    charts = sorted(n for n in xml if re.match(r"xl/charts/chart\d+\.xml", n))
    assert len(charts) == 2
    titles = []
    for name in charts:
        assert re.search(r"<(c:)?barChart>", xml[name])
        titles += re.findall(r"<(?:a:)?t>([^<]+)</(?:a:)?t>", xml[name])
        assert "'Summary'!$E$" in xml[name] or "Summary!$E$" in xml[name]
    assert {"Coverage by area", "Coverage by dimension"} <= set(titles)


def test_coverage_matrix_values_and_totals(workbook: Path) -> None:
    ws = load_workbook(workbook)["Coverage"]
    head = [c.value for c in ws[1]]
    assert head == [
        "Statement",
        "Text",
        "M1",
        "M2",
        "M3",
        "M4",
        "Competency",
        "Area",
        "Dimension",
        "Modules",
        "Highest depth",
        "Assessed",
        "Hours",
    ]
    rows = {r[0]: r[2:] for r in ws.iter_rows(min_row=2, max_row=9, values_only=True)}
    assert rows["A1.1-K1"] == ("I", "R", None, None, "A1.1", "A1", "knowledge", 2, "R", "yes", 10)
    assert rows["A1.2-S1"] == (None, "M", "I", None, "A1.2", "A1", "skill", 2, "M", "no", 8)
    assert rows["A2.1-S1"] == (None, None, None, None, "A2.1", "A2", "skill", 0, None, "no", 0)
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == "A1:M9"


def test_matrix_heatmap_and_legend(workbook: Path) -> None:
    ws = load_workbook(workbook)["Coverage"]
    rules = {str(rng.sqref): [r for r in rng.rules] for rng in ws.conditional_formatting}
    heat = rules["C2:F9"]
    assert [(r.type, r.operator, r.formula) for r in heat] == [
        ("cellIs", "equal", ['"I"']),
        ("cellIs", "equal", ['"R"']),
        ("cellIs", "equal", ['"M"']),
    ]
    fills = [r.dxf.fill.fgColor.rgb for r in heat]
    assert fills == ["00DDEBF7", "009BC2E6", "002F75B5"]
    assert [r.type for r in rules["J2:J9"]] == ["dataBar"]
    legend = [r[:2] for r in ws.iter_rows(min_row=11, max_row=15, values_only=True)]
    assert legend[0] == ("Legend", None)
    assert legend[1][0] == "I" and legend[1][1].startswith("introduced")
    assert ws["A12"].fill.fgColor.rgb == "00DDEBF7"


def test_matrix_by_courses(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    path = tmp_path / "gap.xlsx"
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, path, by="courses")
    ws = load_workbook(path)["Coverage"]
    assert [c.value for c in ws[1]][:4] == ["Statement", "Text", "C1", "C2"]
    rows = {r[0]: r[2:4] for r in ws.iter_rows(min_row=2, max_row=9, values_only=True)}
    assert rows["A1.2-S1"] == ("M", "I")
    assert rows["A2.1-K1"] == (None, "I")


def test_findings_sheet_table_validations_and_colours(workbook: Path) -> None:
    ws = load_workbook(workbook)["Findings"]
    assert [c.value for c in ws[1]] == [
        "Finding id",
        "Finding",
        "Rule",
        "Target",
        "Severity",
        "Status",
        "Action",
        "Owner",
        "Due date",
        "Comment",
    ]
    first = [c.value for c in ws[2]]
    assert first[:6] == [
        "uncovered-statement:A2.1-S1",
        "A2.1-S1 (skill) is not taught by any module: “Responds calmly.”",
        "uncovered-statement",
        "A2.1-S1",
        "high",
        "Open",
    ]
    assert ws.max_row == 17
    table = ws.tables["Findings"]
    assert table.ref == "A1:J17" and table.autoFilter.ref == "A1:J17"
    assert [c.name for c in table.tableColumns][5:] == [
        "Status",
        "Action",
        "Owner",
        "Due date",
        "Comment",
    ]
    validations = {(dv.type, str(dv.sqref)): dv for dv in ws.data_validations.dataValidation}
    status = validations[("list", "F2:F17")]
    assert status.formula1 == '"Open,Accepted,Action planned,Resolved,Not applicable"'
    assert status.showErrorMessage
    assert validations[("date", "I2:I17")].operator == "greaterThanOrEqual"
    severity = next(r for r in ws.conditional_formatting if str(r.sqref) == "E2:E17")
    assert [r.formula for r in severity.rules] == [['$E2="high"'], ['$E2="medium"'], ['$E2="low"']]
    assert ws.freeze_panes == "B2"
    # Wrapped findings get rows tall enough to read: 63 characters in a 60-wide column.
    assert ws.row_dimensions[2].height == 30
    assert ws["B2"].alignment.wrap_text


def test_print_setup(workbook: Path) -> None:
    wb = load_workbook(workbook)
    for name in ("Findings", "Coverage", "Framework", "Modules"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$1:$1"
    for name in ("Coverage", "Framework", "Modules"):  # narrow enough to fit the width legibly
        ws = wb[name]
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["Coverage"].print_title_cols == "$A:$B"
    assert wb["Findings"].column_dimensions["B"].width == 60


def test_wide_sheets_print_legibly_pages_across(workbook: Path, example_workbook: Path) -> None:
    """Fitted to the width, the findings would print at under half size: they print at 65%,
    the finding and its status on one page, the reviewers' columns on the next, the finding
    id on both; the example's coverage matrix likewise, its statement columns on each page."""
    findings = load_workbook(workbook)["Findings"]
    assert not findings.sheet_properties.pageSetUpPr.fitToPage
    assert findings.page_setup.scale == LEGIBLE_SCALE
    assert [b.id for b in findings.col_breaks.brk] == [column_index("F")]
    assert findings.print_title_cols == "$A:$A"
    coverage = load_workbook(example_workbook)["Coverage"]
    assert coverage.page_setup.scale == LEGIBLE_SCALE and len(coverage.col_breaks.brk) >= 2
    assert coverage.print_title_cols == "$A:$B"


@pytest.fixture(scope="module")
def example_workbook(tmp_path_factory: pytest.TempPathFactory, framework) -> Path:
    """The bundled framework's long statement texts and titles, as reviewers print them."""
    path = tmp_path_factory.mktemp("gap-example") / "gap.xlsx"
    curriculum = load_curriculum(examples_dir() / "hospitality-diploma.yaml", framework)
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, path)
    return path


def lines_shown(ws: Worksheet, row: int) -> float:
    return (ws.row_dimensions[row].height or LINE_HEIGHT) / LINE_HEIGHT


def test_printed_text_stays_inside_its_column(example_workbook: Path) -> None:
    """Text that does not fit wraps (in a row tall enough for it): unwrapped, it would run
    over the empty matrix cells beside it, or be cut off by the next cell."""
    wb = load_workbook(example_workbook)
    wrapped = {"Coverage": "B", "Framework": "BDFI", "Modules": "D"}
    for name, columns in wrapped.items():
        ws = wb[name]
        ref = ws.tables[name].ref if ws.tables else ws.auto_filter.ref
        last_row = int(re.sub(r"[A-Z]", "", ref.split(":")[1]))
        for column in columns:
            per_line = ws.column_dimensions[column].width - 1
            index = column_index(column)
            # the table's rows, not the legend below the matrix
            for (cell,) in ws.iter_rows(min_row=2, max_row=last_row, min_col=index, max_col=index):
                if isinstance(cell.value, str) and len(cell.value) > per_line:
                    assert cell.alignment.wrap_text, f"{name}!{cell.coordinate}"
                    assert lines_shown(ws, cell.row) >= len(cell.value) / per_line, (
                        f"{name}!{cell.coordinate}"
                    )
    coverage = wb["Coverage"]
    assert coverage.column_dimensions["B"].width == 60
    first = [c for c in coverage[2] if c.value is not None]
    assert all(c.alignment.vertical == "top" for c in first)  # level with the text's first line
    assert wb["Framework"].column_dimensions["C"].width >= len("Competency") + 2


@pytest.mark.parametrize(
    ("sheet", "ref", "columns"),
    [
        ("Findings", "A1:J17", FINDING_COLUMNS),
        ("Framework", "A1:I9", FRAMEWORK_COLUMNS),
        ("Modules", "A1:G5", MODULE_COLUMNS),
    ],
)
def test_lists_are_named_tables_so_headings_are_announced(
    workbook: Path, sheet: str, ref: str, columns: tuple[str, ...]
) -> None:
    ws = load_workbook(workbook)[sheet]
    table = ws.tables[sheet]
    assert (table.ref, table.autoFilter.ref, table.headerRowCount) == (ref, ref, 1)
    assert [c.name for c in table.tableColumns] == list(columns)
    assert [c.value for c in ws[1]] == list(columns)
    assert table.tableStyleInfo.name == "TableStyleLight9"
    assert ws.auto_filter.ref is None  # the table's filter buttons serve instead


def test_reference_sheets(workbook: Path) -> None:
    wb = load_workbook(workbook)
    fw_rows = list(wb["Framework"].iter_rows(min_row=2, values_only=True))
    assert fw_rows[0] == (
        "A1",
        "Recognising",
        "A1.1",
        "Recognise signs",
        "foundation",
        "all-staff",
        "A1.1-K1",
        "knowledge",
        "Describes the signs.",
    )
    modules = list(wb["Modules"].iter_rows(min_row=2, values_only=True))
    assert modules[0] == (1, "C1", "M1", "Signs and records", 4, 4, 1)
    assert modules[3][2:] == ("M4", '=HYPERLINK("http://example.com","click")', None, 0, 0)


def test_user_text_is_never_a_formula(workbook: Path) -> None:
    xml = sheet_xml(workbook)
    sheets = {n: x for n, x in xml.items() if n.startswith("xl/worksheets/sheet")}
    assert sheets and not any("<f>" in x or "<f " in x for x in sheets.values())
    assert not any("#REF!" in x for x in xml.values())
    wb = load_workbook(workbook)
    text = wb["Coverage"]["B9"]
    assert (text.value, text.data_type) == ('=HYPERLINK("http://x","Believes the child")', "s")
    assert wb["Modules"]["D3"].value == "+1 practice"
    assert wb["Modules"]["D5"].data_type == "s"


def test_decisions_carried_and_closed(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    review = Review(
        decisions=[
            Decision(
                finding="unmapped-module:M4",
                status="Action planned",
                action="=SUM(1) map it to A2.1",
                owner="Ana",
                due=dt.date(2026, 6, 30),
                comment="+1 from QA",
            ),
            Decision(
                finding="uncovered-statement:GONE",
                status="Resolved",
                comment="fixed",
                about="was missing",
            ),
        ]
    )
    path = tmp_path / "gap.xlsx"
    result = write_gap_workbook(
        analyse(framework, curriculum), framework, curriculum, path, decisions=review
    )
    assert [d.finding for d in result.carried] == ["unmapped-module:M4"]
    assert [d.finding for d in result.closed] == ["uncovered-statement:GONE"]
    wb = load_workbook(path)
    row = next(r for r in wb["Findings"].iter_rows(min_row=2) if r[0].value.endswith("M4"))
    assert [c.value for c in row[5:]] == [
        "Action planned",
        "=SUM(1) map it to A2.1",
        "Ana",
        dt.datetime(2026, 6, 30),
        "+1 from QA",
    ]
    assert row[6].data_type == "s" and row[8].number_format == "yyyy-mm-dd"
    closed = wb["Closed decisions"]
    assert closed.tables["ClosedDecisions"].ref == "A2:G3"
    assert [c.value for c in closed[2]] == [
        "Finding id",
        "Finding",
        "Status",
        "Action",
        "Owner",
        "Due date",
        "Comment",
    ]
    assert [c.value for c in closed[3]] == [
        "uncovered-statement:GONE",
        "was missing",
        "Resolved",
        None,
        None,
        None,
        "fixed",
    ]


def test_no_findings_means_no_table(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    report = analyse(framework, curriculum).model_copy(update={"findings": []})
    path = tmp_path / "gap.xlsx"
    write_gap_workbook(report, framework, curriculum, path)
    ws = load_workbook(path)["Findings"]
    assert ws.max_row == 1 and not ws.tables


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_opens_it(workbook: Path, tmp_path: Path) -> None:
    csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    convert(workbook, csv, tmp_path, tmp_path / "profile")
    coverage = (tmp_path / "gap-Coverage.csv").read_text(encoding="utf-8")
    findings = (tmp_path / "gap-Findings.csv").read_text(encoding="utf-8")
    assert findings.splitlines()[1].startswith("uncovered-statement:A2.1-S1,")
    assert coverage.splitlines()[1].startswith("A1.1-K1,Describes the signs.,I,R,")
    assert "#REF!" not in coverage


@pytest.mark.slow
@needs_libreoffice
# LibreOffice adds its own extensions, which openpyxl skips with a warning.
@pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
def test_libreoffice_resaves_it_with_its_tables_and_the_decisions_still_read(
    tmp_path: Path,
) -> None:
    framework, curriculum = tiny()
    path = tmp_path / "gap.xlsx"
    decision = Decision(finding="unmapped-module:M4", status="Accepted", owner="Ana")
    review = Review(decisions=[decision])
    write_gap_workbook(analyse(framework, curriculum), framework, curriculum, path, review)
    out = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", tmp_path / "profile")
    resaved = out / "gap.xlsx"
    wb = load_workbook(resaved)
    tables = {name: list(wb[name].tables) for name in ("Findings", "Framework", "Modules")}
    assert tables == {"Findings": ["Findings"], "Framework": ["Framework"], "Modules": ["Modules"]}
    assert [c.name for c in wb["Modules"].tables["Modules"].tableColumns] == list(MODULE_COLUMNS)
    read = read_review(resaved).decisions
    assert [(d.finding, d.status, d.owner) for d in read if d.owner] == [
        ("unmapped-module:M4", "Accepted", "Ana")
    ]
