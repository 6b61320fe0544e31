"""CASE export: schema-valid 1.1 and 1.0 packages, stable identifiers, byte-identical output."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from jsonschema import FormatChecker

from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import load_framework
from competency_kit.interop import export_framework
from competency_kit.interop.case_export import (
    CASE_NAMESPACE,
    case_identifier,
    case_package,
    export_timestamp,
)
from competency_kit.models.framework import Framework

from .conftest import SMALL, errors

RFC3339_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


def walk(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) in nested JSON data."""
    found = [(path, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            found += walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += walk(item, f"{path}[{index}]")
    return found


@pytest.mark.parametrize("base_uri", [None, "https://case.example.edu/"])
def test_bundled_framework_is_valid_case_1_1(framework, case11, base_uri) -> None:
    package = case_package(framework, base_uri=base_uri)
    assert errors(case11, package) == []
    assert package["CFDocument"]["caseVersion"] == "1.1"
    assert len(package["CFItems"]) == 9 + 30 + 193 + len(framework.levels)


@pytest.mark.parametrize("base_uri", [None, "https://case.example.edu"])
def test_bundled_framework_is_valid_case_1_0(framework, case10, base_uri) -> None:
    package = case_package(framework, version="1.0", base_uri=base_uri)
    assert errors(case10, package) == []
    keys = {path.rsplit(".", 1)[-1] for path, _ in walk(package)}
    assert "caseVersion" not in keys and "extensions" not in keys


def test_small_framework_is_valid_in_both_versions(small, case11, case10) -> None:
    assert errors(case11, case_package(small)) == []
    assert errors(case10, case_package(small, version="1.0")) == []


def test_the_validators_check_formats(small, case11) -> None:
    package = case_package(small)
    package["CFItems"][0]["lastChangeDateTime"] = "2017-05-25T18:05:29"
    package["CFItems"][1]["identifier"] = "not-a-uuid"
    assert len(errors(case11, package)) == 2


def test_every_node_and_level_is_a_typed_item(small) -> None:
    package = case_package(small)
    types = {t["identifier"]: t["title"] for t in package["CFDefinitions"]["CFItemTypes"]}
    by_code = {i["humanCodingScheme"]: i for i in package["CFItems"]}
    expected = {
        "A1": "Competency Area",
        "A2": "Competency Area",
        "A1.1": "Competency",
        "A1.2": "Competency",
        "A1.1-K1": "Knowledge",
        "A1.1-S1": "Skill",
        "A1.1-A1": "Attitude",
        "A1.2-K1": "Knowledge",
        "foundation": "Proficiency Level",
        "advanced": "Proficiency Level",
    }
    assert {code: item["CFItemType"] for code, item in by_code.items()} == expected
    for item in package["CFItems"]:
        assert types[item["CFItemTypeURI"]["identifier"]] == item["CFItemType"]
    assert by_code["A1.1-S1"]["fullStatement"] == "-Reports concerns."
    assert by_code["A1.1-S1"]["notes"] == "Line one\nline two"


def test_tree_is_is_child_of_with_integer_sequence_numbers(small) -> None:
    package = case_package(small)
    code = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    code[package["CFDocument"]["identifier"]] = "DOCUMENT"
    tree = [
        (
            code[a["originNodeURI"]["identifier"]],
            code[a["destinationNodeURI"]["identifier"]],
            a["sequenceNumber"],
        )
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    ]
    assert tree == [
        ("A1", "DOCUMENT", 1),
        ("A1.1", "A1", 1),
        ("A1.1-K1", "A1.1", 1),
        ("A1.1-S1", "A1.1", 2),
        ("A1.1-A1", "A1.1", 3),
        ("A1.2", "A1", 2),
        ("A1.2-K1", "A1.2", 1),
        ("A2", "DOCUMENT", 2),
        ("foundation", "DOCUMENT", 3),
        ("advanced", "DOCUMENT", 4),
    ]
    levels = [
        (code[a["originNodeURI"]["identifier"]], code[a["destinationNodeURI"]["identifier"]])
        for a in package["CFAssociations"]
        if a["associationType"] == "hasSkillLevel"
    ]
    assert levels == [("A1.1", "advanced"), ("A1.2", "foundation")]


def test_identifiers_are_uuid5_of_framework_and_code_and_survive_text_changes(small) -> None:
    package = case_package(small)
    item = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "A1.1-K1")
    assert item["identifier"] == str(uuid.uuid5(CASE_NAMESPACE, "demo-fw/item/A1.1-K1"))
    assert item["identifier"] == case_identifier("demo-fw", "item/A1.1-K1")
    changed = SMALL | {"title": "Renamed", "version": "2026.01"}
    again = case_package(Framework.model_validate(changed))
    assert [i["identifier"] for i in again["CFItems"]] == [
        i["identifier"] for i in package["CFItems"]
    ]
    all_ids = [v for p, v in walk(package) if p.endswith("identifier")]
    assert all(v == v.lower() for v in all_ids)
    own = [e["identifier"] for e in (package["CFItems"] + package["CFAssociations"])]
    assert len(own) == len(set(own))


def test_uris_come_from_the_base_uri(small) -> None:
    package = case_package(small, base_uri="https://reg.example.edu/case/")
    item = package["CFItems"][0]
    assert item["uri"] == f"https://reg.example.edu/case/ims/case/v1p1/CFItems/{item['identifier']}"
    old = case_package(small, version="1.0", base_uri="https://reg.example.edu")
    assert "/ims/case/v1p0/CFDocuments/" in old["CFDocument"]["uri"]
    default = case_package(small)
    assert default["CFItems"][0]["uri"] == f"urn:uuid:{default['CFItems'][0]['identifier']}"


def test_a_base_uri_that_is_not_a_web_address_is_refused(small) -> None:
    with pytest.raises(InputError) as caught:
        case_package(small, base_uri="ftp://example.org")
    (problem,) = caught.value.problems
    assert (problem.file, problem.code) == ("base URI", "export.bad-base-uri")
    assert problem.message == (
        "the base URI must be a web address starting with http:// or https://"
    )


def test_no_empty_fields_and_no_document_uri_inside_the_package(framework, small) -> None:
    for fw in (framework, small):
        for version in ("1.1", "1.0"):
            for path, value in walk(case_package(fw, version=version)):
                assert value not in ("", [], {}, None), path
                assert not path.endswith(("CFDocumentURI", "CFPackageURI")), path


def test_translations_and_our_fields_travel_as_1_1_extensions(small) -> None:
    package = case_package(small)
    item = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "A1.1")
    assert item["extensions"]["translations"] == {"fr": {"notes": "Pourquoi."}}
    assert item["extensions"]["competencyKit"]["audiences"] == ["all-staff"]
    document = package["CFDocument"]
    assert document["extensions"]["translations"] == {"fr": {"title": "Cadre de démonstration"}}
    assert document["licenseURI"]["title"] == "CC-BY-4.0"
    assert package["CFDefinitions"]["CFLicenses"][0]["licenseText"] == "CC-BY-4.0"


def test_timestamps_are_deterministic_rfc3339_with_offset(small, framework, monkeypatch) -> None:
    assert export_timestamp(small) == "2025-03-01T00:00:00+00:00"
    assert export_timestamp(framework) == "2000-01-01T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert export_timestamp(small) == "2023-11-14T22:13:20+00:00"
    assert export_timestamp(framework) == "2023-11-14T22:13:20+00:00"
    stamps = [v for p, v in walk(case_package(small)) if p.endswith("lastChangeDateTime")]
    assert stamps and all(RFC3339_WITH_OFFSET.match(s) for s in stamps)


@pytest.mark.parametrize("export_format", ["case", "case-1.0", "moodle"])
def test_two_exports_are_byte_identical(framework, tmp_path, export_format) -> None:
    first = export_framework(framework, tmp_path / "one", export_format)
    second = export_framework(framework, tmp_path / "two", export_format)
    assert first.read_bytes() == second.read_bytes()


def test_opensalt_import_schema_accepts_both_versions(framework, interop_dir) -> None:
    import json

    from jsonschema.validators import validator_for

    schema = json.loads((interop_dir / "opensalt_case-v1p0-cfpackage-schema.json").read_text())
    validator = validator_for(schema)(schema, format_checker=FormatChecker())
    for version in ("1.1", "1.0"):
        assert errors(validator, case_package(framework, version=version)) == []


def test_lineage_as_status_end_dates_and_replaced_by_links(tmp_path, case11, case10) -> None:
    from ..versions_example import write_versions

    old_path, new_path, _ = write_versions(tmp_path)
    old, new = load_framework(old_path), load_framework(new_path)
    package = case_package(new)
    assert errors(case11, package) == []
    assert errors(case10, case_package(new, version="1.0")) == []
    ends = {i["humanCodingScheme"]: i.get("statusEndDate") for i in package["CFItems"]}
    assert {code for code, end in ends.items() if end} == new.retired_ids()
    assert ends["CP1.2-S1"] == "2026-01-31"
    links = [
        (a["originNodeURI"]["title"], a["destinationNodeURI"]["title"])
        for a in package["CFAssociations"]
        if a["associationType"] == "replacedBy"
    ]
    assert links == [
        ("CP1.2-S1", "CP1.2-S3"),
        ("CP1.2-S1", "CP1.2-S4"),
        ("CP2.1-K1", "CP2.1-K3"),
        ("CP2.1-K2", "CP2.1-K3"),
    ]
    # The replaced item is the very CFItem the old version exported: same identifier.
    old_items = {i["humanCodingScheme"]: i["identifier"] for i in case_package(old)["CFItems"]}
    first = next(a for a in package["CFAssociations"] if a["associationType"] == "replacedBy")
    assert first["originNodeURI"]["identifier"] == old_items["CP1.2-S1"]
    assert package["CFDocument"]["version"] == "2.0.0"
