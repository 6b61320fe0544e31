"""A programme's curriculum map as its own CASE 1.1 document, beside the framework's.

Courses and modules become CFItems (types ``Course`` and ``Module``) in a tree of ``isChildOf``;
each mapping becomes an ``isRelatedTo`` association from the module to the framework item it names
(statement or competency), pointing at the identifier and URI the framework export gives that item.
Depth, assessment and evidence travel in ``extensions`` and, readable by people, in ``notes``.
All identifiers come from keys under ``mapping/<programme id>``, so they never equal a framework
item's identifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from competency_kit.interop.case_export import (
    EXTENSION_KEY,
    PackageBuilder,
    case_identifier,
    check_base_uri,
    child_of,
    export_timestamp,
)
from competency_kit.interop.texts import compact
from competency_kit.models.curriculum import DEPTH_NAMES, Curriculum, Mapping, Module
from competency_kit.models.framework import Framework

MAPPING_TYPES: dict[str, tuple[str, str, str]] = {
    "course": ("Course", "1", "A course of the programme."),
    "module": ("Module", "2", "A module of a course, in teaching order."),
}


@dataclass
class _MapPackage(PackageBuilder):
    """Identifiers of the map live under ``mapping/<programme>``; framework ones do not."""

    programme: str = ""

    def ident(self, key: str) -> str:
        return case_identifier(self.framework.id, f"mapping/{self.programme}/{key}")

    def framework_link(self, code: str) -> dict[str, str]:
        identifier = case_identifier(self.framework.id, f"item/{code}")
        return {"title": code, "identifier": identifier, "uri": self.uri("CFItems", identifier)}


def mapping_package(
    curriculum: Curriculum,
    framework: Framework,
    *,
    base_uri: str | None = None,
) -> dict[str, Any]:
    """The curriculum map as a CASE 1.1 CFPackage dict (write it with ``case_json``)."""
    pkg = _MapPackage(
        framework,
        "1.1",
        check_base_uri(base_uri),
        export_timestamp(framework),
        programme=curriculum.programme.id,
    )
    document = _document(pkg, curriculum)
    doc_link = {
        "title": document["title"],
        "identifier": document["identifier"],
        "uri": document["uri"],
    }
    grouping = pkg.link("CFAssociationGroupings", "grouping", "Curriculum coverage")
    for seq, course in enumerate(curriculum.courses, 1):
        course_link = _item(pkg, "course", course.id, course.title, course.description, None)
        child_of(pkg, course_link, doc_link, seq)
        for m_seq, module in enumerate(course.modules, 1):
            module_link = _item(
                pkg, "module", module.id, module.title, None, _module_extras(module)
            )
            child_of(pkg, module_link, course_link, m_seq)
            for index, mapping in enumerate(module.maps, 1):
                _related(pkg, module, module_link, mapping, index, grouping)
    definitions = {
        "CFItemTypes": [
            {
                **pkg.entity("CFItemTypes", f"type/{kind}"),
                "title": title,
                "description": description,
                "hierarchyCode": code,
                "typeCode": kind,
                "lastChangeDateTime": pkg.timestamp,
            }
            for kind, (title, code, description) in MAPPING_TYPES.items()
        ],
        "CFAssociationGroupings": [
            {
                **pkg.entity("CFAssociationGroupings", "grouping"),
                "title": "Curriculum coverage",
                "description": "Which framework competencies and statements each module covers, "
                "to which depth, and whether it is assessed.",
                "lastChangeDateTime": pkg.timestamp,
            }
        ],
    }
    return {
        "CFDocument": document,
        "CFItems": pkg.items,
        "CFAssociations": pkg.associations,
        "CFDefinitions": definitions,
    }


def _document(pkg: _MapPackage, curriculum: Curriculum) -> dict[str, Any]:
    programme = curriculum.programme
    framework_doc = case_identifier(pkg.framework.id, "document")
    return compact(
        {
            **pkg.entity("CFDocuments", "document"),
            "frameworkType": "CourseCodes",
            "caseVersion": "1.1",
            "creator": programme.institution or programme.title,
            "title": f"{programme.title}: curriculum map",
            "lastChangeDateTime": pkg.timestamp,
            "publisher": programme.institution,
            "description": programme.description,
            "language": programme.language,
            "extensions": {
                EXTENSION_KEY: compact(
                    {
                        "programme": programme.id,
                        "framework": {
                            "id": pkg.framework.id,
                            "version": pkg.framework.version,
                            "identifier": framework_doc,
                            "uri": pkg.uri("CFDocuments", framework_doc),
                        },
                        "audiences": programme.audiences,
                        "level": programme.level,
                    }
                )
            },
        }
    )


def _module_extras(module: Module) -> dict[str, Any]:
    return compact(
        {
            "hours": module.hours,
            "learningOutcomes": module.learning_outcomes,
            "assessment": module.assessment,
        }
    )


def _item(
    pkg: _MapPackage,
    kind: str,
    code: str,
    title: str,
    notes: str | None,
    extras: dict[str, Any] | None,
) -> dict[str, str]:
    type_title = MAPPING_TYPES[kind][0]
    item = compact(
        {
            **pkg.entity("CFItems", f"{kind}/{code}"),
            "fullStatement": title,
            "humanCodingScheme": code,
            "CFItemType": type_title,
            "CFItemTypeURI": pkg.link("CFItemTypes", f"type/{kind}", type_title),
            "notes": notes,
            "lastChangeDateTime": pkg.timestamp,
            "extensions": {EXTENSION_KEY: extras} if extras else None,
        }
    )
    pkg.items.append(item)
    return {"title": code, "identifier": item["identifier"], "uri": item["uri"]}


def _related(
    pkg: _MapPackage,
    module: Module,
    module_link: dict[str, str],
    mapping: Mapping,
    index: int,
    grouping: dict[str, str],
) -> None:
    depth = DEPTH_NAMES[mapping.depth]
    note = f"{depth.capitalize()}, {'assessed' if mapping.assessed else 'not assessed'}"
    if mapping.evidence:
        note += f": {mapping.evidence}"
    pkg.associations.append(
        compact(
            {
                **pkg.entity("CFAssociations", f"isRelatedTo/{module.id}/{index}/{mapping.to}"),
                "associationType": "isRelatedTo",
                "originNodeURI": module_link,
                "destinationNodeURI": pkg.framework_link(mapping.to),
                "CFAssociationGroupingURI": grouping,
                "notes": note,
                "lastChangeDateTime": pkg.timestamp,
                "extensions": {
                    EXTENSION_KEY: compact(
                        {
                            "depth": mapping.depth,
                            "depthName": depth,
                            "assessed": mapping.assessed,
                            "evidence": mapping.evidence,
                        }
                    )
                },
            }
        )
    )
