"""A framework as a 1EdTech CASE CFPackage (version 1.1, or 1.0 for older registries).

Every area, competency, statement and proficiency level becomes a CFItem whose item type is
declared in CFDefinitions; the tree is ``isChildOf`` associations ordered by ``sequenceNumber``,
levels hang on competencies through ``hasSkillLevel``. Identifiers are uuid5 of a fixed namespace,
the framework id and the stable code, so a re-export never changes them (registries such as
OpenSALT update and delete by identifier). The output is byte-identical across runs.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from competency_kit.core.clock import source_date
from competency_kit.core.errors import InputError
from competency_kit.interop.texts import compact
from competency_kit.models.base import localize
from competency_kit.models.framework import Competency, Framework, Level

CaseVersion = Literal["1.1", "1.0"]

CASE_NAMESPACE = uuid.UUID("140cb059-4df1-5d59-884f-0d088c746fe5")
"""Namespace of every identifier we mint. Never change it: identifiers would all change."""

EXTENSION_KEY = "competencyKit"
"""Key of our own data inside CASE 1.1 ``extensions`` (besides ``translations``)."""

FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)
"""Change date used when neither SOURCE_DATE_EPOCH nor the framework version gives one."""

ITEM_TYPES: dict[str, tuple[str, str, str]] = {
    # kind: (title, hierarchyCode, description)
    "area": ("Competency Area", "1", "A group of related competencies."),
    "competency": ("Competency", "2", "A competency, described by its statements."),
    "knowledge": ("Knowledge", "3", "A knowledge statement of a competency."),
    "skill": ("Skill", "3", "A skill statement of a competency."),
    "attitude": ("Attitude", "3", "An attitude statement of a competency."),
    "level": ("Proficiency Level", "4", "A proficiency level of the framework."),
}

_VERSION_DATE = re.compile(r"(?<!\d)(\d{4})[-.](\d{1,2})(?:[-.](\d{1,2}))?(?!\d)")


def case_identifier(framework_id: str, key: str) -> str:
    """The lowercase uuid5 of one entity, e.g. key ``item/CP3.2-K1``."""
    return str(uuid.uuid5(CASE_NAMESPACE, f"{framework_id}/{key}"))


def export_timestamp(framework: Framework) -> str:
    """RFC 3339 change time: SOURCE_DATE_EPOCH, else a date in the framework version
    (``2025.03``, ``2025-03-01``), else 2000-01-01. Never the current time, so re-exports match."""
    moment = source_date() or _version_date(framework.version) or FALLBACK_DATE
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _version_date(version: str) -> datetime | None:
    match = _VERSION_DATE.search(version)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def check_base_uri(base_uri: str | None) -> str | None:
    if base_uri is None:
        return None
    if not re.match(r"^https?://[^\s/?#]+[^\s?#]*$", base_uri):
        raise InputError.single(
            "base URI",
            "the base URI must be a web address starting with http:// or https://",
            "give the address your CASE registry serves, e.g. https://case.example.edu",
            value=base_uri,
            code="export.bad-base-uri",
        )
    return base_uri.rstrip("/")


@dataclass
class PackageBuilder:
    """Mints identifiers, URIs and links for one export and collects its parts."""

    framework: Framework
    version: CaseVersion
    base_uri: str | None
    timestamp: str
    items: list[dict[str, Any]] = field(default_factory=list)
    associations: list[dict[str, Any]] = field(default_factory=list)

    def ident(self, key: str) -> str:
        return case_identifier(self.framework.id, key)

    def uri(self, collection: str, identifier: str) -> str:
        if self.base_uri is None:
            return f"urn:uuid:{identifier}"
        api = "v1p1" if self.version == "1.1" else "v1p0"
        return f"{self.base_uri}/ims/case/{api}/{collection}/{identifier}"

    def link(self, collection: str, key: str, title: str) -> dict[str, str]:
        identifier = self.ident(key)
        return {"title": title, "identifier": identifier, "uri": self.uri(collection, identifier)}

    def entity(self, collection: str, key: str) -> dict[str, Any]:
        identifier = self.ident(key)
        return {"identifier": identifier, "uri": self.uri(collection, identifier)}

    @property
    def language(self) -> str:
        """The language of every text field: the framework's reference language."""
        return self.framework.reference_language

    def text(self, text: dict[str, str] | None) -> str:
        return localize(text, self.language, self.language)

    def extensions(self, **parts: Any) -> dict[str, Any] | None:
        """1.1 only: the non-empty parts; a 1.0 package has no place for them."""
        if self.version != "1.1":
            return None
        kept = compact(parts)
        return kept or None

    def translations(self, **fields: dict[str, str] | None) -> dict[str, dict[str, str]]:
        """``{"fr": {"fullStatement": ...}}`` from localized fields (the reference language is
        the field itself)."""
        out: dict[str, dict[str, str]] = {}
        for name, text in fields.items():
            for lang, value in (text or {}).items():
                if lang != self.language:
                    out.setdefault(lang, {})[name] = value
        return out


def case_package(
    framework: Framework,
    *,
    version: CaseVersion = "1.1",
    base_uri: str | None = None,
) -> dict[str, Any]:
    """The framework as a CFPackage dict, ready for ``case_json``."""
    pkg = PackageBuilder(framework, version, check_base_uri(base_uri), export_timestamp(framework))
    document = _document(pkg)
    doc_link = pkg.link("CFDocuments", "document", document["title"])
    for seq, area in enumerate(framework.areas, 1):
        area_link = _item(pkg, "area", area.id, area.title, area.description, None)
        child_of(pkg, area_link, doc_link, seq)
        for c_seq, competency in enumerate(area.competencies, 1):
            comp_link = _competency(pkg, competency)
            child_of(pkg, comp_link, area_link, c_seq)
            for s_seq, statement in enumerate(competency.statements, 1):
                note = {pkg.language: statement.note} if statement.note else None
                link = _item(pkg, statement.dimension, statement.id, statement.text, note, None)
                child_of(pkg, link, comp_link, s_seq)
    first_level_seq = len(framework.areas) + 1
    for seq, level in enumerate(framework.levels, first_level_seq):
        child_of(pkg, _level(pkg, level), doc_link, seq)
    for competency in (c for _, c in framework.competencies() if c.level):
        _has_skill_level(pkg, competency)
    add_lineage(pkg)
    package = {
        "CFDocument": document,
        "CFItems": pkg.items,
        "CFAssociations": pkg.associations,
        "CFDefinitions": _definitions(pkg),
    }
    return package


def _document(pkg: PackageBuilder) -> dict[str, Any]:
    fw = pkg.framework
    title = pkg.text(fw.title)
    extras = compact(
        {
            "id": fw.id,
            "languages": fw.languages if len(fw.languages) > 1 else None,
            "translations": {
                lang: state.model_dump(mode="json", exclude_none=True)
                for lang, state in fw.translations.items()
            },
            "audiences": [a.model_dump(mode="json", exclude_none=True) for a in fw.audiences],
            "glossary": [g.model_dump(mode="json", exclude_defaults=True) for g in fw.glossary],
        }
    )
    document = {
        **pkg.entity("CFDocuments", "document"),
        "creator": fw.publisher or title,
        "title": title,
        "lastChangeDateTime": pkg.timestamp,
        "publisher": fw.publisher,
        "description": pkg.text(fw.description),
        "language": pkg.language,
        "version": fw.version,
        "licenseURI": pkg.link("CFLicenses", "license", fw.licence) if fw.licence else None,
        "caseVersion": "1.1" if pkg.version == "1.1" else None,
        "extensions": pkg.extensions(
            translations=pkg.translations(title=fw.title, description=fw.description),
            **{EXTENSION_KEY: extras},
        ),
    }
    return compact(document)


def _item(
    pkg: PackageBuilder,
    kind: str,
    code: str,
    text: dict[str, str],
    notes: dict[str, str] | None,
    extras: dict[str, Any] | None,
) -> dict[str, str]:
    """Add one CFItem; returns the link other entities use to point at it."""
    type_title = ITEM_TYPES[kind][0]
    key = f"level/{code}" if kind == "level" else f"item/{code}"
    item = compact(
        {
            **pkg.entity("CFItems", key),
            "fullStatement": pkg.text(text),
            "humanCodingScheme": code,
            "CFItemType": type_title,
            "CFItemTypeURI": pkg.link("CFItemTypes", f"type/{kind}", type_title),
            "notes": pkg.text(notes),
            "language": pkg.language,
            "lastChangeDateTime": pkg.timestamp,
            "extensions": pkg.extensions(
                translations=pkg.translations(fullStatement=text, notes=notes),
                **{EXTENSION_KEY: extras},
            ),
        }
    )
    pkg.items.append(item)
    return {"title": code, "identifier": item["identifier"], "uri": item["uri"]}


def _competency(pkg: PackageBuilder, competency: Competency) -> dict[str, str]:
    extras = compact(
        {
            "audiences": competency.audiences,
            "guidance": competency.guidance.model_dump(mode="json", exclude_defaults=True)
            if competency.guidance
            else None,
            "references": [
                r.model_dump(mode="json", exclude_none=True) for r in competency.references
            ],
        }
    )
    return _item(pkg, "competency", competency.id, competency.title, competency.description, extras)


def _level(pkg: PackageBuilder, level: Level) -> dict[str, str]:
    return _item(pkg, "level", level.id, level.title, level.description, None)


def child_of(pkg: PackageBuilder, child: dict[str, str], parent: dict[str, str], seq: int) -> None:
    pkg.associations.append(
        {
            **pkg.entity("CFAssociations", f"isChildOf/{child['identifier']}"),
            "associationType": "isChildOf",
            "originNodeURI": child,
            "destinationNodeURI": parent,
            "sequenceNumber": seq,
            "lastChangeDateTime": pkg.timestamp,
        }
    )


def _has_skill_level(pkg: PackageBuilder, competency: Competency) -> None:
    origin = pkg.link("CFItems", f"item/{competency.id}", competency.id)
    destination = pkg.link("CFItems", f"level/{competency.level}", str(competency.level))
    pkg.associations.append(
        {
            **pkg.entity("CFAssociations", f"hasSkillLevel/{competency.id}/{competency.level}"),
            "associationType": "hasSkillLevel",
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": pkg.timestamp,
        }
    )


def add_lineage(pkg: PackageBuilder) -> None:
    """CASE's way of never deleting an id: a retired item keeps its CFItem with a
    ``statusEndDate``, and a ``replacedBy`` association leads from each replaced item to each
    of its successors. Identifiers depend on the framework id and code only, so an
    association names the old version's item even where this file no longer holds it."""
    ends = {n.item.id: n.item.retired for n in pkg.framework.nodes() if n.item.retired}
    for item in pkg.items:
        code = item.get("humanCodingScheme")
        if code in ends and item["identifier"] == pkg.ident(f"item/{code}"):
            item["statusEndDate"] = ends[code].isoformat()
    for node in pkg.framework.nodes():
        for old in node.item.replaces:
            _replaced_by(pkg, old, node.item.id)


def _replaced_by(pkg: PackageBuilder, old: str, new: str) -> None:
    pkg.associations.append(
        {
            **pkg.entity("CFAssociations", f"replacedBy/{old}/{new}"),
            "associationType": "replacedBy",
            "originNodeURI": pkg.link("CFItems", f"item/{old}", old),
            "destinationNodeURI": pkg.link("CFItems", f"item/{new}", new),
            "lastChangeDateTime": pkg.timestamp,
        }
    )


def _definitions(pkg: PackageBuilder) -> dict[str, Any]:
    used = {item["CFItemType"] for item in pkg.items}
    item_types = [
        compact(
            {
                **pkg.entity("CFItemTypes", f"type/{kind}"),
                "title": title,
                "description": description,
                "hierarchyCode": hierarchy,
                "typeCode": kind,
                "lastChangeDateTime": pkg.timestamp,
            }
        )
        for kind, (title, hierarchy, description) in ITEM_TYPES.items()
        if title in used
    ]
    definitions: dict[str, Any] = {"CFItemTypes": item_types}
    if pkg.framework.licence:
        definitions["CFLicenses"] = [
            {
                **pkg.entity("CFLicenses", "license"),
                "title": pkg.framework.licence,
                "licenseText": pkg.framework.licence,
                "lastChangeDateTime": pkg.timestamp,
            }
        ]
    return definitions


def case_json(package: dict[str, Any]) -> str:
    """Stable text: same package, same bytes."""
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
