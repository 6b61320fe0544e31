"""Coverage figures of ``analyse`` against the tiny example, worked out by hand.

The tiny framework has 8 statements in 2 areas; the curriculum has modules M1 (4 h), M2 (6 h),
M3 (2 h) and M4 (no hours, no mappings). Reaches, from tests/data/gap/curriculum.yaml:
  A1.1-K1  M1 I (via A1.1), M2 R assessed   → R, assessed, 10 h
  A1.1-S1  M1 I (via A1.1)                  → I, 4 h
  A1.1-A1  M1 I (via A1.1)                  → I, 4 h
  A1.2-K1  M1 R assessed                    → R, assessed, 4 h
  A1.2-S1  M2 M, M3 I                       → M, 8 h
  A2.1-K1  M3 I assessed                    → I, assessed, 2 h
  A2.1-S1, A2.1-A1                          → not covered
"""

from __future__ import annotations

import json

import pytest

from competency_kit.analysis import analyse
from competency_kit.models.report import GapReport

from ..gap_example import tiny


@pytest.fixture(scope="module")
def report() -> GapReport:
    return analyse(*tiny())


def test_overall_figures(report: GapReport) -> None:
    s = report.summary
    assert s.coverage == 0.75
    assert (s.statements_total, s.statements_covered, s.statements_assessed) == (8, 6, 3)
    assert (s.modules_total, s.hours_total) == (4, 12)


def test_statement_results(report: GapReport) -> None:
    rows = {r.id: (r.max_depth, r.assessed, r.modules, r.hours) for r in report.statements}
    assert rows == {
        "A1.1-K1": ("R", True, ["M1", "M2"], 10),
        "A1.1-S1": ("I", False, ["M1"], 4),
        "A1.1-A1": ("I", False, ["M1"], 4),
        "A1.2-K1": ("R", True, ["M1"], 4),
        "A1.2-S1": ("M", False, ["M2", "M3"], 8),
        "A2.1-K1": ("I", True, ["M3"], 2),
        "A2.1-S1": (None, False, [], 0),
        "A2.1-A1": (None, False, [], 0),
    }
    assert [r.id for r in report.statements][:3] == ["A1.1-K1", "A1.1-S1", "A1.1-A1"]
    first = report.statements[0]
    assert (first.competency, first.area, first.dimension) == ("A1.1", "A1", "knowledge")


def figures(group: dict) -> dict:
    return {key: (c.covered, c.total, round(c.ratio, 4), c.hours) for key, c in group.items()}


def test_coverage_per_area_and_competency(report: GapReport) -> None:
    # Area hours count each module once: A1 is reached by M1, M2 and M3 → 4 + 6 + 2.
    assert figures(report.summary.by_area) == {"A1": (5, 5, 1.0, 12), "A2": (1, 3, 0.3333, 2)}
    assert figures(report.summary.by_competency) == {
        "A1.1": (3, 3, 1.0, 10),
        "A1.2": (2, 2, 1.0, 12),
        "A2.1": (1, 3, 0.3333, 2),
    }


def test_coverage_per_dimension_and_depth(report: GapReport) -> None:
    assert figures(report.summary.by_dimension) == {
        "knowledge": (3, 3, 1.0, 12),
        "skill": (2, 3, 0.6667, 12),
        "attitude": (1, 2, 0.5, 4),
    }
    assert report.summary.by_depth == {"none": 2, "I": 3, "R": 2, "M": 1}


def test_findings_counted_by_severity(report: GapReport) -> None:
    assert report.summary.findings_by_severity == {"high": 5, "medium": 7, "low": 4}
    assert len(report.findings) == 16


def test_findings_ordered_by_severity_then_rule_then_place(report: GapReport) -> None:
    assert [f.id for f in report.findings] == [
        "uncovered-statement:A2.1-S1",
        "uncovered-statement:A2.1-A1",
        "area-coverage:A2",
        "required-depth:A1.1-S1",
        "required-depth:A1.1-A1",
        "missing-dimension:A2.1:skill",
        "missing-dimension:A2.1:attitude",
        "never-assessed:A1.1-S1",
        "never-assessed:A1.1-A1",
        "never-assessed:A1.2-S1",
        "progression-order:A1.2-S1",
        "mastered-unassessed:A1.2-S1",
        "not-reinforced:A1.1-S1",
        "not-reinforced:A1.1-A1",
        "not-reinforced:A2.1-K1",
        "unmapped-module:M4",
    ]


def test_same_input_same_report() -> None:
    first = analyse(*tiny()).model_dump(mode="json")
    second = analyse(*tiny()).model_dump(mode="json")
    assert json.dumps(first) == json.dumps(second)


def test_json_keys_of_the_contract(report: GapReport) -> None:
    data = report.model_dump(mode="json")
    assert 0 <= data["summary"]["coverage"] <= 1
    assert set(data["statements"][0]) >= {
        "id",
        "competency",
        "area",
        "dimension",
        "max_depth",
        "assessed",
        "modules",
        "hours",
    }
    assert set(data["findings"][0]) >= {"id", "rule", "severity", "target", "message"}


def test_retired_items_count_for_nothing(tmp_path) -> None:
    """Coverage and rules see the current items only; a mapping to a retired one is ignored."""
    from competency_kit.documents.curriculum_io import load_curriculum_document
    from competency_kit.documents.framework_io import load_framework

    from ..versions_example import write_versions

    _, new, curriculum_path = write_versions(tmp_path)
    framework = load_framework(new)
    curriculum = load_curriculum_document(curriculum_path, framework)
    report = analyse(framework, curriculum)
    ids = [s.id for s in report.statements]
    assert not set(ids) & framework.retired_ids()
    assert report.summary.statements_total == len(ids) == 14
    assert "CP2.1-K3" in {s.id for s in report.statements if s.modules == ["M2"]}  # via CP2.1
    assert not any("CP1.2-S1" in f.id or "CP2.1-K1" in f.id for f in report.findings)
