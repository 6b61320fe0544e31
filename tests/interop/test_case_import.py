"""CASE import: lossless round trips, OpenSALT packages, quirks, loops and dangling links."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from competency_kit.core.errors import InputError
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.framework_yaml import SCHEMA_LINE, write_framework_yaml
from competency_kit.interop import ImportOptions, dimension_map, import_framework
from competency_kit.interop.case_export import case_json, case_package
from competency_kit.interop.case_import import read_case
from competency_kit.models.framework import Framework


def core(fw: Framework) -> list[Any]:
    """What every format must keep: ids, English texts, dimensions, levels, order."""
    return [
        [(lv.id, lv.title["en"]) for lv in fw.levels],
        [
            (
                a.id,
                a.title["en"],
                [
                    (
                        c.id,
                        c.title["en"],
                        c.level,
                        [(s.id, s.dimension, s.text["en"], s.note) for s in c.statements],
                    )
                    for c in a.competencies
                ],
            )
            for a in fw.areas
        ],
    ]


def test_bundled_framework_round_trips_through_case_1_1(framework, tmp_path) -> None:
    result = read_case(case_json(case_package(framework)), "framework-case.json")
    assert result.framework == framework
    assert result.report.not_mapped == [] and result.report.adjusted == []
    path = write_framework_yaml(result.framework, tmp_path / "back.yaml")
    assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)
    assert load_framework(path) == framework


def test_small_framework_round_trips_through_case_1_1(small) -> None:
    result = read_case(case_json(case_package(small)), "x.json")
    assert result.framework == small


def test_case_1_0_keeps_ids_texts_dimensions_levels_and_order(framework) -> None:
    text = case_json(case_package(framework, version="1.0"))
    result = read_case(text, "framework-case-1.0.json")
    assert core(result.framework) == core(framework)
    assert result.framework.version == framework.version
    assert result.report.adjusted == [
        "the framework was given the id "
        "'core-competencies-for-child-protection-in-travel-and-tourism' from its title"
    ]


def test_opensalt_item_type_test_framework(interop_dir: Path) -> None:
    result = import_framework(interop_dir / "opensalt_ItemTypeTestFramework.json")
    fw = result.framework
    assert [a.id for a in fw.areas] == ["A1"] and fw.areas[0].title == {"en": "Item 1"}
    assert result.report.counts == {"areas": 1, "competencies": 0, "statements": 0, "levels": 0}
    assert result.report.not_mapped == [
        "CFDocument field creator",
        "CFDocument field adoptionStatus",
        "CASE identifiers and URIs (an export gives the items new ones)",
    ]
    assert (
        "given a code because it has no code — 1: item 00000000-0000-0000-0000-000000000001 → A1"
        in result.report.adjusted
    )


def test_opensalt_sample_needs_a_default_dimension(interop_dir: Path) -> None:
    path = interop_dir / "opensalt_sample_framework_20c5134f.json"
    with pytest.raises(InputError) as caught:
        import_framework(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.message == (
        "8 statements have no knowledge, skill or attitude type; the types in the file: "
        "'Component' (8)"
    )
    assert problem.code == "import.no-dimension"
    assert problem.fix == (
        "say which dimension each of these types is (TYPE=knowledge, skill or attitude), give "
        "the statements a knowledge, skill or attitude type in the source, or import them all "
        "as one dimension"
    )


def test_opensalt_sample_imports_with_its_report(interop_dir: Path) -> None:
    result = import_framework(
        interop_dir / "opensalt_sample_framework_20c5134f.json", default_dimension="skill"
    )
    fw = result.framework
    assert result.report.counts == {"areas": 2, "competencies": 6, "statements": 8, "levels": 0}
    assert [a.id for a in fw.areas] == ["CCSS.Math.Content.6.RP.A", "CCSS.Math.Content.7.RP.A"]
    # the string sequence numbers "1" and "2" and file order decide the order
    assert [c.id for c in fw.areas[0].competencies] == [
        "CCSS.Math.Content.6.RP.A.1",
        "CCSS.Math.Content.6.RP.A.2",
        "CCSS.Math.Content.6.RP.A.3",
    ]
    assert {s.dimension for _, _, s in fw.statements()} == {"skill"}
    assert fw.version == "2017-05-25"
    suffix = "(only isChildOf and hasSkillLevel are part of the framework model)"
    assert result.report.not_mapped[:4] == [
        f"16 exactMatchOf associations {suffix}",
        f"2 exemplar associations {suffix}",
        f"2 isRelatedTo associations {suffix}",
        f"3 precedes associations {suffix}",
    ]
    assert [line.split(" — ")[0] for line in result.report.not_mapped[4:]] == [
        "CFDocument field creator",
        "CFDocument field adoptionStatus",
        "CFItem field educationalLevel",
        "CFItem field listEnumeration",
        "CASE identifiers and URIs (an export gives the items new ones)",
    ]


def test_opensalt_sample_types_can_be_mapped_to_dimensions(interop_dir: Path) -> None:
    path = interop_dir / "opensalt_sample_framework_20c5134f.json"
    result = import_framework(path, dimensions=dimension_map(["component=knowledge"]))
    assert {s.dimension for _, _, s in result.framework.statements()} == {"knowledge"}


def tiny_package() -> dict[str, Any]:
    """A hand-written package in the shape older registries produce: quirks included."""

    def item(n: int, code: str, text: str, kind: str | None = None) -> dict[str, Any]:
        found = {
            "identifier": f"00000000-0000-4000-8000-{n:012d}".upper(),
            "fullStatement": text,
            "humanCodingScheme": code,
            "lastChangeDateTime": "2020-01-01T10:00:00",
            "CFDocumentURI": "http://old.example/uri/doc",
        }
        return found | ({"CFItemType": kind} if kind else {})

    def child(n: int, parent: int | str, seq: Any = None) -> dict[str, Any]:
        dest = parent if isinstance(parent, str) else f"00000000-0000-4000-8000-{parent:012d}"
        found = {
            "identifier": f"10000000-0000-4000-8000-{n:012d}",
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": f"00000000-0000-4000-8000-{n:012d}"},
            "destinationNodeURI": {"identifier": dest},
        }
        return found | ({"sequenceNumber": seq} if seq is not None else {})

    doc = "d0000000-0000-4000-8000-000000000000"
    return {
        "CFPackage": {
            "CFDocument": {"identifier": doc, "title": "Tiny", "CFPackageURI": "http://x/doc"},
            "CFItems": [
                item(1, "T1", "Area"),
                item(2, "T1.1", "Competency"),
                item(3, "x y", "Deep one", "Knowledge"),
                item(4, "T1.1.a.i", "Deeper"),
                item(5, "T1.0", "First competency"),
                item(6, "", "Orphan"),
            ],
            "CFAssociations": [
                child(1, doc),
                child(2, 1, "2"),
                child(5, 1, 1),
                child(3, 2),
                child(4, 3),
                {
                    "associationType": "ext:teaches",
                    "identifier": "z",
                    "originNodeURI": {},
                    "destinationNodeURI": {},
                },
            ],
        }
    }


def test_quirks_and_the_depth_rule() -> None:
    result = read_case(json.dumps(tiny_package()), "tiny.json", ImportOptions("attitude"))
    fw = result.framework
    assert [c.id for c in fw.areas[0].competencies] == ["T1.0", "T1.1"]
    deep, deeper = fw.areas[0].competencies[1].statements
    assert (deep.id, deep.dimension, deep.note) == ("x-y", "knowledge", None)
    assert (deeper.id, deeper.dimension, deeper.text["en"]) == ("T1.1.a.i", "attitude", "Deeper")
    assert deeper.note == "Path in the source framework: x y"
    assert result.report.not_mapped == [
        "1 ext:teaches association (only isChildOf and hasSkillLevel are part of the framework "
        "model)",
        "items not placed in the tree (no isChildOf association) — 1: "
        "item 00000000-0000-4000-8000-000000000006",
        "CASE identifiers and URIs (an export gives the items new ones)",
    ]
    assert (
        "given a code without the characters a code may not have — 1: "
        "item 00000000-0000-4000-8000-000000000003 (x y) → x-y" in result.report.adjusted
    )


def test_a_loop_in_is_child_of_stops_the_import() -> None:
    package = tiny_package()
    associations = package["CFPackage"]["CFAssociations"]
    associations[0]["destinationNodeURI"]["identifier"] = "00000000-0000-4000-8000-000000000004"
    with pytest.raises(InputError) as caught:
        read_case(json.dumps(package), "loop.json", ImportOptions("skill"))
    (problem,) = caught.value.problems
    assert problem.message == (
        "the isChildOf associations form a loop: item 00000000-0000-4000-8000-000000000001 (T1) "
        "→ item 00000000-0000-4000-8000-000000000004 (T1.1.a.i) → item "
        "00000000-0000-4000-8000-000000000003 (x y) → item 00000000-0000-4000-8000-000000000002 "
        "(T1.1) → item 00000000-0000-4000-8000-000000000001 (T1)"
    )


def test_a_link_to_a_missing_item_stops_the_import() -> None:
    package = tiny_package()
    missing = copy.deepcopy(package["CFPackage"]["CFAssociations"][3])
    missing["destinationNodeURI"]["identifier"] = "99999999-0000-4000-8000-000000000000"
    package["CFPackage"]["CFAssociations"][3] = missing
    with pytest.raises(InputError) as caught:
        read_case(json.dumps(package), "dangling.json", ImportOptions("skill"))
    (problem,) = caught.value.problems
    assert problem.message == (
        "an isChildOf association names a parent (destinationNodeURI) "
        "'99999999-0000-4000-8000-000000000000' that is not an item of this package"
    )
    assert problem.field == "CFAssociations[10000000-0000-4000-8000-000000000003]"


@pytest.mark.parametrize("value", ["x", ["x"], 3, True])
def test_extensions_that_are_not_an_object_stop_the_import(value: Any) -> None:
    package = tiny_package()
    package["CFPackage"]["CFItems"][1]["extensions"] = value
    package["CFPackage"]["CFDocument"]["extensions"] = {"competencyKit": value}
    with pytest.raises(InputError) as caught:
        read_case(json.dumps(package), "ext.json", ImportOptions("skill"))
    document, item = caught.value.problems
    assert (document.file, document.field, document.message, document.value) == (
        "ext.json",
        "CFDocument.extensions.competencyKit",
        "extensions.competencyKit must be a JSON object",
        value,
    )
    assert (item.field, item.message, item.value) == (
        "CFItems[00000000-0000-4000-8000-000000000002].extensions",
        "extensions must be a JSON object",
        value,
    )


@pytest.mark.parametrize("empty", [None, "", [], {}])
def test_empty_extensions_count_as_none(empty: Any) -> None:
    package = tiny_package()
    package["CFPackage"]["CFItems"][1]["extensions"] = empty
    package["CFPackage"]["CFDocument"]["extensions"] = {"competencyKit": empty}
    plain = read_case(json.dumps(tiny_package()), "plain.json", ImportOptions("skill"))
    result = read_case(json.dumps(package), "plain.json", ImportOptions("skill"))
    assert result.framework == plain.framework
    assert result.report == plain.report


def test_translations_and_our_fields_are_read_from_extensions() -> None:
    package = tiny_package()
    competency = package["CFPackage"]["CFItems"][1]
    competency["extensions"] = {
        "translations": {"fr": {"fullStatement": "Compétence"}, "xx-bad!": {}, "de": "nope"},
        "competencyKit": {"guidance": {"activity": "Role-play"}},
    }
    package["CFPackage"]["CFDocument"]["extensions"] = {"competencyKit": {"id": "tiny-fw"}}
    result = read_case(json.dumps(package), "ext.json", ImportOptions("skill"))
    fw = result.framework
    assert fw.id == "tiny-fw"
    (_, comp) = fw.areas[0].competencies
    assert comp.title == {"en": "Competency", "fr": "Compétence"}
    assert comp.guidance is not None and comp.guidance.activity == {"en": "Role-play"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"CFItems": []}', "this is not a CASE package: it has no CFDocument"),
        ('{"CFDocument": ', "JSON syntax error: Expecting value"),
    ],
)
def test_not_a_case_package(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_case(text, "bad.json")
    assert caught.value.problems[0].message == message


def test_a_very_deep_case_tree_is_refused_not_a_crash() -> None:
    doc = "d0000000-0000-4000-8000-000000000000"

    def ident(n: int) -> str:
        return f"00000000-0000-4000-8000-{n:012d}"

    items = [{"identifier": ident(n), "fullStatement": f"Item {n}"} for n in range(2000)]
    links = [
        {
            "associationType": "isChildOf",
            "originNodeURI": {"identifier": ident(n)},
            "destinationNodeURI": {"identifier": ident(n - 1) if n else doc},
        }
        for n in range(2000)
    ]
    package = {
        "CFDocument": {"identifier": doc, "title": "Deep"},
        "CFItems": items,
        "CFAssociations": links,
    }
    with pytest.raises(InputError) as caught:
        read_case(json.dumps(package), "deep.json", ImportOptions("skill"))
    assert caught.value.problems[0].message == "the framework is nested more than 100 levels deep"


def test_lineage_round_trip(tmp_path: Path) -> None:
    from ..versions_example import write_versions

    _, new_path, _ = write_versions(tmp_path)
    new = load_framework(new_path)
    result = read_case(case_json(case_package(new)), "new-case.json")
    back = result.framework
    assert back.retired_ids() == new.retired_ids()
    assert back.replacers == new.replacers
    assert back.version == "2.0.0"
    assert not any("replacedBy" in line for line in result.report.not_mapped)
    assert [(n.item.id, n.item.retired, n.item.replaces) for n in back.nodes()] == [
        (n.item.id, n.item.retired, n.item.replaces) for n in new.nodes()
    ]


def test_replaced_by_an_item_of_an_earlier_package(tmp_path: Path) -> None:
    """An association may name an item the package no longer holds: its title gives the code."""
    from ..versions_example import write_versions

    _, new_path, _ = write_versions(tmp_path)
    package = case_package(load_framework(new_path))
    gone = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "CP2.1-K1")
    package["CFItems"].remove(gone)
    package["CFAssociations"] = [
        a
        for a in package["CFAssociations"]
        if a["originNodeURI"]["identifier"] != gone["identifier"]
        or a["associationType"] == "replacedBy"
    ]
    back = read_case(case_json(package), "new-case.json").framework
    assert back.successors("CP2.1-K1") == ("CP2.1-K3",)
