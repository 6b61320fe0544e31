"""The demo runs every task on the bundled example; without the examples installed it still
writes what needs no example."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from competency_kit.app import demo
from competency_kit.excel.mapping import layout as L


def test_the_example_and_its_profile_are_found() -> None:
    example = demo.find_example()
    assert example is not None
    assert example.curriculum.name == "hospitality-diploma.yaml"
    assert example.profile is not None and example.profile.name == "profile.yaml"


def test_without_the_examples_only_framework_outputs_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise FileNotFoundError("examples")

    monkeypatch.setattr(demo, "examples_dir", missing)
    written = demo.run_demo(tmp_path)
    assert sorted(p.name for p in written) == [
        "framework-case-1.0.json",
        "framework-case.json",
        "framework-moodle.csv",
        "framework-summary.txt",
        "framework.json",
        "mapping-blank.xlsx",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_demo_step_writes_blank_and_prefilled(tmp_path: Path, framework) -> None:
    blank, prefilled = demo.mapping_step(framework, demo.find_example(), tmp_path)
    assert (blank.name, prefilled.name) == ("mapping-blank.xlsx", "mapping-prefilled.xlsx")
    assert openpyxl.load_workbook(blank)[L.MAPPING]["A6"].value is None
    filled = openpyxl.load_workbook(prefilled)
    assert filled[L.MAPPING]["A6"].value == "HOS101-M1"
    assert filled[L.PROGRAMME]["B5"].value == "Diploma in Hospitality Management"


def test_demo_step_finds_the_planted_gaps(framework, tmp_path: Path) -> None:
    written = demo.gap_step(framework, demo.find_example(), tmp_path)
    assert [p.name for p in written] == ["gap.xlsx", "gap.json"]
    report = json.loads((tmp_path / "gap.json").read_text(encoding="utf-8"))
    ids = {f["id"] for f in report["findings"]}
    # The gaps examples/README.md says were planted in the hospitality diploma.
    assert {
        "area-coverage:CP9",
        "missing-dimension:CP5.1:attitude",
        "not-reinforced:CP2.3-K1",
        "not-reinforced:CP2.3-K2",
        "mastered-unassessed:CP6.3-S1",
        "never-assessed:CP6.3-S1",
        "unmapped-module:HOS103-M3",
        "progression-order:CP6.3-K1",
    } <= ids
    assert {
        f"uncovered-statement:{s['id']}" for s in report["statements"] if s["area"] == "CP9"
    } <= ids


def test_demo_step_writes_the_interop_files(framework, tmp_path: Path) -> None:
    written = demo.interop_step(framework, demo.find_example(), tmp_path)
    names = [p.name for p in written]
    assert names[:3] == ["framework-case.json", "framework-case-1.0.json", "framework-moodle.csv"]
    case = json.loads((tmp_path / "framework-case.json").read_text(encoding="utf-8"))
    assert case["CFDocument"]["caseVersion"] == "1.1"
    from competency_kit.core.resources import examples_dir

    if (examples_dir() / "hospitality-diploma.yaml").is_file():
        assert names[3:] == ["mapping-case.json"]
        mapping = json.loads((tmp_path / "mapping-case.json").read_text(encoding="utf-8"))
        assert mapping["CFDocument"]["frameworkType"] == "CourseCodes"


def test_demo_step_shows_the_next_version_and_carries_the_diploma_over(
    framework, tmp_path: Path
) -> None:
    written = demo.versions_step(framework, demo.find_example(), tmp_path)
    assert [p.name for p in written] == [
        "framework-diff.txt",
        "framework-diff.xlsx",
        "curriculum-next.yaml",
        "migration-report.txt",
    ]
    diff = (tmp_path / "framework-diff.txt").read_text(encoding="utf-8")
    for heading in ("Added (4)", "Retired (", "Split (1)", "Merged (1)", "Reworded ("):
        assert heading in diff
    assert "statement CP6.3-S2 → CP6.3-S5, CP6.3-S6:" in diff
    assert "statement CP5.1-K1 + CP5.1-K2 + CP5.1-K3 → CP5.1-K5:" in diff
    reworded = diff.split("Reworded (same meaning, same id) (1)\n")[1]
    assert reworded.startswith("  statement CP5.1-K4 (text)\n")
    assert "translations now out of date: fr, es, pt\n" in reworded
    report = (tmp_path / "migration-report.txt").read_text(encoding="utf-8")
    assert "Mappings expected to migrate: " in report and "Missing mappings" in report
    from competency_kit.app.mapping import ValidateRequest, validate_curriculum

    next_framework = demo.find_example().next_framework  # type: ignore[union-attr]
    checked = validate_curriculum(
        ValidateRequest(tmp_path / "curriculum-next.yaml", next_framework)
    )
    assert checked.notes == []
