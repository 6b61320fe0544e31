"""The tasks a front end with screens adds: coverage without a workbook, an upload accepted as
a curriculum file, a framework adopted from any importable file, a profile from a form."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_kit.analysis import analyse
from competency_kit.app.coverage import CoverageRequest, check_coverage
from competency_kit.app.documents import ContactFields, ProfileRequest, make_profile
from competency_kit.app.frameworks import (
    AdoptRequest,
    ExportRequest,
    adopt_framework,
    export_framework_file,
)
from competency_kit.app.gap import GapRequest, load_decisions, run_gap
from competency_kit.app.mapping import AcceptRequest, accept_curriculum
from competency_kit.app.review import ReviewRequest, extract_review
from competency_kit.core.errors import InputError
from competency_kit.core.resources import examples_dir
from competency_kit.documents.profile_io import load_profile

EXAMPLE = examples_dir() / "hospitality-diploma.yaml"


def test_coverage_is_the_gap_report_with_charts_and_depths(framework, tmp_path: Path) -> None:
    result = check_coverage(CoverageRequest(EXAMPLE, lang="fr"))
    assert result.report == analyse(framework, result.curriculum)
    assert set(result.charts) == {"by_area", "by_dimension", "heatmap", "legend"}
    assert result.charts["by_area"].startswith("<svg")
    assert result.decisions == {}
    some = next(s for s in result.report.statements if s.modules)
    assert set(result.depths[some.id]) == set(some.modules)


def test_decisions_come_from_a_gap_workbook_or_a_review_file(tmp_path: Path) -> None:
    run_gap(GapRequest(EXAMPLE, tmp_path / "gap.xlsx"))
    review = extract_review(ReviewRequest(tmp_path / "gap.xlsx", tmp_path / "review.yaml"))
    assert load_decisions(tmp_path / "gap.xlsx") == review
    assert load_decisions(tmp_path / "review.yaml").decisions == review.decisions


def test_an_accepted_curriculum_is_written_as_yaml(tmp_path: Path) -> None:
    result = accept_curriculum(AcceptRequest(EXAMPLE, tmp_path / "curriculum.yaml"))
    assert result.path.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert result.reached > 0
    again = accept_curriculum(AcceptRequest(result.path, tmp_path / "again.yaml"))
    assert again.curriculum == result.curriculum


def test_a_case_package_is_adopted_as_framework_yaml(framework, tmp_path: Path) -> None:
    export_framework_file(ExportRequest(tmp_path / "fw.json"))
    adopted = adopt_framework(AdoptRequest(tmp_path / "fw.json", tmp_path / "framework.yaml"))
    assert adopted.path == tmp_path / "framework.yaml"
    assert adopted.framework.statement_ids() == framework.statement_ids()


def test_a_broken_framework_is_refused_with_its_problems(tmp_path: Path) -> None:
    bad = tmp_path / "fw.yaml"
    bad.write_text("id: X\ntitle: T\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        adopt_framework(AdoptRequest(bad, tmp_path / "out.yaml"))
    assert any(p.field == "version" for p in caught.value.problems)


def test_a_profile_from_form_fields_reads_back(tmp_path: Path) -> None:
    request = ProfileRequest(
        tmp_path / "profile.yaml",
        country="Exampleland",
        reviewed="2025-03-01",
        police=ContactFields(name="Police", phone="112"),
    )
    result = make_profile(request)
    loaded = load_profile(result.path)
    assert loaded.country == "Exampleland"
    assert loaded.police is not None and loaded.police.phone == "112"
    assert loaded.national_hotline is None


def test_a_contact_without_a_name_is_named_in_the_problem(tmp_path: Path) -> None:
    request = ProfileRequest(tmp_path / "p.yaml", focal_point=ContactFields(phone="123"))
    with pytest.raises(InputError) as caught:
        make_profile(request)
    assert [p.field for p in caught.value.problems] == ["focal_point.name"]
    assert not (tmp_path / "p.yaml").exists()


def test_coverage_on_screen_leaves_retired_items_out(tmp_path: Path) -> None:
    from ..versions_example import write_versions

    _, new, curriculum = write_versions(tmp_path)
    result = check_coverage(CoverageRequest(curriculum, framework=new))
    shown = set(result.framework.statement_ids())
    assert {"CP1.2-S1", "CP1.2-A1", "CP2.1-K1", "CP2.1-K2"}.isdisjoint(shown)
    assert {"CP1.2-S3", "CP2.1-K3"} <= shown
    assert set(result.depths) <= shown
