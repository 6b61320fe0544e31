"""Checking the lineage a framework file records: ``retired:`` dates and ``replaces:`` lists.

An item that leaves stays in the file with ``retired: DATE`` (its id is never reused); the items
that take its place name it in ``replaces:``. Checked on raw data, with positions, so the
problems are reported together with the schema errors.
"""

from __future__ import annotations

from typing import Any

from competency_kit.core.errors import Problem
from competency_kit.documents.sources import Document
from competency_kit.documents.validation import FieldPath, problem_at


def lineage_problems(
    doc: Document, nodes: list[tuple[str, FieldPath, dict[str, Any]]]
) -> list[Problem]:
    """Every ``replaces:`` entry names another item of the same kind that has left the
    framework (or an id of the previous version, a warning), and no chain of replacements
    loops back on itself."""
    kinds = {n.get("id"): kind for kind, _, n in nodes if isinstance(n.get("id"), str)}
    retired = _retired_ids(nodes)
    problems: list[Problem] = []
    for kind, path, node in nodes:
        replaces = node.get("replaces")
        if not isinstance(replaces, list):
            continue
        for index, old in enumerate(replaces):
            if isinstance(old, str):
                where = (*path, "replaces", index)
                problem = _entry_problem(doc, where, node, kind, old, kinds, retired)
                if problem is not None:
                    problems.append(problem)
    problems += _loops(doc, nodes)
    return problems


def _retired_ids(nodes: list[tuple[str, FieldPath, dict[str, Any]]]) -> set[str]:
    """Ids retired by their own date or with their area or competency."""
    retired: set[str] = set()
    gone_paths: list[FieldPath] = []
    for _, path, node in nodes:
        inherited = any(path[: len(p)] == p for p in gone_paths)
        if node.get("retired") is not None or inherited:
            gone_paths.append(path)
            if isinstance(node.get("id"), str):
                retired.add(node["id"])
    return retired


def _entry_problem(
    doc: Document,
    where: FieldPath,
    node: dict[str, Any],
    kind: str,
    old: str,
    kinds: dict[Any, str],
    retired: set[str],
) -> Problem | None:
    name = node.get("id", "?")
    if old == name:
        return problem_at(
            doc,
            where,
            f"{kind} {name} says it replaces itself",
            "a reworded item keeps its id and needs no 'replaces'; remove this entry",
            old,
            code="framework.replaces-itself",
        )
    if old not in kinds:
        return problem_at(
            doc,
            where,
            f"'{old}' is not an id of this file",
            "keep the item it names in the file, marked 'retired: YYYY-MM-DD', so that "
            "curricula mapped to it can be carried over without the previous version",
            old,
            "warning",
            code="framework.replaces-unknown",
        )
    if kinds[old] != kind:
        return problem_at(
            doc,
            where,
            f"{kind} {name} replaces '{old}', which is a {kinds[old]}",
            f"a {kind} replaces {kind}s only; name the {kind}s it takes the place of",
            old,
            code="framework.replaces-other-kind",
        )
    if old not in retired:
        return problem_at(
            doc,
            where,
            f"{kind} {name} replaces '{old}', which has not left the framework",
            f"add 'retired: YYYY-MM-DD' to {old} (ids are never reused), or remove this entry",
            old,
            code="framework.replaces-current",
        )
    return None


def _loops(doc: Document, nodes: list[tuple[str, FieldPath, dict[str, Any]]]) -> list[Problem]:
    """A chain of replacements that comes back to where it started has no item to end on."""
    edges: dict[str, list[str]] = {}
    paths: dict[str, FieldPath] = {}
    for _, path, node in nodes:
        name = node.get("id")
        replaces = node.get("replaces")
        if isinstance(name, str) and isinstance(replaces, list):
            edges[name] = [old for old in replaces if isinstance(old, str) and old != name]
            paths[name] = path
    problems = []
    reported: set[str] = set()
    for start in edges:
        loop = _loop_from(start, edges)
        if loop and not reported.intersection(loop):
            reported.update(loop)
            problems.append(
                problem_at(
                    doc,
                    (*paths[start], "replaces"),
                    f"the replacements go round in a loop: {' → '.join([*loop, loop[0]])}",
                    "an item replaces only items that left before it; remove one of the entries",
                    code="framework.replaces-loop",
                )
            )
    return problems


def _loop_from(start: str, edges: dict[str, list[str]]) -> list[str]:
    """The ids of a loop through ``start``, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for old in edges.get(node, []):
            if old == start:
                return path
            if old not in seen:
                seen.add(old)
                stack.append((old, [*path, old]))
    return []
