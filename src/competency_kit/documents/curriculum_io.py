"""Loading a curriculum file (YAML or JSON) against a framework, and the cross-reference
checks a workbook reader shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency_kit.core.errors import InputError, Problem
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


def load_curriculum_document(
    path: str | Path, framework: Framework, warnings: list[Problem] | None = None
) -> Curriculum:
    """The curriculum in the YAML or JSON file at ``path``, checked against ``framework``.
    Raises InputError listing every problem with its line; what is worth a look but does not
    stop the work (a mapping to a retired item) goes to ``warnings`` when given. (Workbooks
    are read by ``excel.mapping``; ``app.inputs.load_curriculum`` takes either.)"""
    doc = load_document(path, "curriculum")
    return curriculum_from_document(doc, framework, warnings)


def curriculum_from_document(
    doc: Document, framework: Framework, warnings: list[Problem] | None = None
) -> Curriculum:
    top_level_mapping(
        doc,
        "the top level must be a mapping with 'programme:' and 'courses:'",
        "start the file with 'programme:' (id, title) and then 'courses:'",
        code="curriculum.not-a-mapping",
    )
    curriculum, problems = validate_document(doc, Curriculum)
    for issue in curriculum_issues(doc.data, framework):
        problems.append(
            problem_at(doc, issue.path, issue.message, issue.fix, issue.value, code=issue.code)
        )
    if problems or curriculum is None:
        raise InputError(problems)
    if warnings is not None:
        for issue in retired_target_issues(doc.data, framework):
            warnings.append(
                problem_at(
                    doc,
                    issue.path,
                    issue.message,
                    issue.fix,
                    issue.value,
                    "warning",
                    code=issue.code,
                )
            )
    return curriculum


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
    )


def curriculum_issues(data: Any, framework: Framework) -> list[Issue]:
    """Unique ids and resolvable references, checked on raw data so they are reported
    together with schema errors."""
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
    return issues


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
    listed = programme.get("audiences")
    for i, audience in enumerate(listed if isinstance(listed, list) else []):
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
