"""Loading a curriculum file (YAML or JSON) against a framework, and the cross-reference
checks a workbook reader shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency_kit.core.errors import InputError, Problem, Severity
from competency_kit.core.languages import NAMES, canonical, code_for_name
from competency_kit.documents.sources import Document, load_document
from competency_kit.documents.validation import (
    FieldPath,
    dict_items,
    did_you_mean,
    problem_at,
    top_level_mapping,
    validate_document,
)
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Issue:
    """A cross-reference problem found in raw curriculum data, placed by the caller
    (a YAML line or a workbook cell)."""

    path: FieldPath
    message: str
    fix: str
    value: Any = None
    code: str = field(kw_only=True)
    severity: Severity = field(default="error", kw_only=True)


def load_curriculum_document(
    path: str | Path, framework: Framework, notes: list[Problem] | None = None
) -> Curriculum:
    """The curriculum in the YAML or JSON file at ``path``, checked against ``framework``.
    Raises InputError listing every problem with its line; warnings (the curriculum is
    usable, but something deserves a look) go to ``notes`` when given. (Workbooks are read
    by ``excel.mapping``; ``app.inputs.load_curriculum`` takes either.)"""
    doc = load_document(path, "curriculum")
    return curriculum_from_document(doc, framework, notes)


def curriculum_from_document(
    doc: Document, framework: Framework, notes: list[Problem] | None = None
) -> Curriculum:
    top_level_mapping(
        doc,
        "the top level must be a mapping with 'programme:' and 'courses:'",
        "start the file with 'programme:' (id, title) and then 'courses:'",
        code="curriculum.not-a-mapping",
        kind="curriculum",
    )
    read_as = prepare_curriculum_data(doc.data)
    curriculum, problems = validate_document(doc, Curriculum)
    for issue in (
        read_as
        + curriculum_issues(doc.data, framework)
        + retired_target_issues(doc.data, framework)
    ):
        problems.append(
            problem_at(
                doc,
                issue.path,
                issue.message,
                issue.fix,
                issue.value,
                issue.severity,
                code=issue.code,
            )
        )
    if curriculum is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if notes is not None:
        notes.extend(problems)
    return curriculum


def prepare_curriculum_data(data: Any) -> list[Issue]:
    """Turn what people write for the programme's language (``FR``, ``pt_br``, ``English``)
    into its code, in ``data`` itself, before the schema sees it; a name is noted, anything
    that is neither a code nor a known name is an error."""
    programme = data.get("programme") if isinstance(data, dict) else None
    language = programme.get("language") if isinstance(programme, dict) else None
    if not isinstance(programme, dict) or not isinstance(language, str):
        return []
    path: FieldPath = ("programme", "language")
    code = canonical(language)
    if code is not None:
        programme["language"] = code
        return []
    code = code_for_name(language)
    if code is not None:
        programme["language"] = code
        return [
            Issue(
                path,
                f"the language '{language}' is read as its code '{code}'",
                f"write the code '{code}' to say the same without this note",
                language,
                code="curriculum.language-name",
                severity="warning",
            )
        ]
    del programme["language"]  # reported here, once, rather than by the schema too
    return [
        Issue(
            path,
            f"'{language}' is not a language code or the name of a language",
            f"write a code such as {', '.join(NAMES)} (a region may follow: pt-BR), or the "
            "language's name in English, French, Spanish or Portuguese",
            language,
            code="curriculum.unknown-language",
        )
    ]


def retired_target_issues(data: Any, framework: Framework) -> list[Issue]:
    """Mappings to items that have left the framework: coverage no longer counts them."""
    retired = framework.retired_ids()
    if not retired:
        return []
    issues = []
    for c, course in dict_items(data, "courses"):
        for m, module in dict_items(course, "modules"):
            for k, mapping in dict_items(module, "maps"):
                target = mapping.get("to")
                if isinstance(target, str) and target in retired:
                    issues.append(
                        _retired_issue(
                            framework, target, ("courses", c, "modules", m, "maps", k, "to")
                        )
                    )
    return issues


def _retired_issue(framework: Framework, target: str, path: FieldPath) -> Issue:
    successors = framework.successors(target)
    fix = (
        f"map the module to what replaces it ({', '.join(successors)}) instead"
        if successors
        else "nothing replaces it in this version; remove the mapping"
    )
    return Issue(
        path,
        f"'{target}' has left this version of the framework, so coverage no longer counts it",
        fix,
        target,
        code="curriculum.retired-target",
        severity="warning",
    )


def curriculum_issues(data: Any, framework: Framework) -> list[Issue]:
    """Unique ids and resolvable references, checked on raw data so they are reported
    together with schema errors; and modules whose hours would silently count as 0."""
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    targets = {c.id for _, c in framework.competencies()} | set(framework.statement_ids())
    for c, course in dict_items(data, "courses"):
        issues += _unique(seen, course.get("id"), ("courses", c, "id"), "course")
        for m, module in dict_items(course, "modules"):
            path: FieldPath = ("courses", c, "modules", m)
            issues += _unique(seen, module.get("id"), (*path, "id"), "module")
            issues += _mapping_issues(module, path, targets)
    issues += _programme_issues(
        data.get("programme") if isinstance(data, dict) else None, framework
    )
    return issues + _hours_issues(data)


def _hours_issues(data: Any) -> list[Issue]:
    """A module with marks but no hours counts as 0 hours: say so, module by module, or once
    when no module has hours at all (the programme does not record them)."""
    mapped = [
        (("courses", c, "modules", m, "hours"), module)
        for c, course in dict_items(data, "courses")
        for m, module in dict_items(course, "modules")
        if module.get("maps")
    ]
    without = [(path, module) for path, module in mapped if module.get("hours") is None]
    if not without:
        return []
    if len(without) == len(mapped) and len(mapped) > 1:
        names = ", ".join(f"'{module.get('id')}'" for _, module in without[:3])
        more = f" and {len(without) - 3} more" if len(without) > 3 else ""
        return [
            Issue(
                without[0][0],
                f"no module has hours ({names}{more}), so every hour figure is 0 and the "
                "minimum-hours rule judges nothing",
                "write each module's hours to see hours per statement and area",
                code="curriculum.no-hours",
                severity="warning",
            )
        ]
    return [
        Issue(
            path,
            f"module '{module.get('id')}' has coverage marks but no hours, so it counts as 0 hours",
            "write the module's hours (0 when it really has none)",
            code="curriculum.module-without-hours",
            severity="warning",
        )
        for path, module in without
    ]


def _unique(seen: dict[str, str], value: Any, path: FieldPath, what: str) -> list[Issue]:
    if not isinstance(value, str):
        return []
    if value in seen:
        return [
            Issue(
                path,
                f"duplicate id '{value}' (already used by a {seen[value]})",
                "course and module ids must be unique in the programme; rename one",
                value,
                code="curriculum.duplicate-id",
            )
        ]
    seen[value] = what
    return []


def _mapping_issues(module: dict[str, Any], path: FieldPath, targets: set[str]) -> list[Issue]:
    issues = []
    mapped: set[str] = set()
    for k, mapping in dict_items(module, "maps"):
        target = mapping.get("to")
        if not isinstance(target, str):
            continue
        where = (*path, "maps", k, "to")
        if target not in targets:
            issues.append(
                Issue(
                    where,
                    f"'{target}' is not a statement or competency of the framework",
                    f"{did_you_mean(target, sorted(targets))}use the id of a statement or competency "
                    "of the framework",
                    target,
                    code="curriculum.unknown-target",
                )
            )
        elif target in mapped:
            issues.append(
                Issue(
                    where,
                    f"the module maps to '{target}' twice",
                    "keep one mapping per statement or competency",
                    target,
                    code="curriculum.duplicate-mapping",
                )
            )
        mapped.add(target)
    return issues


def _programme_issues(programme: Any, framework: Framework) -> list[Issue]:
    if not isinstance(programme, dict):
        return []
    issues = []
    levels = [level.id for level in framework.levels]
    level = programme.get("level")
    if isinstance(level, str) and level not in levels:
        issues.append(
            Issue(
                ("programme", "level"),
                f"unknown level '{level}'",
                f"use one of: {', '.join(levels)}",
                level,
                code="curriculum.unknown-level",
            )
        )
    audiences = [a.id for a in framework.audiences]
    given = programme.get("audiences")
    for i, audience in enumerate(given if isinstance(given, list) else []):
        if isinstance(audience, str) and audience not in audiences:
            issues.append(
                Issue(
                    ("programme", "audiences", i),
                    f"unknown audience '{audience}'",
                    f"use one of: {', '.join(audiences)}",
                    audience,
                    code="curriculum.unknown-audience",
                )
            )
    return issues
