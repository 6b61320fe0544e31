"""Reading mapping workbooks back: exact round trips, a person's filling, and precise errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency_kit.app.inputs import load_curriculum
from competency_kit.core import limits
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.reader import read_mapping_workbook
from competency_kit.excel.mapping.workbook import write_mapping_workbook

from ..properties.strategies import curricula, frameworks
from .libreoffice import convert, needs_libreoffice
from .test_mapping_workbook import small_curriculum, small_framework


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    """Each problem as 'Sheet!Cell: message | fix' (the file name left out)."""
    return [f"{p.cell}: {p.message} | {p.fix}" for p in exc.value.problems]


def edited(tmp_path: Path, edit, curriculum=None) -> Path:  # type: ignore[no-untyped-def]
    """A pre-filled workbook changed by ``edit(workbook)`` the way a person would."""
    path = write_mapping_workbook(
        small_framework(),
        tmp_path / "mapping.xlsx",
        small_curriculum() if curriculum is None else curriculum,
    )
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def read_errors(path: Path, framework=None) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, framework or small_framework())
    return problems(exc)


@pytest.mark.parametrize("name", ["hospitality-diploma.yaml", "tour-guide-certificate.yaml"])
def test_examples_round_trip_exactly(tmp_path: Path, framework, name: str) -> None:
    curriculum = load_curriculum(examples_dir() / name, framework)
    path = write_mapping_workbook(framework, tmp_path / "mapping.xlsx", curriculum)
    assert read_mapping_workbook(path, framework) == curriculum


def test_every_field_and_mapping_order_survive(tmp_path: Path) -> None:
    curriculum = small_curriculum()
    path = write_mapping_workbook(small_framework(), tmp_path / "m.xlsx", curriculum)
    back = read_mapping_workbook(path, small_framework())
    assert back.model_dump() == curriculum.model_dump()
    assert [m.to for m in back.courses[0].modules[0].maps] == ["A2.1-K1", "A1.1", "A1.2-A1"]


def test_a_blank_template_filled_in_as_a_person_would(tmp_path: Path) -> None:
    path = write_mapping_workbook(small_framework(), tmp_path / "blank.xlsx")
    book = openpyxl.load_workbook(path)
    programme = book[L.PROGRAMME]
    programme["B4"], programme["B5"] = "CERT-1", "Certificate in Guiding"
    courses = book[L.COURSES]
    courses["A4"], courses["B4"] = "G1", "Guiding practice"
    modules = book[L.MODULES]
    modules["A4"], modules["B4"], modules["C4"], modules["D4"] = "G1", "G1-M1", "Role", 6
    modules["E4"] = "Describes the guide's duties\nNames the focal point"
    modules["A5"], modules["B5"], modules["C5"], modules["D5"] = "G1", "G1-M2", "Field day", "2.5"
    mapping = book[L.MAPPING]
    mapping["A6"], mapping["C6"], mapping["D6"], mapping["L6"] = "G1-M1", "I", "r", "M*"
    mapping["A7"], mapping["F6"], mapping["K7"] = "G1-M2", " m * ", "R*"
    evidence = book[L.EVIDENCE]
    evidence["A4"], evidence["B4"], evidence["C4"] = "G1-M1", "A2.1-K1", "Observed scenario"
    book.save(path)

    curriculum = read_mapping_workbook(path, small_framework())

    assert curriculum.programme.id == "CERT-1" and curriculum.programme.language == "en"
    [course] = curriculum.courses
    assert (course.id, course.title, [m.id for m in course.modules]) == (
        "G1",
        "Guiding practice",
        ["G1-M1", "G1-M2"],
    )
    first, second = course.modules
    assert first.hours == 6 and second.hours == 2.5
    assert first.learning_outcomes == ["Describes the guide's duties", "Names the focal point"]
    assert [(m.to, m.depth, m.assessed, m.evidence) for m in first.maps] == [
        ("A1.1", "I", False, None),
        ("A1.1-K1", "R", False, None),
        ("A1.1-A1", "M", True, None),
        ("A2.1-K1", "M", True, "Observed scenario"),
    ]
    assert [(m.to, m.depth, m.assessed) for m in second.maps] == [("A2.1", "R", True)]


def test_unknown_mark_names_the_cell(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MAPPING]["D6"] = "X"
        book[L.MAPPING]["E7"] = 2

    assert read_errors(edited(tmp_path, edit)) == [
        "Mapping!D6: 'X' is not a coverage mark for A1.1-K1 | use I, R or M, with * when the "
        "module assesses it (e.g. M*); leave the cell empty when the module does not cover it",
        "Mapping!E7: '2' is not a coverage mark for A1.1-S1 | use I, R or M, with * when the "
        "module assesses it (e.g. M*); leave the cell empty when the module does not cover it",
    ]


def test_duplicated_module_ids(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MODULES]["B5"] = "C1-M1"
        book[L.MAPPING]["A7"] = "C1-M1"

    assert read_errors(edited(tmp_path, edit)) == [
        "Modules!B5: duplicate id 'C1-M1' (already used by a module) | course and module ids "
        "must be unique in the programme; rename one",
        "Mapping!A7: module 'C1-M1' already has a row (row 6) | put all of a module's marks in "
        "one row and delete the other",
    ]


def test_renamed_statement_column(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MAPPING]["E4"] = "A1.1-S9"

    assert read_errors(edited(tmp_path, edit)) == [
        "Mapping!E4: the column heading 'A1.1-S9' is not a statement or competency id of the "
        "framework | restore the original heading 'A1.1-S1'",
    ]


def test_deleted_statement_column(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.MAPPING].delete_cols(5)  # A1.1-S1; the marks to its right shift left

    errors = read_errors(edited(tmp_path, edit))
    assert errors == [
        "Mapping!E4: the column for A1.1-S1 is missing (it was deleted or its heading was "
        "changed) | put the column back (Undo in Excel), or make a new mapping workbook and copy "
        "the marks into it",
    ]


def test_moved_columns_are_read_by_their_heading(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        ws = book[L.MAPPING]
        ws["L4"], ws["M4"] = "A2.1-S1", "A2.1-K1"  # swap two headings: marks follow them

    back = read_mapping_workbook(edited(tmp_path, edit), small_framework())
    # The recorded order is kept for marks that stayed; a new mark comes after them.
    assert [m.to for m in back.courses[0].modules[0].maps] == ["A1.1", "A1.2-A1", "A2.1-S1"]


def test_other_framework_version_is_detected(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda book: None)
    assert read_errors(path, small_framework(version="2.0")) == [
        "_meta!B4: this workbook was made for version 1.0 of the framework 'demo'; the "
        "framework in use is version 2.0 | carry the curriculum it records over to this version "
        "along the framework's lineage, or read it with the version it was made for",
    ]


def test_changed_framework_text_with_the_same_version_is_detected(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda book: None)
    changed = small_framework(first_text="Explains who counts as a child.")
    [error] = read_errors(path, changed)
    assert error.startswith(
        "_meta!B5: this workbook was made from a different text of the framework 'demo' "
        "version 1.0 (its content has changed since, without a new version number) | "
    )


def test_another_framework_is_detected(tmp_path: Path, framework) -> None:
    path = edited(tmp_path, lambda book: None)
    [error] = read_errors(path, framework)
    assert error.startswith(
        f"_meta!B3: this workbook was made for the framework 'demo' version 1.0, not for "
        f"'{framework.id}' version {framework.version} | "
    )


def test_many_problems_are_reported_together(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[L.PROGRAMME]["B4"] = None
        book[L.MODULES]["D4"] = "six"
        book[L.MODULES]["A5"] = "C9"
        mapping = book[L.MAPPING]
        mapping["A9"], mapping["C9"] = "C1-M7", "I"
        mapping["D10"] = "R"
        book[L.EVIDENCE]["A5"], book[L.EVIDENCE]["B5"], book[L.EVIDENCE]["C5"] = (
            "C1-M1",
            "A2.1-S1",
            "Quiz",
        )
        book[L.EVIDENCE]["A6"], book[L.EVIDENCE]["C6"] = "C1-M1", "Essay"

    # In sheet order, then by row and column; C1-M2's course is missing, said once.
    assert read_errors(edited(tmp_path, edit)) == [
        "Programme!B4: 'id' is empty; it is required | fill in this cell",
        "Modules!D4: 'hours' must be a number | write a number such as 6 or 1.5",
        "Modules!A5: the course 'C9' is not on the Courses sheet; its module 'C1-M2' could not "
        "be read | add the course 'C9' on the Courses sheet (its row may have been deleted), or "
        "correct the course id in column A",
        "Mapping!A9: module 'C1-M7' is not on the Modules sheet | add the module on the "
        "Modules sheet, or correct the id",
        "Mapping!A10: this row has coverage marks but no module id | write the module id (from "
        "the Modules sheet) in column A",
        "Evidence!B5: module 'C1-M1' has no mark for 'A2.1-S1' on the Mapping sheet | mark the "
        "coverage (I, R or M) on the Mapping sheet, or delete this evidence row",
        "Evidence!B6: the module id or the statement id of this evidence row is empty | fill in "
        "both ids, or delete the row",
    ]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "mapping.xlsx"
    path.write_text("id,title\n")
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, small_framework())
    assert [str(p) for p in exc.value.problems] == [
        f"{path}: error: this file is not an Excel workbook (.xlsx)\n"
        "    fix: in Excel or LibreOffice use Save As → 'Excel Workbook (.xlsx)'"
    ]


def test_a_zip_that_is_not_a_workbook_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "mapping.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook inside")
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, small_framework())
    assert exc.value.problems[0].message == (
        "this is a zip archive without an Excel workbook in it"
    )


def test_a_workbook_not_made_by_the_tool(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, small_framework())
    assert problems(exc) == [
        "None: the workbook has no hidden _meta sheet, so it is not a mapping workbook made by "
        "competency-kit | make a mapping workbook with competency-kit and fill that one in"
    ]


def test_rows_beyond_the_limit_are_refused(tmp_path: Path, monkeypatch) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        for row in range(10, 16):
            book[L.EVIDENCE].cell(row, 3, "note")

    path = edited(tmp_path, edit)
    monkeypatch.setattr(limits, "MAPPING_ROWS", 8)
    errors = read_errors(path)
    assert (
        "Evidence!A12: the Evidence sheet has more than 8 rows; the rest were not read | "
        "remove the extra rows" in errors
    )


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_opens_and_resaves_a_workbook_that_still_imports(
    tmp_path: Path, framework
) -> None:
    curriculum = load_curriculum(examples_dir() / "tour-guide-certificate.yaml", framework)
    source = write_mapping_workbook(framework, tmp_path / "mapping.xlsx", curriculum)
    out = convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved", tmp_path / "profile")
    resaved = out / "mapping.xlsx"
    assert read_mapping_workbook(resaved, framework) == curriculum
    book = openpyxl.load_workbook(resaved, data_only=True)
    assert book[L.MAPPING]["B6"].value == "The role of the tour guide"  # LibreOffice computed it
    for sheet in (L.COURSES, L.MODULES, L.EVIDENCE):  # the named tables survive
        assert list(book[sheet].tables) == [sheet]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_valid_curriculum_round_trips(tmp_path: Path, data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    curriculum = data.draw(curricula(framework))
    path = write_mapping_workbook(framework, tmp_path / "any.xlsx", curriculum)
    assert read_mapping_workbook(path, framework) == curriculum


def test_evidence_for_an_unknown_id_says_so(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        sheet = book[L.EVIDENCE]
        row = sheet.max_row + 1
        sheet.cell(row=row, column=1, value="C1-M1")
        sheet.cell(row=row, column=2, value="A9.9-K1")
        sheet.cell(row=row, column=3, value="Quiz")

    errors = read_errors(edited(tmp_path, edit))
    assert len(errors) == 1
    assert "'A9.9-K1' is not a statement or competency of the framework" in errors[0]
    assert errors[0].startswith("Evidence!B")
