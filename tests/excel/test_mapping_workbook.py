"""The mapping workbook as written: sheets, headings, dropdowns, protection, layout, text safety."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import load_framework
from competency_kit.excel import palette
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.wording import mapping_words
from competency_kit.excel.mapping.workbook import write_mapping_workbook
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

from .libreoffice import convert, needs_libreoffice


def small_framework(
    version: str = "1.0", first_text: str = "Explains who is a child."
) -> Framework:
    """Two areas, three competencies: enough to see bands, groups and gap columns."""

    def statements(code: str, dims: str) -> list[dict[str, str]]:
        names = {"K": "knowledge", "S": "skill", "A": "attitude"}
        return [
            {"id": f"{code}-{d}1", "dimension": names[d], "text": f"{code} {names[d]} text."}
            for d in dims
        ]

    data = {
        "id": "demo",
        "title": "Demo framework",
        "version": version,
        "levels": [{"id": "foundation", "title": "Foundation"}],
        "audiences": [{"id": "all-staff", "title": "All staff"}],
        "areas": [
            {
                "id": "A1",
                "title": "Concepts",
                "competencies": [
                    {"id": "A1.1", "title": "Core terms", "statements": statements("A1.1", "KSA")},
                    {"id": "A1.2", "title": "Rights", "statements": statements("A1.2", "KA")},
                ],
            },
            {
                "id": "A2",
                "title": "Responding",
                "competencies": [
                    {"id": "A2.1", "title": "Reporting", "statements": statements("A2.1", "KSA")},
                ],
            },
        ],
    }
    data["areas"][0]["competencies"][0]["statements"][0]["text"] = first_text  # type: ignore[index]
    return Framework.model_validate(data)


def small_curriculum() -> Curriculum:
    return Curriculum.model_validate(
        {
            "programme": {
                "id": "P1",
                "title": "Programme one",
                "institution": "School",
                "language": "fr",
                "description": "Two lines\nof description.",
                "audiences": ["all-staff"],
                "level": "foundation",
            },
            "courses": [
                {
                    "id": "C1",
                    "title": "First course",
                    "description": "About C1",
                    "modules": [
                        {
                            "id": "C1-M1",
                            "title": "Intro",
                            "hours": 6,
                            "learning_outcomes": ["Names the terms", "Uses them"],
                            "assessment": ["Quiz"],
                            "key_messages": ["Children first"],
                            "activity": "Pairs discuss a case",
                            "discussion_questions": ["Why?", "How?"],
                            "maps": [
                                {"to": "A2.1-K1", "depth": "I"},
                                {
                                    "to": "A1.1",
                                    "depth": "R",
                                    "assessed": True,
                                    "evidence": "Role-play",
                                },
                                {"to": "A1.2-A1", "depth": "M", "assessed": False},
                            ],
                        },
                        {"id": "C1-M2", "title": "Practice", "hours": 1.5},
                    ],
                },
                {"id": "C2", "title": "Empty course"},
            ],
        }
    )


@pytest.fixture
def written(tmp_path: Path) -> Path:
    return write_mapping_workbook(small_framework(), tmp_path / "mapping.xlsx", small_curriculum())


def mapping_sheet(path: Path) -> Worksheet:
    return openpyxl.load_workbook(path)[L.MAPPING]


def test_sheets_in_order_with_metadata_hidden(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == [
        L.INSTRUCTIONS,
        L.PROGRAMME,
        L.COURSES,
        L.MODULES,
        L.MAPPING,
        L.EVIDENCE,
        L.FRAMEWORK,
        L.META,
    ]
    assert [book[s].sheet_state for s in book.sheetnames] == ["visible"] * 7 + ["hidden"]
    meta = book[L.META]
    assert [meta.cell(r, 1).value for r in range(1, 6)] == [
        "format",
        "generator",
        "framework_id",
        "framework_version",
        "framework_hash",
    ]
    assert meta["B3"].value == "demo" and meta["B4"].value == "1.0"
    assert meta["B5"].value == L.framework_hash(small_framework())
    assert meta["A9"].value == "C1-M1" and meta["B9"].value == "A2.1-K1 A1.1 A1.2-A1"


def test_instructions_explain_the_marks_in_plain_language(written: Path) -> None:
    sheet = openpyxl.load_workbook(written)[L.INSTRUCTIONS]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "M* means mastered and assessed" in text
    for phrase in (
        "I  — introduced",
        "R  — reinforced",
        "M  — mastered",
        "*  — assessed",
        "competency-kit validate mapping.xlsx",
        "Framework: Demo framework — version 1.0",
    ):
        assert phrase in text
    assert sheet.protection.sheet


def test_matrix_headings_ids_bands_and_kinds(written: Path) -> None:
    ws = mapping_sheet(written)
    ids = [ws.cell(L.MAP_ID_ROW, c).value for c in range(3, 15)]
    assert ids == [
        "A1.1",
        "A1.1-K1",
        "A1.1-S1",
        "A1.1-A1",
        "A1.2",
        "A1.2-K1",
        "A1.2-A1",
        None,
        "A2.1",
        "A2.1-K1",
        "A2.1-S1",
        "A2.1-A1",
    ]
    kinds = [ws.cell(L.MAP_KIND_ROW, c).value for c in range(3, 15)]
    assert kinds == ["all", "K", "S", "A", "all", "K", "A", None, "all", "K", "S", "A"]
    assert ws["C2"].value == "A1 · Concepts" and ws["K2"].value == "A2 · Responding"
    assert ws["C3"].value == "A1.1 Core terms" and ws["G3"].value == "A1.2 Rights"
    assert {str(r) for r in ws.merged_cells.ranges} >= {"C2:I2", "K2:N2", "C3:F3", "G3:I3"}
    assert ws["D4"].comment.text == "A1.1-K1: Explains who is a child."
    assert ws["C2"].fill.fgColor.rgb.endswith(palette.AREA_STRONG_COLOURS[0])
    assert ws["K4"].fill.fgColor.rgb.endswith(palette.AREA_COLOURS[1])
    assert ws["J6"].fill.fgColor.rgb.endswith("BFBFBF")  # the gap column between areas


def test_prefilled_marks_and_module_rows(written: Path) -> None:
    ws = mapping_sheet(written)
    assert [ws.cell(r, 1).value for r in (6, 7, 8)] == ["C1-M1", "C1-M2", None]
    assert ws["C6"].value == "R*" and ws["I6"].value == "M" and ws["L6"].value == "I"
    assert ws["D6"].value is None
    assert ws["B6"].value.startswith("=IFERROR(INDEX(Modules!$C:$C,MATCH($A6,")


def _cells(ranges: str) -> set[str]:
    found = set()
    for part in ranges.split():
        min_col, min_row, max_col, max_row = openpyxl.utils.cell.range_boundaries(part)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                found.add(f"{openpyxl.utils.get_column_letter(c)}{r}")
    return found


def test_every_mapping_cell_has_the_dropdown(written: Path) -> None:
    ws = mapping_sheet(written)
    target_columns = [c for c in range(3, 15) if ws.cell(L.MAP_ID_ROW, c).value]
    last = ws.max_row
    assert last >= 6 + 2 + 20  # the modules plus spare rows to fill in
    expected = {
        f"{openpyxl.utils.get_column_letter(c)}{r}"
        for c in target_columns
        for r in range(6, last + 1)
    }
    lists = [dv for dv in ws.data_validations.dataValidation if dv.formula1 == '"I,R,M,I*,R*,M*"']
    assert len(lists) == 1
    assert _cells(str(lists[0].sqref)) == expected
    assert lists[0].showErrorMessage and "M*" in lists[0].error
    module_list = [dv for dv in ws.data_validations.dataValidation if "Modules!" in dv.formula1]
    assert _cells(str(module_list[0].sqref)) == {f"A{r}" for r in range(6, last + 1)}


def test_frozen_panes_widths_groups_and_print_setup(written: Path) -> None:
    ws = mapping_sheet(written)
    assert ws.freeze_panes == "C6"
    assert ws.column_dimensions["A"].width == 14 and ws.column_dimensions["B"].width == 40
    levels = {letter: ws.column_dimensions[letter].outline_level for letter in "CDEFGHIJKLMN"}
    assert levels == {
        "C": 1,
        "D": 2,
        "E": 2,
        "F": 2,
        "G": 1,
        "H": 2,
        "I": 2,
        "J": 0,
        "K": 1,
        "L": 2,
        "M": 2,
        "N": 2,
    }
    assert ws.column_dimensions["J"].width == 1.5
    assert ws.sheet_properties.outlinePr.summaryRight is False
    assert ws.print_title_rows == "$1:$5" and ws.print_title_cols == "$A:$B"
    assert ws.page_setup.orientation == "landscape"


def test_headings_locked_input_cells_unlocked_under_protection(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    ws = book[L.MAPPING]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.protection.insertRows is False  # adding module rows stays allowed
    for ref in ("A1", "C2", "C3", "D4", "D5", "B6"):
        assert ws[ref].protection.locked, ref
    for ref in ("A6", "C6", "D7", "N20"):
        assert not ws[ref].protection.locked, ref
    modules = book[L.MODULES]
    assert modules.protection.sheet and modules["B3"].protection.locked
    assert not modules["B4"].protection.locked and not modules["I35"].protection.locked
    # Below the prepared rows, empty cells take the column's style: unlocked too.
    assert not modules.column_dimensions["I"].protection.locked
    framework = book[L.FRAMEWORK]
    assert framework.protection.sheet and framework["A5"].protection.locked


def test_modules_and_courses_keep_every_field(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    modules = book[L.MODULES]
    assert [c.value for c in modules[3]] == [label for _, label, _ in L.MODULE_COLUMNS]
    assert [c.value for c in modules[4]] == [
        "C1",
        "C1-M1",
        "Intro",
        6,
        "Names the terms\nUses them",
        "Quiz",
        "Children first",
        "Pairs discuss a case",
        "Why?\nHow?",
    ]
    assert modules["D5"].value == 1.5
    assert modules.freeze_panes == "A4" and modules.tables["Modules"].ref.startswith("A3:I")
    assert modules["E4"].alignment.wrap_text
    courses = book[L.COURSES]
    assert [c.value for c in courses[5]] == ["C2", "Empty course", None]
    evidence = book[L.EVIDENCE]
    assert [c.value for c in evidence[4]] == ["C1-M1", "A1.1", "Role-play"]
    programme = book[L.PROGRAMME]
    assert [programme.cell(r, 2).value for r in range(4, 11)] == [
        "P1",
        "Programme one",
        "School",
        "fr",
        "Two lines\nof description.",
        "all-staff",
        "foundation",
    ]


def test_framework_sheet_lists_every_statement(written: Path) -> None:
    ws = openpyxl.load_workbook(written)[L.FRAMEWORK]
    rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(4, ws.max_row + 1)]
    assert rows[:3] == [("A1", "Area"), ("A1.1", "Competency"), ("A1.1-K1", "Knowledge")]
    assert len(rows) == 2 + 3 + 8


def test_user_text_is_written_as_text_never_as_a_formula(tmp_path: Path) -> None:
    curriculum = small_curriculum().model_copy(deep=True)
    curriculum.programme.title = '=HYPERLINK("http://x")'
    curriculum.courses[0].modules[0].title = "+1"
    curriculum.courses[0].modules[0].maps[1].evidence = "=1+1"
    path = write_mapping_workbook(small_framework(), tmp_path / "m.xlsx", curriculum)
    book = openpyxl.load_workbook(path)
    for sheet, ref, value in (
        (L.PROGRAMME, "B5", '=HYPERLINK("http://x")'),
        (L.MODULES, "C4", "+1"),
        (L.EVIDENCE, "C4", "=1+1"),
    ):
        assert book[sheet][ref].value == value and book[sheet][ref].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        programme_xml = archive.read("xl/worksheets/sheet2.xml").decode()
        evidence_xml = archive.read("xl/worksheets/sheet6.xml").decode()
    assert "<f>" not in programme_xml and "<f>" not in evidence_xml


@pytest.mark.parametrize("field", ["title", "learning_outcomes"])
def test_text_longer_than_a_cell_is_refused_with_its_place(tmp_path: Path, field: str) -> None:
    curriculum = small_curriculum().model_copy(deep=True)
    module = curriculum.courses[0].modules[1]
    long = "x" * 20_000
    setattr(module, field, long + long if field == "title" else [long, long])
    target = tmp_path / "m.xlsx"
    with pytest.raises(InputError) as exc:
        write_mapping_workbook(small_framework(), target, curriculum)
    problem = exc.value.problems[0]
    assert problem.file == str(target)
    assert problem.field == f"courses[0].modules[1].{field}"
    assert problem.message.startswith("the text is 40,00")
    assert "32,767" in problem.message
    assert not target.exists()


def test_second_reader_sees_the_same_values(written: Path) -> None:
    book = openpyxl.load_workbook(written)
    calamine = CalamineWorkbook.from_path(str(written))
    compared = 0
    for ws in book.worksheets:
        grid = calamine.get_sheet_by_name(ws.title).to_python()
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.data_type == "f":
                    continue
                other = grid[cell.row - 1][cell.column - 1]
                assert other == cell.value, (ws.title, cell.coordinate)
                compared += 1
    assert compared > 150


def test_blank_workbook_has_room_to_fill_in(tmp_path: Path) -> None:
    path = write_mapping_workbook(small_framework(), tmp_path / "blank.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book[L.MAPPING]
    assert ws["A6"].value is None and ws.max_row >= 6 + 59
    assert book[L.PROGRAMME]["B7"].value == "en"
    assert book[L.META]["A8"].value == "mapping_order" and book[L.META]["A9"].value is None


EPOCH_2026_03_01 = "1772323200"


def test_document_properties_name_the_tool_the_programme_and_the_framework(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_03_01)
    filled = write_mapping_workbook(small_framework(), tmp_path / "m.xlsx", small_curriculum())
    blank = write_mapping_workbook(small_framework(), tmp_path / "blank.xlsx")
    props = openpyxl.load_workbook(filled).properties
    assert props.creator == "competency-kit"
    assert props.title == "Curriculum mapping: Programme one"
    assert props.subject == "Mapping of a curriculum to Demo framework, version 1.0"
    assert props.language == "en"  # the labels' and the framework texts' language
    assert props.created == props.modified == dt.datetime(2026, 3, 1)
    blank_props = openpyxl.load_workbook(blank).properties
    assert (blank_props.creator, blank_props.title) == (
        "competency-kit",
        "Curriculum mapping workbook",
    )
    with zipfile.ZipFile(filled) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "openpyxl" not in core and ">en</dc:language>" in core


@pytest.mark.parametrize(
    ("sheet", "columns", "last"),
    [
        (L.COURSES, L.COURSE_COLUMNS, "C25"),  # 2 courses + 20 spare rows
        (L.MODULES, L.MODULE_COLUMNS, "I35"),  # 2 modules + 30 spare rows
        (L.EVIDENCE, L.EVIDENCE_COLUMNS, "C44"),  # 1 evidence row + 40 spare rows
    ],
)
def test_list_sheets_are_named_tables_under_their_header_row(
    written: Path, sheet: str, columns: list[tuple[str, str, int]], last: str
) -> None:
    """A screen reader announces the column heading of each cell inside a named table."""
    ws = openpyxl.load_workbook(written)[sheet]
    assert list(ws.tables) == [sheet]
    table = ws.tables[sheet]
    assert table.ref == f"A{L.TABLE_HEADER_ROW}:{last}"
    assert table.autoFilter.ref == table.ref and ws.auto_filter.ref is None
    labels = [label for _, label, _ in columns]
    assert [c.name for c in table.tableColumns] == labels
    assert [c.value for c in ws[L.TABLE_HEADER_ROW]] == labels
    assert table.headerRowCount == 1 and table.tableStyleInfo is None  # the cells keep their look


def test_framework_sheet_rows_are_tall_enough_to_print_every_line(
    tmp_path: Path, framework: Framework
) -> None:
    """Printed, a row of the default height shows one line of wrapped text and cuts the rest."""
    ws = openpyxl.load_workbook(write_mapping_workbook(framework, tmp_path / "m.xlsx"))[L.FRAMEWORK]
    per_line = int(ws.column_dimensions["C"].width * 1.15)
    long_rows = 0
    for (cell,) in ws.iter_rows(min_row=4, min_col=3, max_col=3):
        assert cell.alignment.wrap_text
        if isinstance(cell.value, str) and len(cell.value) > per_line:
            long_rows += 1
            height = ws.row_dimensions[cell.row].height
            assert height and height / 15 >= len(cell.value) / per_line, cell.coordinate
    assert long_rows > 20


def test_the_framework_hash_follows_its_texts_but_not_where_a_translation_came_from(
    framework,
) -> None:
    hashed = L.framework_hash(framework)
    data = framework.model_dump(mode="json")
    for translation in data["translations"].values():
        translation["sources"] = {}
    assert L.framework_hash(type(framework).model_validate(data)) == hashed
    statement = data["areas"][0]["competencies"][0]["statements"][0]
    statement["text"]["en"] += " (edited)"
    assert L.framework_hash(type(framework).model_validate(data)) != hashed


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundled") / "mapping.xlsx"
    return write_mapping_workbook(load_framework(), path, None)


def pages_across(ws: Worksheet) -> list[range]:
    """The target columns of each printed page, from the sheet's column breaks."""
    ends = [b.id for b in ws.col_breaks.brk] + [ws.max_column]
    starts = [L.MAP_FIRST_TARGET_COLUMN] + [end + 1 for end in ends[:-1]]
    return [range(s, e + 1) for s, e in zip(starts, ends, strict=True)]


def test_a_printed_page_never_cuts_a_competency(bundled: Path) -> None:
    ws = mapping_sheet(bundled)
    framework = load_framework()
    page_of = {c: p for p, columns in enumerate(pages_across(ws)) for c in columns}
    ids = {ws.cell(L.MAP_ID_ROW, c).value: c for c in range(3, ws.max_column + 1)}
    assert len(pages_across(ws)) > 5
    for _, competency in framework.competencies():
        columns = [ids[competency.id]] + [ids[s.id] for s in competency.statements]
        assert {page_of[c] for c in columns} == {page_of[columns[0]]}, competency.id


def test_every_page_shows_the_name_of_each_area_on_it(bundled: Path) -> None:
    ws = mapping_sheet(bundled)
    names = {f"{a.id} · {a.title['en']}" for a in load_framework().areas}
    bands = [r for r in ws.merged_cells.ranges if r.min_row == L.MAP_AREA_ROW]
    for page in pages_across(ws):
        on_page = [b for b in bands if b.min_col in page]
        assert on_page and all(b.max_col in page for b in on_page)
        assert {ws.cell(L.MAP_AREA_ROW, b.min_col).value for b in on_page} <= names
        painted = [c for c in page if ws.cell(L.MAP_ID_ROW, c).value]
        assert all(any(b.min_col <= c <= b.max_col for b in on_page) for c in painted)


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_libreoffice_prints_each_competency_on_one_page(bundled: Path, tmp_path: Path) -> None:
    convert(bundled, "pdf", tmp_path, tmp_path / "profile")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "mapping.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [p for p in text.split("\f") if "Mapping — page" in p]
    framework = load_framework()
    assert len(pages) >= len(pages_across(mapping_sheet(bundled)))
    for page in pages:
        shown = set(page.split())
        for _, competency in framework.competencies():
            statements = {s.id for s in competency.statements}
            if shown & statements:
                assert statements <= shown, (competency.id, sorted(statements - shown))


@pytest.mark.parametrize("lang", ["en", "fr", "es", "pt"])
def test_the_matrix_title_wraps_within_the_columns_every_page_prints(
    tmp_path: Path, lang: str
) -> None:
    path = write_mapping_workbook(load_framework(), tmp_path / "m.xlsx", None, lang=lang)
    ws = openpyxl.load_workbook(path)[mapping_words(lang).sheet(L.MAPPING)]
    assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].alignment.wrap_text
    lines = -(-len(ws["A1"].value) // 45)  # about 45 characters of it fit on a line there
    assert ws.row_dimensions[1].height >= 19 * lines
    assert ws.print_title_cols == "$A:$B"
