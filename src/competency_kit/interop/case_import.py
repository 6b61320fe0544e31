"""Reading CASE packages (1.0 and 1.1, as OpenSALT and other registries write them) leniently.

Tolerated: a ``{"CFPackage": {...}}`` wrapper, ``CFDocumentURI``/``CFPackageURI`` as strings or
links, upper-case identifiers, date-times without a time-zone offset, sequence numbers as text,
unknown keys and association types. Only ``isChildOf`` builds the tree and ``hasSkillLevel``
links competencies to levels; rubrics give levels and notes; the document's ``language`` is the
framework's reference language; HTML in texts becomes plain text. Every other field and
association is listed in the import report, by kind and count.
A loop in ``isChildOf`` or a link to an item that is not in the package stops the import.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.documents.sources import parse_json
from competency_kit.interop.case_export import EXTENSION_KEY
from competency_kit.interop.case_rubrics import rubric_levels
from competency_kit.interop.texts import compact, html_paragraphs, looks_like_html
from competency_kit.interop.tree import (
    ImportOptions,
    ImportReport,
    ImportResult,
    SourceNode,
    build_framework,
    check_item_count,
    find_loops,
    framework_id,
    level_id,
    source_language,
    too_deep,
)
from competency_kit.models.base import LANGUAGE_CODE
from competency_kit.models.framework import Framework

_LEVEL_TYPES = {"proficiency level", "skill level", "level"}

ITEM_FIELDS = {
    "identifier", "uri", "lastChangeDateTime", "CFDocumentURI", "CFItemAssociationURI", "fullStatement",
    "humanCodingScheme", "notes", "CFItemType", "CFItemTypeURI", "language", "extensions",
    "statusEndDate",
}  # fmt: skip
"""CFItem fields the import carries (or that only address the item)."""
DOCUMENT_FIELDS = {
    "identifier", "uri", "lastChangeDateTime", "CFPackageURI", "caseVersion", "title",
    "description", "version", "publisher", "licenseURI", "language", "extensions",
}  # fmt: skip


@dataclass
class _Edge:
    parent: str
    seq: int | None
    order: int


@dataclass
class _Package:
    source: str
    document_id: str
    items: dict[str, dict[str, Any]]
    type_titles: dict[str, str]
    report: ImportReport
    language: str
    ours: bool
    """Written by competency-kit (its extension names the framework id)."""
    parents: dict[str, _Edge] = field(default_factory=dict)
    kids: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_case(text: str, source: str, options: ImportOptions | None = None) -> ImportResult:
    """The framework in a CASE package (JSON text), with the report of what was not imported."""
    options = options or ImportOptions()
    data = _parse(text, source)
    pkg = _package(data, source, options)
    _check_extensions(pkg, data["CFDocument"], "CFDocument")
    for identifier, item in pkg.items.items():
        _check_extensions(pkg, item, f"CFItems[{identifier}]")
    _tree_edges(pkg, data.get("CFAssociations") or [])
    _check_loops(pkg)
    if pkg.problems:
        raise InputError(pkg.problems)
    levels, level_ids = _levels(pkg)
    rubrics = rubric_levels(data.get("CFRubrics"), pkg.items, _label_of(pkg), pkg.report)
    if not levels and rubrics.levels:
        for title in rubrics.levels:
            taken = [level["id"] for level in levels]
            levels.append({"id": level_id(title, taken), "title": {pkg.language: title}})
        pkg.report.adjust(
            "the rubrics' levels became the framework's proficiency levels: "
            + ", ".join(rubrics.levels)
        )
    elif rubrics.levels:
        pkg.report.drop(
            "rubric levels (the framework has its own proficiency levels; the rubrics' "
            "descriptions are in the notes)"
        )
    competency_levels = _skill_levels(pkg, data.get("CFAssociations") or [], level_ids)
    roots = _children(pkg, pkg.document_id, set(level_ids), competency_levels, rubrics.notes)
    _report_orphans(pkg, set(level_ids))
    _report_unused_fields(pkg, data)
    head = _head(data["CFDocument"], levels, pkg)
    result = build_framework(head, roots, source=source, options=options, report=pkg.report)
    read_lineage(pkg, data.get("CFAssociations") or [], result.framework)
    return result


def read_lineage(pkg: _Package, associations: list[Any], framework: Framework) -> None:
    """``statusEndDate`` back to ``retired:``, ``replacedBy`` back to the successor's
    ``replaces:`` (the replaced item may belong to an earlier version, not in this package)."""
    by_code = {n.item.id: n.item for n in framework.nodes()}
    for item in pkg.items.values():
        code = str(item.get("humanCodingScheme") or "").strip()
        end = _end_date(item.get("statusEndDate"))
        if end is not None and code in by_code:
            by_code[code].retired = end
    for assoc in associations:
        if not isinstance(assoc, dict) or assoc.get("associationType") != "replacedBy":
            continue
        old = _code_of(pkg, assoc.get("originNodeURI"))
        new = by_code.get(_code_of(pkg, assoc.get("destinationNodeURI")))
        if old and new is not None and old not in new.replaces:
            new.replaces.append(old)
        elif not old or new is None:
            pkg.report.drop("replacedBy associations whose items could not be found by their codes")


def _end_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _code_of(pkg: _Package, link: Any) -> str:
    """The code of a linked item: its humanCodingScheme, or the link's title when the item is
    not in this package."""
    item = pkg.items.get(_ident(link))
    if item is not None:
        return str(item.get("humanCodingScheme") or "").strip()
    return str(link.get("title") or "").strip() if isinstance(link, dict) else ""


def _parse(text: str, source: str) -> dict[str, Any]:
    data = parse_json(text, source)
    if isinstance(data, dict) and isinstance(data.get("CFPackage"), dict):
        data = data["CFPackage"]
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        raise InputError.single(
            source,
            "this is not a CASE package: it has no CFDocument",
            "export the whole framework package (CFPackage) from the CASE registry",
            code="case.no-document",
        )
    for key, kind in (("CFItems", list), ("CFAssociations", list), ("CFDefinitions", dict)):
        if data.get(key) is not None and not isinstance(data[key], kind):
            raise InputError.single(
                source,
                f"{key} must be a {'list' if kind is list else 'JSON object'}",
                "export the framework package again from the CASE registry",
                field=key,
                value=data[key],
                code="case.bad-part",
            )
    return data


def _ident(value: Any) -> str:
    """Identifiers compare case-insensitively; OpenSALT exports some in upper case."""
    if isinstance(value, dict):
        value = value.get("identifier")
    return str(value).strip().lower() if value is not None else ""


def _package(data: dict[str, Any], source: str, options: ImportOptions) -> _Package:
    items: dict[str, dict[str, Any]] = {}
    check_item_count(len(data.get("CFItems") or []), source, "items")
    for item in data.get("CFItems") or []:
        if isinstance(item, dict) and _ident(item):
            items.setdefault(_ident(item), item)
    definitions = data.get("CFDefinitions") or {}
    item_types = definitions.get("CFItemTypes")
    type_titles = {
        _ident(t): str(t.get("title") or "")
        for t in (item_types if isinstance(item_types, list) else [])
        if isinstance(t, dict)
    }
    document = data["CFDocument"]
    report = ImportReport(source)
    language = source_language(document.get("language"), options.language)
    if document.get("language") and language != document.get("language"):
        report.adjust(
            f"the document language '{document.get('language')}' is not a language code; "
            f"the texts were taken as '{language}'"
        )
    ours = _extensions(document) if isinstance(document.get("extensions"), dict) else {}
    is_ours = isinstance(ours.get(EXTENSION_KEY), dict) and bool(ours[EXTENSION_KEY].get("id"))
    return _Package(source, _ident(document), items, type_titles, report, language, is_ours)


def _label(pkg: _Package, identifier: str) -> str:
    item = pkg.items.get(identifier, {})
    code = item.get("humanCodingScheme")
    return f"item {identifier}" + (f" ({code})" if code else "")


def _label_of(pkg: _Package) -> Any:
    return lambda identifier: _label(pkg, identifier)


def _sequence(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _tree_edges(pkg: _Package, associations: list[Any]) -> None:
    """Each item's parent from ``isChildOf``; other association types are counted for the report."""
    skipped: Counter[str] = Counter()
    for order, assoc in enumerate(associations):
        if not isinstance(assoc, dict):
            continue
        kind = str(assoc.get("associationType") or "")
        if kind != "isChildOf":
            if kind not in ("hasSkillLevel", "replacedBy"):
                skipped[kind or "(no type)"] += 1
            continue
        child, parent = _ident(assoc.get("originNodeURI")), _ident(assoc.get("destinationNodeURI"))
        for end, node in (("child", child), ("parent", parent)):
            if node not in pkg.items and not (end == "parent" and node == pkg.document_id):
                pkg.problems.append(_dangling(pkg, assoc, end, node))
        if child in pkg.parents:
            pkg.report.drop(
                "second parents (an item is imported once, under its first parent)",
                f"{_label(pkg, child)} under {_label(pkg, parent)}",
            )
            continue
        pkg.parents[child] = _Edge(parent, _sequence(assoc.get("sequenceNumber")), order)
        pkg.kids.setdefault(parent, []).append(child)
    for kind, count in sorted(skipped.items()):
        pkg.report.drop(
            f"{count} {kind} association{'s' if count != 1 else ''} (only isChildOf and "
            "hasSkillLevel are part of the framework model)"
        )


def _dangling(pkg: _Package, assoc: dict[str, Any], end: str, node: str) -> Problem:
    role = "child (originNodeURI)" if end == "child" else "parent (destinationNodeURI)"
    return Problem(
        file=pkg.source,
        field=f"CFAssociations[{_ident(assoc)}]",
        message=f"an isChildOf association names a {role} '{node or '(none)'}' that is not an "
        "item of this package",
        fix="export the complete framework package, or remove this association",
        code="case.unknown-item",
    )


def _check_loops(pkg: _Package) -> None:
    for loop in find_loops({child: edge.parent for child, edge in pkg.parents.items()}):
        names = " → ".join(_label(pkg, n) for n in loop)
        pkg.problems.append(
            Problem(
                file=pkg.source,
                field="CFAssociations",
                message=f"the isChildOf associations form a loop: {names}",
                fix="an item cannot be its own ancestor; correct the parent of one of these "
                "items in the registry and export again",
                code="case.parent-loop",
            )
        )


def _check_extensions(pkg: _Package, entity: dict[str, Any], place: str) -> None:
    """CASE 1.1 ``extensions`` (and our part of them) must be objects. Any other value stops the
    import, because skipping it would silently drop the item's translations and our own fields.
    An empty value (``[]`` from PHP exporters, ``""``) counts as absent."""
    extensions = entity.get("extensions")
    if not extensions:
        return
    if isinstance(extensions, dict):
        ours = extensions.get(EXTENSION_KEY)
        if not ours or isinstance(ours, dict):
            return
        name, value = f"extensions.{EXTENSION_KEY}", ours
    else:
        name, value = "extensions", extensions
    pkg.problems.append(
        Problem(
            file=pkg.source,
            field=f"{place}.{name}",
            value=value,
            message=f"{name} must be a JSON object",
            fix="export the framework package again from the CASE registry, or remove this field",
            code="case.not-an-object",
        )
    )


def _extensions(entity: dict[str, Any]) -> dict[str, Any]:
    """The entity's CASE 1.1 extensions, checked to be an object by ``_check_extensions``."""
    return entity.get("extensions") or {}


def _ours(entity: dict[str, Any]) -> dict[str, Any]:
    """Our own fields among the extensions (present in packages competency-kit exported)."""
    return _extensions(entity).get(EXTENSION_KEY) or {}


def _item_type(pkg: _Package, item: dict[str, Any]) -> str:
    """The item's type name as the package gives it (``Knowledge``, ``知識``, ``Standard``)."""
    uri = item.get("CFItemTypeURI")
    title = pkg.type_titles.get(_ident(uri)) if isinstance(uri, dict) else None
    if not title and isinstance(uri, dict):
        title = uri.get("title")
    return str(title or item.get("CFItemType") or "").strip()


def _plain(pkg: _Package, value: Any, place: str) -> str:
    """A CASE text as plain text: HTML in it is converted as Moodle's is."""
    text = str(value or "").strip()
    if looks_like_html(text):
        pkg.report.adjust("HTML converted to plain text", place)
        return "\n\n".join(html_paragraphs(text))
    return text


def _text(
    pkg: _Package, item: dict[str, Any], field_name: str, place: str
) -> dict[str, str] | None:
    main = _plain(pkg, item.get(field_name), place)
    if not main:
        return None
    text = {pkg.language: main}
    translations = _extensions(item).get("translations")
    if isinstance(translations, dict):
        for lang, fields in translations.items():
            value = fields.get(field_name) if isinstance(fields, dict) else None
            usable = LANGUAGE_CODE.match(str(lang)) and lang != pkg.language
            if usable and isinstance(value, str) and (translated := _plain(pkg, value, place)):
                text[str(lang)] = translated
    return text


def _statement_text(pkg: _Package, identifier: str, item: dict[str, Any]) -> dict[str, str]:
    place = _label(pkg, identifier)
    text = _text(pkg, item, "fullStatement", place)
    if text:
        return text
    for fallback in ("abbreviatedStatement", "alternativeLabel", "humanCodingScheme"):
        if found := _plain(pkg, item.get(fallback), place):
            pkg.report.adjust(f"no fullStatement: its {fallback} is the text", place)
            return {pkg.language: found}
    pkg.report.adjust("no text at all: named 'Untitled item'", place)
    return {pkg.language: "Untitled item"}


def _levels(pkg: _Package) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Items typed as proficiency levels, in their tree order, and identifier → level id."""
    found = [i for i, item in pkg.items.items() if _item_type(pkg, item).lower() in _LEVEL_TYPES]
    found.sort(key=lambda i: _sort_key(pkg, i))
    levels: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for identifier in found:
        item = pkg.items[identifier]
        name = str(item.get("humanCodingScheme") or item.get("fullStatement") or "")
        ids[identifier] = level_id(name, list(ids.values()), identifier)
        notes = _text(pkg, item, "notes", _label(pkg, identifier))
        levels.append(
            {
                "id": ids[identifier],
                "title": _statement_text(pkg, identifier, item),
                **({"description": notes} if notes else {}),
            }
        )
    return levels, ids


def _skill_levels(
    pkg: _Package, associations: list[Any], level_ids: dict[str, str]
) -> dict[str, str]:
    """Competency identifier → level id from ``hasSkillLevel`` (the first one counts)."""
    linked: dict[str, str] = {}
    for assoc in associations:
        if not isinstance(assoc, dict) or assoc.get("associationType") != "hasSkillLevel":
            continue
        origin, level = _ident(assoc.get("originNodeURI")), _ident(assoc.get("destinationNodeURI"))
        if level not in level_ids or origin not in pkg.items:
            pkg.report.drop(
                "hasSkillLevel associations whose ends are not an item and a level of this package",
                f"association {_ident(assoc)}",
            )
        elif origin in linked:
            pkg.report.drop(
                "second skill levels (a competency keeps its first)", _label(pkg, origin)
            )
        else:
            linked[origin] = level_ids[level]
    return linked


def _sort_key(pkg: _Package, identifier: str) -> tuple[int, int, int]:
    edge = pkg.parents.get(identifier)
    if edge is None:
        return (1, 0, 0)
    return (0 if edge.seq is not None else 1, edge.seq or 0, edge.order)


def _children(
    pkg: _Package,
    parent: str,
    levels: set[str],
    competency_levels: dict[str, str],
    rubric_notes: dict[str, list[str]],
    depth: int = 1,
) -> list[SourceNode]:
    if depth > limits.IMPORT_DEPTH:
        raise too_deep(pkg.source)
    kids = [i for i in pkg.kids.get(parent, []) if i not in levels]
    kids.sort(key=lambda i: _sort_key(pkg, i))
    nodes = []
    for identifier in kids:
        item = pkg.items[identifier]
        node = SourceNode(
            code=str(item.get("humanCodingScheme") or "").strip(),
            text=_statement_text(pkg, identifier, item),
            place=_label(pkg, identifier),
            notes=_notes(pkg, identifier, item, rubric_notes.get(identifier, [])),
            kind=_item_type(pkg, item),
            children=_children(pkg, identifier, levels, competency_levels, rubric_notes, depth + 1),
        )
        if depth == 2:
            node.extra = _competency_extras(pkg, identifier, item, competency_levels)
        elif identifier in competency_levels:
            pkg.report.drop(
                "skill levels of items below the competencies (levels belong to competencies)",
                node.place,
            )
        nodes.append(node)
    return nodes


def _notes(
    pkg: _Package, identifier: str, item: dict[str, Any], rubric: list[str]
) -> dict[str, str] | None:
    """The item's notes, then what rubrics say about it."""
    notes = _text(pkg, item, "notes", _label(pkg, identifier)) or {}
    if not rubric:
        return notes or None
    main = "\n\n".join([notes[pkg.language], *rubric] if notes else rubric)
    return {**notes, pkg.language: main}


def _competency_extras(
    pkg: _Package, identifier: str, item: dict[str, Any], competency_levels: dict[str, str]
) -> dict[str, Any]:
    ours = _ours(item)
    extras: dict[str, Any] = {
        k: ours[k] for k in ("audiences", "guidance", "references") if k in ours
    }
    if identifier in competency_levels:
        extras["level"] = competency_levels[identifier]
    return extras


def _report_orphans(pkg: _Package, levels: set[str]) -> None:
    for identifier in pkg.items:
        if identifier not in pkg.parents and identifier not in levels:
            pkg.report.drop(
                "items not placed in the tree (no isChildOf association)", _label(pkg, identifier)
            )


def _report_unused_fields(pkg: _Package, data: dict[str, Any]) -> None:
    """Every field with a value that the framework has no place for, by field name."""
    document = data["CFDocument"]
    for key, value in document.items():
        if key not in DOCUMENT_FIELDS and _has_value(value):
            if key == "creator" and value in (document.get("publisher"), document.get("title")):
                continue
            pkg.report.drop(f"CFDocument field {key}")
    for identifier, item in pkg.items.items():
        for key, value in item.items():
            if key not in ITEM_FIELDS and _has_value(value):
                pkg.report.drop(f"CFItem field {key}", _label(pkg, identifier))
    definitions = data.get("CFDefinitions") or {}
    for key in ("CFSubjects", "CFConcepts", "CFAssociationGroupings"):
        entries = definitions.get(key)
        if isinstance(entries, list) and entries:
            pkg.report.drop(f"{len(entries)} {key} definitions")
    if not pkg.ours:
        pkg.report.drop("CASE identifiers and URIs (an export gives the items new ones)")


def _has_value(value: Any) -> bool:
    return value not in (None, "", [], {})


def _head(document: dict[str, Any], levels: list[dict[str, Any]], pkg: _Package) -> dict[str, Any]:
    ours = _ours(document)
    title = _text(pkg, document, "title", "CFDocument") or {pkg.language: "Imported framework"}
    licence = document.get("licenseURI")
    languages = ours.get("languages")
    if not (isinstance(languages, list) and languages and languages[0] == pkg.language):
        languages = [pkg.language]
    head = {
        "id": ours.get("id"),
        "title": title,
        "version": str(document.get("version") or "").strip()
        or str(document.get("lastChangeDateTime") or "")[:10]
        or "1",
        "publisher": str(document.get("publisher") or "").strip() or None,
        "licence": licence.get("title") if isinstance(licence, dict) else None,
        "languages": languages,
        "translations": ours.get("translations"),
        "description": _text(pkg, document, "description", "CFDocument"),
        "levels": levels,
        "audiences": ours.get("audiences"),
        "glossary": ours.get("glossary"),
    }
    if not ours.get("id"):
        head["id"], how = framework_id(
            [(title[pkg.language], "from its title"), (pkg.document_id, "from its identifier")],
            pkg.document_id,
        )
        pkg.report.adjust(f"the framework was given the id '{head['id']}' {how}")
    return compact(head)
