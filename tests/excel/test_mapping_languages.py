"""The mapping workbook in French, Spanish and Portuguese: written in the language, read back
by its recorded language whatever its sheets and headings are called."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from competency_kit.core.errors import InputError
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.contents import mapping_contents
from competency_kit.excel.mapping.reader import read_mapping_workbook
from competency_kit.excel.mapping.wording import (
    formula_sheet_name,
    mapping_languages,
    mapping_words,
    table_name,
)
from competency_kit.excel.mapping.workbook import write_mapping_workbook
from competency_kit.models.base import localize

from .test_mapping_workbook import small_curriculum, small_framework


def test_four_languages_are_offered() -> None:
    assert mapping_languages() == ["en", "es", "fr", "pt"]


@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
def test_sheet_names_are_ones_excel_accepts(lang: str) -> None:
    names = mapping_words(lang).sheet_names().values()
    assert len(set(names)) == 7
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")


@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
def test_drop_down_messages_fit_excel_limits(tmp_path: Path, lang: str) -> None:
    """Excel refuses to open a validation whose title passes 32 characters or whose message
    passes 255 (225 for an error)."""
    path = write_mapping_workbook(small_framework(), tmp_path / "m.xlsx", lang=lang)
    book = openpyxl.load_workbook(path)
    validations = [v for ws in book for v in ws.data_validations.dataValidation]
    assert len(validations) == 5
    for v in validations:
        assert len(v.errorTitle or "") <= 32 and len(v.promptTitle or "") <= 32
        assert len(v.error or "") <= 225 and len(v.prompt or "") <= 255


def test_french_workbook_is_french_sheet_by_sheet(tmp_path: Path, framework) -> None:  # type: ignore[no-untyped-def]
    path = write_mapping_workbook(framework, tmp_path / "fr.xlsx", lang="fr")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Mode d’emploi",
        "Programme",
        "Cours",
        "Modules",
        "Correspondances",
        "Preuves d’évaluation",
        "Référentiel",
        "_meta",
    ]
    guide = book["Mode d’emploi"]
    assert guide["A1"].value == "Classeur de mise en correspondance du programme"
    assert guide["A5"].value == "Marche à suivre"
    assert guide["A6"].value == "Étape 1"
    assert guide["B6"].value.startswith("Dans la feuille Programme, indiquez")
    assert [book["Modules"].cell(3, c).value for c in (1, 2, 4)] == [
        "Identifiant du cours",
        "Identifiant du module",
        "Heures",
    ]
    assert book["Programme"]["A4"].value == "Identifiant du programme"
    assert book["Programme"]["B7"].value == "fr"  # the teaching language, suggested
    assert book["Programme"].column_dimensions["A"].width == 28  # its longest label fits
    assert book["Cours"].oddFooter.center.text == "&A — page &P sur &N"
    matrix = book["Correspondances"]
    assert matrix.cell(L.MAP_ID_ROW, 1).value == "Identifiant du module"
    assert matrix.cell(L.MAP_KIND_ROW, L.MAP_FIRST_TARGET_COLUMN).value == "tout"
    first = framework.areas[0].competencies[0].statements[0]
    note = matrix.cell(L.MAP_ID_ROW, L.MAP_FIRST_TARGET_COLUMN + 1).comment.text
    assert note == f"{first.id}: {first.text['fr']}"
    assert book["Référentiel"]["C4"].value == localize(framework.areas[0].title, "fr")
    assert book["Référentiel"]["B4"].value == "Domaine"


def test_french_validations_and_names_refer_to_the_french_sheets(tmp_path: Path) -> None:
    path = write_mapping_workbook(small_framework(), tmp_path / "fr.xlsx", lang="fr")
    book = openpyxl.load_workbook(path)
    matrix = book["Correspondances"].data_validations.dataValidation
    marks = next(v for v in matrix if v.formula1.startswith('"'))
    assert marks.errorTitle == "Valeur non admise"
    assert marks.prompt == "I, R ou M\u202f; ajoutez * si évalué (par ex. M*)"
    modules = next(v for v in matrix if not v.formula1.startswith('"'))
    assert modules.formula1 == "Modules!$B$4:$B$2000"
    assert "feuille Modules" in modules.error
    courses = book["Modules"].data_validations.dataValidation[0]
    assert courses.formula1 == "Cours!$A$4:$A$200"
    assert list(book["Preuves d’évaluation"].tables) == ["Preuvesdevaluation"]
    with zipfile.ZipFile(path) as archive:
        names = archive.read("xl/workbook.xml").decode()
    assert ">'Preuves d’évaluation'!$3:$3</definedName>" in names  # its print titles


def test_spanish_formulas_quote_the_sheet_with_an_accent(tmp_path: Path) -> None:
    path = write_mapping_workbook(small_framework(), tmp_path / "es.xlsx", lang="es")
    book = openpyxl.load_workbook(path)
    matrix = book["Mapeo"]
    modules = next(v for v in matrix.data_validations.dataValidation if "!" in v.formula1)
    assert modules.formula1 == "'Módulos'!$B$4:$B$2000"
    assert matrix.cell(L.MAP_FIRST_ROW, 2).value.startswith("=IFERROR(INDEX('Módulos'!$C:$C")


def test_quoting_of_sheet_names() -> None:
    assert formula_sheet_name("Modules") == "Modules"
    assert formula_sheet_name("Preuves d'évaluation") == "'Preuves d''évaluation'"
    assert formula_sheet_name("AB12") == "'AB12'"
    assert table_name("Courses") == "Courses"
    assert table_name("Preuves d'évaluation") == "Preuvesdevaluation"


@pytest.mark.parametrize(
    ("lang", "sheet", "heading"),
    [
        ("es", "Módulos", "Identificador del módulo"),
        ("pt", "Módulos", "Identificador do módulo"),
        ("es", "Cursos", "Identificador del curso"),
        ("pt", "Disciplinas", "Identificador da disciplina"),
    ],
)
def test_spanish_and_portuguese_headings(
    tmp_path: Path, lang: str, sheet: str, heading: str
) -> None:
    path = write_mapping_workbook(small_framework(), tmp_path / "m.xlsx", lang=lang)
    book = openpyxl.load_workbook(path)
    column = 2 if sheet == "Módulos" else 1
    assert book[sheet].cell(3, column).value == heading
    assert book.properties.language == lang


def fill(path: Path, lang: str, marks: dict[str, str]) -> Path:
    """Type a programme, a course, a module and its marks, as an educator would."""
    words = mapping_words(lang)
    book = openpyxl.load_workbook(path)
    programme = book[words.sheet(L.PROGRAMME)]
    programme["B4"], programme["B5"], programme["B7"] = "P1", "Programme one", "en"
    courses = book[words.sheet(L.COURSES)]
    courses["A4"], courses["B4"] = "C1", "Course one"
    modules = book[words.sheet(L.MODULES)]
    for column, value in zip("ABCD", ("C1", "M1", "Module one", 6), strict=True):
        modules[f"{column}4"] = value
    matrix = book[words.sheet(L.MAPPING)]
    matrix.cell(L.MAP_FIRST_ROW, 1, "M1")
    ids = {matrix.cell(L.MAP_ID_ROW, c).value: c for c in range(3, matrix.max_column + 1)}
    for target, mark in marks.items():
        matrix.cell(L.MAP_FIRST_ROW, ids[target], mark)
    evidence = book[words.sheet(L.EVIDENCE)]
    evidence["A4"], evidence["B4"], evidence["C4"] = "M1", "A1.1", "Role-play"
    book.save(path)
    return path


def test_filled_french_workbook_reads_as_the_english_one(tmp_path: Path) -> None:
    framework = small_framework()
    english = write_mapping_workbook(framework, tmp_path / "en.xlsx")
    french = write_mapping_workbook(framework, tmp_path / "fr.xlsx", lang="fr")
    marks_en = {"A1.1": "M*", "A1.1-K1": "R"}
    marks_fr = {"A1.1": "Maîtrisé*", "A1.1-K1": "renforce"}  # words, accents and case forgiven
    read_en = read_mapping_workbook(fill(english, "en", marks_en), framework)
    read_fr = read_mapping_workbook(fill(french, "fr", marks_fr), framework)
    assert read_fr == read_en
    module = read_fr.courses[0].modules[0]
    assert [(m.to, m.depth, m.assessed, m.evidence) for m in module.maps] == [
        ("A1.1", "M", True, "Role-play"),
        ("A1.1-K1", "R", False, None),
    ]


def test_a_typo_in_a_french_workbook_names_the_french_sheet_and_cell(tmp_path: Path) -> None:
    framework = small_framework()
    path = write_mapping_workbook(framework, tmp_path / "fr.xlsx", lang="fr")
    fill(path, "fr", {"A1.1": "Mx"})
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, framework)
    mark, evidence = exc.value.problems
    assert (mark.cell, mark.code) == (
        f"Correspondances!C{L.MAP_FIRST_ROW}",
        "workbook.unknown-mark",
    )
    assert evidence.cell == "Preuves d’évaluation!B4"
    assert "on the Correspondances sheet" in evidence.message


def test_a_french_heading_overwritten_names_the_french_sheet(tmp_path: Path) -> None:
    framework = small_framework()
    path = write_mapping_workbook(framework, tmp_path / "fr.xlsx", small_curriculum(), lang="fr")
    book = openpyxl.load_workbook(path)
    book["Cours"]["A3"] = None
    book["Cours"]["B3"] = None
    book["Cours"]["C3"] = None
    book.save(path)
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, framework)
    assert [p.cell for p in exc.value.problems] == ["Cours!A3"]


def test_prefilled_french_workbook_round_trips(tmp_path: Path) -> None:
    framework, curriculum = small_framework(), small_curriculum()
    for lang in ("fr", "es", "pt"):
        path = write_mapping_workbook(framework, tmp_path / f"{lang}.xlsx", curriculum, lang=lang)
        assert read_mapping_workbook(path, framework) == curriculum


def test_a_workbook_without_a_recorded_language_is_read_as_english(tmp_path: Path) -> None:
    framework = small_framework()
    path = write_mapping_workbook(framework, tmp_path / "en.xlsx", small_curriculum())
    book = openpyxl.load_workbook(path)
    book.custom_doc_props.props.clear()
    book.save(path)
    assert read_mapping_workbook(path, framework) == small_curriculum()


def test_a_french_workbook_says_whether_someone_typed_into_it(tmp_path: Path) -> None:
    framework = small_framework()
    path = write_mapping_workbook(framework, tmp_path / "fr.xlsx", small_curriculum(), lang="fr")
    assert not mapping_contents(path).edited
    fill(path, "fr", {"A1.1": "R"})
    contents = mapping_contents(path)
    assert contents.edited and contents.marks > 0


def test_a_renamed_french_sheet_is_named_as_the_workbook_named_it(tmp_path: Path) -> None:
    framework = small_framework()
    path = write_mapping_workbook(framework, tmp_path / "fr.xlsx", lang="fr")
    book = openpyxl.load_workbook(path)
    book["Preuves d’évaluation"].title = "Preuves"
    book.save(path)
    with pytest.raises(InputError) as exc:
        read_mapping_workbook(path, framework)
    assert "the sheet(s) Preuves d’évaluation are missing" in exc.value.problems[0].message
