"""Each gap rule fires where it should and stays quiet where it should not."""

from __future__ import annotations

from typing import Any

import pytest

from competency_kit.analysis import RULES, Policy, analyse
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.models.report import Finding

from ..gap_example import tiny


@pytest.fixture(scope="module")
def fw() -> Framework:
    return tiny()[0]


def programme(*modules: dict[str, Any], **fields: Any) -> Curriculum:
    """A one-course curriculum of the given modules (ids M1, M2, ... in teaching order)."""
    mods = [{"id": f"M{i}", "title": f"Module {i}", **m} for i, m in enumerate(modules, 1)]
    return Curriculum.model_validate(
        {
            "programme": {"id": "P", "title": "Programme", **fields},
            "courses": [{"id": "C1", "title": "Course", "modules": mods}],
        }
    )


def m(*maps: tuple[str, str] | tuple[str, str, bool], hours: float | None = None) -> dict:
    mapped = [{"to": t[0], "depth": t[1], "assessed": len(t) > 2 and bool(t[2])} for t in maps]
    return {"maps": mapped} | ({"hours": hours} if hours is not None else {})


def found(fw: Framework, cur: Curriculum, rule: str, policy: dict | None = None) -> list[Finding]:
    pol = Policy.model_validate(policy) if policy else None
    return [f for f in analyse(fw, cur, pol).findings if f.rule == rule]


def ids(findings: list[Finding]) -> list[str]:
    return [f.id for f in findings]


# Mapping every competency at M, assessed, leaves nothing to find.
EVERYTHING = m(("A1.1", "M", True), ("A1.2", "M", True), ("A2.1", "M", True), hours=10)


def test_complete_programme_has_no_findings(fw: Framework) -> None:
    assert analyse(fw, programme(EVERYTHING)).findings == []


def test_every_rule_is_documented_by_id_title_severity_template() -> None:
    rule_ids = [rule.id for rule in RULES]
    assert len(set(rule_ids)) == 10
    for rule in RULES:
        assert rule.title and rule.template and rule.default_severity in ("high", "medium", "low")


def test_uncovered_statement(fw: Framework) -> None:
    cur = programme(m(("A1.1", "M", True), ("A1.2", "M", True), ("A2.1-K1", "M", True)))
    result = found(fw, cur, "uncovered-statement")
    assert ids(result) == ["uncovered-statement:A2.1-S1", "uncovered-statement:A2.1-A1"]
    assert result[0].message == "A2.1-S1 (skill) is not taught by any module: “Responds calmly.”"
    assert result[0].severity == "high" and result[0].target == "A2.1-S1"
    assert found(fw, programme(EVERYTHING), "uncovered-statement") == []


def test_missing_dimension_only_for_a_partly_taught_competency(fw: Framework) -> None:
    cur = programme(m(("A1.1-K1", "M", True), ("A1.1-S1", "M", True)))
    result = found(fw, cur, "missing-dimension")
    # A1.1 is taught without its attitude; A1.2 and A2.1 are not taught at all (other rule).
    assert ids(result) == ["missing-dimension:A1.1:attitude"]
    assert result[0].message == (
        "Competency A1.1 is taught, but no module teaches its attitude statements (A1.1-A1)"
    )
    assert found(fw, programme(EVERYTHING), "missing-dimension") == []


def test_never_assessed(fw: Framework) -> None:
    cur = programme(m(("A1.1-K1", "R")), m(("A1.1-K1", "M")), m(("A1.1-S1", "I", True)))
    result = found(fw, cur, "never-assessed")
    assert ids(result) == ["never-assessed:A1.1-K1"]
    assert result[0].message == "A1.1-K1 is taught in M1 and M2 but never assessed"


def test_not_reinforced(fw: Framework) -> None:
    cur = programme(m(("A1.1-K1", "I")), m(("A1.1-K1", "I")), m(("A1.1-S1", "I"), ("A1.1-S1", "R")))
    assert ids(found(fw, cur, "not-reinforced")) == ["not-reinforced:A1.1-K1"]


def test_progression_order(fw: Framework) -> None:
    cur = programme(
        m(("A1.1-K1", "R")),
        m(("A1.1-K1", "I")),
        m(("A1.1-S1", "I")),
        m(("A1.1-S1", "M")),
        m(("A1.1-A1", "M")),
    )
    result = found(fw, cur, "progression-order")
    assert ids(result) == ["progression-order:A1.1-K1"]
    assert result[0].message == "A1.1-K1 is reinforced in M1 before it is introduced in M2"


def test_progression_can_require_an_introduction(fw: Framework) -> None:
    cur = programme(m(("A1.1-A1", "M")))
    policy = {"rules": {"progression-order": {"require_introduction": True}}}
    result = found(fw, cur, "progression-order", policy)
    assert [f.message for f in result] == ["A1.1-A1 is mastered in M1 but no module introduces it"]
    assert found(fw, cur, "progression-order") == []


def test_introduced_and_reinforced_in_one_module_is_in_order(fw: Framework) -> None:
    cur = programme(m(("A1.1", "I"), ("A1.1-K1", "R")))
    assert found(fw, cur, "progression-order") == []


def test_mastered_unassessed(fw: Framework) -> None:
    # M1 masters K1 without assessing it, M2 assesses it only at I: still unassessed mastery.
    cur = programme(m(("A1.1-K1", "M")), m(("A1.1-K1", "I", True)), m(("A1.1-S1", "M", True)))
    result = found(fw, cur, "mastered-unassessed")
    assert ids(result) == ["mastered-unassessed:A1.1-K1"]
    assert result[0].message == "A1.1-K1 is mastered in M1 without being assessed there"


def test_unmapped_module(fw: Framework) -> None:
    cur = programme(EVERYTHING, {"title": "Induction day"})
    result = found(fw, cur, "unmapped-module")
    assert ids(result) == ["unmapped-module:M2"]
    assert result[0].message == (
        "Module M2 (“Induction day”, course C1) maps to no statement or competency"
    )


def test_area_coverage_threshold(fw: Framework) -> None:
    cur = programme(m(("A1.1", "M", True), ("A1.2", "M", True), ("A2.1-K1", "M", True)))
    result = found(fw, cur, "area-coverage")
    assert [f.message for f in result] == [
        "Area A2 (“Responding”) covers 1 of 3 statements (33%), below the threshold of 50%"
    ]
    assert found(fw, cur, "area-coverage", {"rules": {"area-coverage": {"threshold": 0.3}}}) == []


def test_minimum_hours(fw: Framework) -> None:
    cur = programme(
        m(("A1.1-K1", "M", True), hours=1),
        m(("A1.1-K1", "I")),
        m(("A1.1-S1", "M")),
        m(("A1.1-A1", "M"), hours=3),
    )
    result = found(fw, cur, "minimum-hours")
    # A1.1-S1 is reached only by a module without hours: it is not judged.
    assert ids(result) == ["minimum-hours:A1.1-K1"]
    assert result[0].message == (
        "A1.1-K1 gets 1 hours of teaching (in M1 and M2), below the minimum of 2"
    )
    raised = found(fw, cur, "minimum-hours", {"rules": {"minimum-hours": {"min_hours": 4}}})
    assert ids(raised) == ["minimum-hours:A1.1-K1", "minimum-hours:A1.1-A1"]


def test_required_depth_by_level(fw: Framework) -> None:
    maps = m(("A1.1", "I"), ("A1.2", "R"), ("A2.1", "I"))
    # Intermediate asks R of foundation and intermediate competencies; A2.1 is advanced.
    result = found(fw, programme(maps, level="intermediate"), "required-depth")
    assert ids(result) == [f"required-depth:A1.1-{s}" for s in ("K1", "S1", "A1")]
    assert result[0].message == (
        "A1.1-K1 reaches only “introduced” but the programme level 'intermediate' requires "
        "“reinforced”"
    )
    assert found(fw, programme(maps, level="foundation"), "required-depth") == []
    assert found(fw, programme(maps), "required-depth") == []


def test_required_depth_by_audience(fw: Framework) -> None:
    maps = m(("A1.1", "I"), ("A1.2", "R"), ("A2.1", "M"))
    policy = {"rules": {"required-depth": {"audiences": {"supervisors": "M"}}}}
    cur = programme(maps, audiences=["supervisors"])
    assert ids(found(fw, cur, "required-depth", policy)) == [
        "required-depth:A1.2-K1",
        "required-depth:A1.2-S1",
    ]
    assert found(fw, cur, "required-depth") == []


def test_rules_can_be_switched_off_and_made_more_severe(fw: Framework) -> None:
    cur = programme(m(("A1.1-K1", "I")))
    policy = Policy.model_validate(
        {
            "rules": {
                "uncovered-statement": {"enabled": False},
                "not_reinforced": {"severity": "high"},
            }
        }
    )
    report = analyse(fw, cur, policy)
    assert "uncovered-statement" not in {f.rule for f in report.findings}
    assert "uncovered-statement" not in report.rules
    assert [f.severity for f in report.findings if f.rule == "not-reinforced"] == ["high"]
    assert report.findings[0].rule == "not-reinforced"


def test_finding_ids_are_stable_when_the_curriculum_grows(fw: Framework) -> None:
    before = programme(m(("A1.1-K1", "I")))
    after = programme(m(("A1.1-K1", "I")), m(("A1.2-K1", "R", True)), {"title": "Extra"})
    old = {f.id: f.message for f in analyse(fw, before).findings}
    new = {f.id: f.message for f in analyse(fw, after).findings}
    assert "uncovered-statement:A2.1-S1" in old and "uncovered-statement:A2.1-S1" in new
    assert "uncovered-statement:A1.2-K1" in old and "uncovered-statement:A1.2-K1" not in new
    shared = old.keys() & new.keys()
    assert all(old[i] == new[i] for i in shared if not i.startswith("area-coverage"))
