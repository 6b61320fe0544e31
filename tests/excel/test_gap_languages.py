"""The gap workbook in French, Spanish and Portuguese, and read back in its own language."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from competency_kit.analysis import analyse
from competency_kit.core.errors import InputError
from competency_kit.core.languages import folded
from competency_kit.excel.gap.review import read_review
from competency_kit.excel.gap.wording import gap_wording
from competency_kit.excel.gap.workbook import write_gap_workbook
from competency_kit.models.review import Decision, Review

from ..gap_example import tiny

FRENCH_FINDINGS = [
    "Identifiant du constat",
    "Constat",
    "Règle",
    "Objet",
    "Gravité",
    "Statut",
    "Action",
    "Responsable",
    "Échéance",
    "Commentaire",
]


def gap_workbook(path: Path, lang: str, review: Review | None = None) -> Path:
    framework, curriculum = tiny()
    report = analyse(framework, curriculum)
    write_gap_workbook(report, framework, curriculum, path, review, lang=lang)
    return path


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    gone = Decision(finding="unmapped-module:GONE", status="Resolved", comment="dropped")
    review = Review(source="r.yaml", decisions=[gone])
    return gap_workbook(tmp_path_factory.mktemp("fr") / "gap.xlsx", "fr", review)


def test_french_sheets_and_headings(french: Path) -> None:
    wb = load_workbook(french)
    assert wb.sheetnames == [
        "Synthèse",
        "Constats",
        "Couverture",
        "Référentiel",
        "Modules",
        "Décisions closes",
    ]
    assert [c.value for c in wb["Constats"][1]] == FRENCH_FINDINGS
    assert [c.value for c in wb["Décisions closes"][2]] == FRENCH_FINDINGS[:2] + FRENCH_FINDINGS[5:]
    assert wb["Modules"]["A1"].value == "Ordre"
    assert wb["Référentiel"]["I1"].value == "Texte de l’énoncé"
    assert wb.properties.title == "Analyse des écarts\u202f: Tiny programme"
    assert wb.properties.language == "fr"


def test_french_severities_statuses_and_lists(french: Path) -> None:
    ws = load_workbook(french)["Constats"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {row[4] for row in rows} == {"élevée", "moyenne", "faible"}
    assert {row[5] for row in rows} == {"Ouvert"}
    status, due = ws.data_validations.dataValidation
    assert status.formula1 == '"Ouvert,Accepté,Action prévue,Résolu,Sans objet"'
    assert status.promptTitle == "Statut"
    assert status.error == "Choisissez un statut dans la liste\u202f: Ouvert, Accepté, " + (
        "Action prévue, Résolu, Sans objet."
    )
    assert due.errorTitle == "Échéance"
    formulas = {r.formula[0] for rule in ws.conditional_formatting for r in rule.rules}
    assert formulas == {'$E2="élevée"', '$E2="moyenne"', '$E2="faible"'}


def test_french_summary_coverage_and_legend(french: Path) -> None:
    wb = load_workbook(french)
    summary = [row[0] for row in wb["Synthèse"].iter_rows(values_only=True)]
    assert {"Programme", "Référentiel", "Couverture", "Heures d’enseignement"} <= set(summary)
    assert {"Gravité", "élevée", "Profondeur maximale", "savoir-faire"} <= set(summary)
    coverage = wb["Couverture"]
    heading = [c.value for c in coverage[1] if c.value is not None]
    assert heading[:2] == ["Énoncé", "Texte"]
    assert heading[-7:] == [
        "Compétence",
        "Domaine",
        "Dimension",
        "Modules",
        "Profondeur maximale",
        "Évalués",
        "Heures",
    ]
    assessed = {row[len(heading) - 2] for row in coverage.iter_rows(min_row=2, values_only=True)}
    assert {"oui", "non"} <= assessed
    texts = [row[1] for row in coverage.iter_rows(values_only=True)]
    assert "vide\u202f: le module n’enseigne pas l’énoncé" in texts
    assert "Légende" in [row[0] for row in coverage.iter_rows(values_only=True)]


def test_sheet_names_with_spaces_are_quoted_in_print_titles(french: Path) -> None:
    with zipfile.ZipFile(french) as z:
        workbook_xml = z.read("xl/workbook.xml").decode("utf-8")
    assert "'Décisions closes'!$1:$2" in workbook_xml


def test_french_decisions_read_back_whatever_the_accents_and_case(french: Path) -> None:
    path = french.with_name("filled.xlsx")
    wb = load_workbook(french)
    ws = wb["Constats"]
    ws["F2"], ws["G2"], ws["I2"] = "action prevue", "Ajouter un jeu de rôle", dt.date(2027, 1, 15)
    ws["F3"], ws["J3"] = "  RÉSOLU ", "Corrigé"
    ws["F4"] = "Not applicable"  # English words are understood too
    wb.save(path)
    decisions = {d.finding: d for d in read_review(path).decisions}
    first, second, third = (ws[f"A{row}"].value for row in (2, 3, 4))
    assert decisions[first].status == "Action planned"
    assert decisions[first].action == "Ajouter un jeu de rôle"
    assert decisions[first].due == dt.date(2027, 1, 15)
    assert (decisions[second].status, decisions[second].comment) == ("Resolved", "Corrigé")
    assert decisions[third].status == "Not applicable"
    assert decisions["unmapped-module:GONE"].comment == "dropped"


def test_an_unknown_french_status_names_the_french_words(french: Path) -> None:
    path = french.with_name("bad.xlsx")
    wb = load_workbook(french)
    wb["Constats"]["F2"] = "peut-être"
    wb.save(path)
    with pytest.raises(InputError) as caught:
        read_review(path)
    (problem,) = caught.value.problems
    assert problem.cell == "Constats!F2"
    assert problem.field == "Statut"
    assert "Ouvert, Accepté, Action prévue, Résolu, Sans objet" in problem.fix


@pytest.mark.parametrize(
    ("lang", "sheets", "findings_heading"),
    [
        (
            "es",
            ["Resumen", "Hallazgos", "Cobertura", "Marco", "Módulos"],
            ["ID del hallazgo", "Hallazgo", "Regla", "Elemento", "Gravedad", "Estado"],
        ),
        (
            "pt",
            ["Resumo", "Constatações", "Cobertura", "Matriz", "Módulos"],
            ["ID da constatação", "Constatação", "Regra", "Elemento", "Gravidade", "Situação"],
        ),
    ],
)
def test_spanish_and_portuguese_sheets_and_headings(
    tmp_path: Path, lang: str, sheets: list[str], findings_heading: list[str]
) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx", lang)
    wb = load_workbook(path)
    assert wb.sheetnames == sheets
    findings = wb[sheets[1]]
    assert [c.value for c in findings[1]][:6] == findings_heading
    status = gap_wording(lang).statuses
    assert findings.data_validations.dataValidation[0].formula1 == '"' + ",".join(status) + '"'
    findings["F2"] = status[3].upper()
    wb.save(path)
    (decision,) = read_review(path).decisions
    assert decision.status == "Resolved"


def test_a_workbook_that_records_no_language_is_read_with_english_names(tmp_path: Path) -> None:
    path = gap_workbook(tmp_path / "gap.xlsx", "en")
    wb = load_workbook(path)
    wb.custom_doc_props.props = []
    wb["Findings"]["F2"] = "Accepted"
    wb.save(path)
    (decision,) = read_review(path).decisions
    assert decision.status == "Accepted"


@pytest.mark.parametrize("lang", ["fr", "es", "pt"])
def test_every_language_has_five_distinct_statuses_without_commas(lang: str) -> None:
    statuses = gap_wording(lang).statuses
    assert len({folded(s) for s in statuses}) == 5
    assert not any("," in s or '"' in s for s in statuses)
    assert all(len(gap_wording(lang).sheet(name)) <= 31 for name in ("closed", "findings"))


def test_a_language_without_a_catalogue_is_worded_in_english() -> None:
    assert gap_wording("xx").sheet("findings") == "Findings"
    assert gap_wording("fr-CA").sheet("findings") == "Constats"


def test_columns_grow_with_longer_heading_words(french: Path) -> None:
    wb = load_workbook(french)
    # "Domaine" is three letters longer than "Area"; "Profondeur" three longer than "Highest".
    assert wb["Référentiel"].column_dimensions["A"].width == 8 + 3
    assert wb["Constats"].column_dimensions["A"].width == 30 + 4  # "Identifiant" / "Finding"
    assert wb["Constats"].column_dimensions["B"].width == 60  # "Constat" is shorter
    coverage = wb["Couverture"]
    depth = next(c.column_letter for c in coverage[1] if c.value == "Profondeur maximale")
    assert coverage.column_dimensions[depth].width == 9 + 3


def test_the_framework_is_named_in_the_workbook_language(tmp_path: Path) -> None:
    framework, curriculum = tiny()
    title = {"en": "Tiny test framework", "fr": "Petit référentiel d’essai"}
    framework = framework.model_copy(update={"title": title})
    report = analyse(framework, curriculum)
    path = tmp_path / "gap.xlsx"
    write_gap_workbook(report, framework, curriculum, path, None, lang="fr")
    wb = load_workbook(path)
    rows = {row[0]: row[1] for row in wb["Synthèse"].iter_rows(values_only=True) if row}
    assert "Petit référentiel d’essai" in rows["Référentiel"]
    assert "Petit référentiel d’essai" in (wb.properties.subject or "")
