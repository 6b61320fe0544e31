"""The sample curricula: valid, realistic, and holding the gaps their README promises."""

from __future__ import annotations

import pytest

from competency_kit.analysis import analyse
from competency_kit.app.inputs import load_curriculum
from competency_kit.core.resources import examples_dir

EXAMPLES = ["hospitality-diploma.yaml", "tour-guide-certificate.yaml"]

PLANTED = [
    ("area-coverage", "CP9"),
    ("missing-dimension", "CP5.1"),
    ("not-reinforced", "CP2.3-K1"),
    ("not-reinforced", "CP2.3-K2"),
    ("mastered-unassessed", "CP6.3-S1"),
    ("unmapped-module", "HOS103-M3"),
    ("progression-order", "CP6.3-K1"),
]
"""(rule, target) of each gap planted in the diploma, as listed in examples/README.md."""


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_load_and_start_with_the_schema_line(framework, name: str) -> None:
    path = examples_dir() / name
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/curriculum.schema.json"
    curriculum = load_curriculum(path, framework)
    for _, module in curriculum.modules():
        assert module.hours and module.learning_outcomes and module.assessment, module.id


def test_diploma_is_a_full_programme(framework) -> None:
    diploma = load_curriculum(examples_dir() / EXAMPLES[0], framework)
    modules = [m for _, m in diploma.modules()]
    assert len(diploma.courses) >= 6 and len(modules) >= 20
    assert diploma.programme.institution and diploma.programme.level == "intermediate"
    assert all(c.description for c in diploma.courses)
    maps = [m for module in modules for m in module.maps]
    assert {m.depth for m in maps} == {"I", "R", "M"}
    assert any(m.to == "CP6.1" for m in maps)  # a whole-competency mapping
    assert sum(1 for m in maps if m.evidence) >= 8


def test_certificate_is_short(framework) -> None:
    certificate = load_curriculum(examples_dir() / EXAMPLES[1], framework)
    assert len(certificate.courses) == 2
    assert len([m for _, m in certificate.modules()]) == 6


def test_the_planted_gaps_are_found(framework) -> None:
    diploma = load_curriculum(examples_dir() / EXAMPLES[0], framework)
    found = {(f.rule, f.target) for f in analyse(framework, diploma).findings}
    assert [gap for gap in PLANTED if gap not in found] == []
    attitude = [
        f
        for f in analyse(framework, diploma).findings
        if (f.rule, f.target) == ("missing-dimension", "CP5.1")
    ]
    assert "attitude" in attitude[0].message


def test_readme_lists_every_planted_gap() -> None:
    readme = (examples_dir() / "README.md").read_text(encoding="utf-8")
    for rule, target in PLANTED:
        assert f"`{rule}` {target}" in readme or f"`{rule}` CP2.3-K1, {target}" in readme, (
            rule,
            target,
        )
