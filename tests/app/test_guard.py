"""The output guard: nothing a person typed is replaced without being asked."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from competency_kit.app.gap import GapRequest, run_gap
from competency_kit.app.guard import guard_output
from competency_kit.app.mapping import ImportRequest, TemplateRequest, import_mapping, make_template
from competency_kit.app.review import ReviewRequest, extract_review
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir

DIPLOMA = examples_dir() / "hospitality-diploma.yaml"


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        guard_output(path)
    (problem,) = exc.value.problems
    return f"{problem.code}: {problem.message} | {problem.fix}"


def test_a_filled_mapping_workbook_is_kept_and_says_what_it_holds(tmp_path: Path) -> None:
    filled = tmp_path / "filled.xlsx"
    make_template(TemplateRequest(filled, DIPLOMA))
    make_template(TemplateRequest(filled, DIPLOMA))  # nobody typed into it: made again
    book = openpyxl.load_workbook(filled)
    book["Mapping"]["E7"] = "M"
    book.save(filled)
    before = filled.read_bytes()
    with pytest.raises(InputError) as exc:
        make_template(TemplateRequest(filled))
    (problem,) = exc.value.problems
    assert (problem.code, problem.message) == (
        "output.holds-marks",
        "this mapping workbook holds 27 modules and 104 marks that someone typed in; "
        "replacing it would lose them",
    )
    assert filled.read_bytes() == before
    make_template(TemplateRequest(filled, force=True))
    assert filled.read_bytes() != before


def test_a_blank_workbook_may_be_replaced_but_a_typed_programme_not(tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    make_template(TemplateRequest(blank))
    guard_output(blank)
    book = openpyxl.load_workbook(blank)
    book["Programme"]["B5"] = "Diploma in Hospitality"
    book.save(blank)
    assert refusal(blank).startswith(
        "output.holds-marks: this mapping workbook holds a programme typed in by someone"
    )


def test_an_edited_curriculum_is_kept_an_untouched_import_is_not(tmp_path: Path) -> None:
    workbook = tmp_path / "mapping.xlsx"
    make_template(TemplateRequest(workbook, DIPLOMA))
    out = tmp_path / "curriculum.yaml"
    import_mapping(ImportRequest(workbook, out))
    import_mapping(ImportRequest(workbook, out))  # still as written: replaced
    out.write_text(out.read_text(encoding="utf-8").replace("Diploma in", "Diploma of"))
    assert refusal(out) == (
        "output.holds-curriculum: this file holds a curriculum with 9 courses and 27 modules, "
        "written or edited by someone; replacing it would lose that work | keep it: choose "
        "another output name, or move the file somewhere else first"
    )
    shutil.copy(DIPLOMA, tmp_path / "hand.yaml")
    assert refusal(tmp_path / "hand.yaml").startswith("output.holds-curriculum: ")


def test_a_review_file_once_edited_is_kept(tmp_path: Path, gap_workbook: Path) -> None:
    out = tmp_path / "review.yaml"
    extract_review(ReviewRequest(gap_workbook, out))
    extract_review(ReviewRequest(gap_workbook, out))
    out.write_text(out.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    assert refusal(out).startswith(
        "output.holds-review: this file holds a review file with 0 reviewer decisions"
    )


def test_other_peoples_files(tmp_path: Path) -> None:
    budget = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(budget)
    assert refusal(budget).startswith(
        "output.foreign-file: this file is an Excel workbook not made by competency-kit; "
    )
    profile = tmp_path / "profile.yaml"
    shutil.copy(examples_dir() / "profile.yaml", profile)
    assert refusal(profile).startswith(
        "output.holds-profile: this file holds a local profile with reporting pathways"
    )
    broken = tmp_path / "notes.yaml"
    broken.write_text("a: [unclosed\n", encoding="utf-8")
    assert refusal(broken).startswith("output.holds-text: ")
    report = tmp_path / "guide.pdf"
    report.write_bytes(b"%PDF-1.7\n")
    guard_output(report)  # documents competency-kit makes are made again at will


@pytest.fixture
def gap_workbook(tmp_path: Path) -> Path:
    out = tmp_path / "gap.xlsx"
    run_gap(GapRequest(DIPLOMA, out))
    return out
