"""The curriculum map as a CASE document: valid, linked to the framework, never reusing its ids."""

from __future__ import annotations

from typing import Any

import pytest

from competency_kit.interop.case_export import case_package
from competency_kit.interop.mapping_export import mapping_package
from competency_kit.models.curriculum import Curriculum

from .conftest import errors

CURRICULUM: dict[str, Any] = {
    "programme": {
        "id": "DIP-HOSP",
        "title": "Diploma in Hospitality",
        "institution": "School",
        "audiences": ["front-line"],
    },
    "courses": [
        {
            "id": "HOS101",
            "title": "Front Office",
            "description": "Reception work.",
            "modules": [
                {
                    "id": "HOS101-M1",
                    "title": "Check-in",
                    "hours": 6,
                    "learning_outcomes": ["Greets"],
                    "maps": [
                        {"to": "CP1.1-K1", "depth": "I"},
                        {"to": "CP1.1", "depth": "R", "assessed": True, "evidence": "Role-play"},
                    ],
                },
                {"id": "HOS101-M2", "title": "Check-out", "maps": []},
            ],
        },
        {
            "id": "HOS102",
            "title": "Housekeeping",
            "modules": [
                {"id": "HOS102-M1", "title": "Rooms", "maps": [{"to": "CP1.1-K1", "depth": "M"}]},
            ],
        },
    ],
}


@pytest.fixture
def curriculum() -> Curriculum:
    return Curriculum.model_validate(CURRICULUM)


def test_mapping_document_is_valid_case_1_1(curriculum, framework, case11) -> None:
    for base in (None, "https://case.example.edu"):
        assert errors(case11, mapping_package(curriculum, framework, base_uri=base)) == []


def test_courses_and_modules_are_typed_items_in_teaching_order(curriculum, framework) -> None:
    package = mapping_package(curriculum, framework)
    assert [(i["humanCodingScheme"], i["CFItemType"]) for i in package["CFItems"]] == [
        ("HOS101", "Course"),
        ("HOS101-M1", "Module"),
        ("HOS101-M2", "Module"),
        ("HOS102", "Course"),
        ("HOS102-M1", "Module"),
    ]
    assert package["CFItems"][1]["extensions"]["competencyKit"] == {
        "hours": 6,
        "learningOutcomes": ["Greets"],
    }
    assert package["CFDocument"]["extensions"]["competencyKit"]["framework"]["id"] == "sectt-core"


def test_mappings_point_at_the_framework_export_items(curriculum, framework) -> None:
    package = mapping_package(curriculum, framework)
    framework_items = {i["identifier"]: i for i in case_package(framework)["CFItems"]}
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert [
        (
            a["originNodeURI"]["title"],
            a["destinationNodeURI"]["title"],
            a["notes"],
            a["extensions"]["competencyKit"],
        )
        for a in related
    ] == [
        (
            "HOS101-M1",
            "CP1.1-K1",
            "Introduced, not assessed",
            {"depth": "I", "depthName": "introduced", "assessed": False},
        ),
        (
            "HOS101-M1",
            "CP1.1",
            "Reinforced, assessed: Role-play",
            {"depth": "R", "depthName": "reinforced", "assessed": True, "evidence": "Role-play"},
        ),
        (
            "HOS102-M1",
            "CP1.1-K1",
            "Mastered, not assessed",
            {"depth": "M", "depthName": "mastered", "assessed": False},
        ),
    ]
    for association in related:
        target = framework_items[association["destinationNodeURI"]["identifier"]]
        assert target["humanCodingScheme"] == association["destinationNodeURI"]["title"]
        assert target["uri"] == association["destinationNodeURI"]["uri"]
    grouping = package["CFDefinitions"]["CFAssociationGroupings"][0]["identifier"]
    assert {a["CFAssociationGroupingURI"]["identifier"] for a in related} == {grouping}


def test_the_map_never_reuses_a_framework_identifier(curriculum, framework) -> None:
    framework_package = case_package(framework)
    ours = mapping_package(curriculum, framework)

    def own_ids(package: dict[str, Any]) -> set[str]:
        entities = [package["CFDocument"], *package["CFItems"], *package["CFAssociations"]]
        entities += [e for group in package["CFDefinitions"].values() for e in group]
        return {e["identifier"] for e in entities}

    assert own_ids(ours).isdisjoint(own_ids(framework_package))


def test_the_example_programmes_validate(framework, case11) -> None:
    from competency_kit.app.inputs import load_curriculum
    from competency_kit.core.resources import examples_dir

    examples = sorted(examples_dir().glob("*-*.yaml"))
    curricula = [p for p in examples if "programme:" in p.read_text(encoding="utf-8")]
    if not curricula:
        pytest.skip("no example curricula in this installation")
    for path in curricula:
        package = mapping_package(load_curriculum(path, framework), framework)
        assert errors(case11, package) == [], path.name
