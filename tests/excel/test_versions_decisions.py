"""The decisions workbook: written for the splits, filled by a person, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from competency_kit.core.errors import InputError
from competency_kit.documents.curriculum_io import load_curriculum_document
from competency_kit.documents.framework_io import load_framework
from competency_kit.excel.versions.decisions import read_decisions, write_decisions
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

from ..versions_example import NEW, write_versions


@pytest.fixture()
def written(tmp_path: Path) -> tuple[Path, Curriculum, Framework]:
    old, new, curriculum_path = write_versions(tmp_path)
    curriculum = load_curriculum_document(curriculum_path, load_framework(old))
    framework = load_framework(new)
    path = write_decisions(curriculum, framework, "1.0.0", tmp_path / "decisions.xlsx")
    return path, curriculum, framework


def test_one_row_per_successor_with_drop_downs(written: tuple[Path, Curriculum, Framework]) -> None:
    path, _, _ = written
    wb = load_workbook(path)
    ws = wb["Decisions"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True)]
    assert rows == [
        ("C1", "M1", "CP1.2-S1", "Spots warning signs.", "R", "CP1.2-S3",
         "Spots warning signs at the front desk.", "Yes", "R"),
        ("C1", "M1", "CP1.2-S1", "Spots warning signs.", "R", "CP1.2-S4",
         "Spots warning signs in online bookings.", "Yes", "R"),
    ]  # fmt: skip
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert lists == {"H5:H6": '"Yes,No"', "I5:I6": '"I,R,M"'}
    assert ws.freeze_panes == "A5" and ws.tables["SplitDecisions"].ref == "A4:I6"
    assert ws.protection.sheet and not ws["H5"].protection.locked and ws["A5"].protection.locked
    assert wb["_meta"].sheet_state == "hidden"


def test_read_back_what_a_person_chose(written: tuple[Path, Curriculum, Framework]) -> None:
    path, curriculum, framework = written
    wb = load_workbook(path)
    wb["Decisions"]["H6"] = "no"
    wb["Decisions"]["I5"] = "m"
    wb.save(path)
    assert read_decisions(path, curriculum, framework) == {("M1", "CP1.2-S1"): [("CP1.2-S3", "M")]}


def test_every_bad_cell_is_named(written: tuple[Path, Curriculum, Framework]) -> None:
    path, curriculum, framework = written
    wb = load_workbook(path)
    ws = wb["Decisions"]
    ws["H5"], ws["I6"], ws["B7"], ws["C7"], ws["F7"] = "Maybe", "X", "M9", "CP1.2-S1", "CP1.2-S3"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        read_decisions(path, curriculum, framework)
    assert [(p.cell, p.code) for p in exc.value.problems] == [
        ("Decisions!H5", "decisions.bad-choice"),
        ("Decisions!I6", "decisions.bad-depth"),
        ("Decisions!B7", "decisions.unknown-row"),
    ]


def test_refused_for_a_changed_curriculum_or_another_version(
    written: tuple[Path, Curriculum, Framework], tmp_path: Path
) -> None:
    path, curriculum, framework = written
    changed = curriculum.model_copy(
        update={"programme": curriculum.programme.model_copy(update={"title": "Other"})}
    )
    with pytest.raises(InputError) as exc:
        read_decisions(path, changed, framework)
    assert exc.value.problems[0].code == "decisions.curriculum-changed"
    (tmp_path / "v3.yaml").write_text(
        NEW.replace("version: 2.0.0", "version: 3.0.0"), encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        read_decisions(path, curriculum, load_framework(tmp_path / "v3.yaml"))
    assert (exc.value.problems[0].code, exc.value.problems[0].cell) == (
        "decisions.other-version",
        "_meta!B6",
    )


def test_a_gap_workbook_is_not_a_decisions_workbook(
    written: tuple[Path, Curriculum, Framework], tmp_path: Path
) -> None:
    _, curriculum, framework = written
    from openpyxl import Workbook

    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    with pytest.raises(InputError) as exc:
        read_decisions(other, curriculum, framework)
    assert exc.value.problems[0].code == "decisions.not-a-decisions-workbook"
