"""The depth rule every import shares, so a tree of any depth arrives without loss.

Top level → areas; second level → competencies; everything deeper → statements of their
second-level ancestor, in reading order, with the path between them kept in the statement's note.
Importers (CASE, Moodle) turn their input into ``SourceNode`` trees and leave the rest to this module.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.models.framework import CODE_PATTERN, SLUG_PATTERN, Dimension, Framework

_CODE = re.compile(CODE_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)
Text = dict[str, str]


def check_item_count(count: int, source: str, what: str) -> None:
    """Refuse files too large to be a real framework before any work is done on them."""
    if count > limits.IMPORT_ITEMS:
        raise InputError.single(
            source,
            f"the file holds {count:,} {what}; an import takes at most {limits.IMPORT_ITEMS:,}",
            "split the framework, or check that this is the right file",
            code="import.too-many-items",
        )


def slug(text: str) -> str:
    """``text`` as a level or framework id (lower case, hyphens), or "" when none can be made."""
    found = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63].strip("-")
    return found if _SLUG.match(found) else ""


def level_id(name: str, taken: Collection[str]) -> str:
    """The id of the next level from its name; ``level-N`` (its position) when the name gives
    no usable id or one an earlier level already has."""
    found = slug(name)
    return found if found and found not in taken else f"level-{len(taken) + 1}"


def find_loops(parent_of: Mapping[str, str]) -> list[list[str]]:
    """Each loop in the parent links once, as the path that closes it: ``[a, b, c, a]``.

    A chain is followed up to a root, a missing parent or a node already walked, so every node
    is walked once however long the chains are (a broken file may hold thousands)."""
    loops: list[list[str]] = []
    done: set[str] = set()
    for start in parent_of:
        path: dict[str, int] = {}
        node = start
        while node in parent_of and node not in done and node not in path:
            path[node] = len(path)
            node = parent_of[node]
        if node in path:
            loops.append([*list(path)[path[node] :], node])
        done.update(path)
    return loops


@dataclass
class SourceNode:
    """One item of the imported tree, before it becomes an area, competency or statement."""

    code: str
    """The code the source gave it (CASE humanCodingScheme, Moodle ID number); may be unusable."""
    text: Text
    place: str
    """Where it came from, for the report: ``item 3f2a… (CCSS.6.RP)`` or ``row 7``."""
    notes: Text | None = None
    dimension: Dimension | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """Competency fields carried by our own exports (audiences, guidance, references, level)."""
    children: list[SourceNode] = field(default_factory=list)


@dataclass
class ImportReport:
    """What the import did beyond a one-to-one copy: what it dropped, renamed or completed."""

    source: str
    not_mapped: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        parts = [
            _plural(self.counts.get(key, 0), singular, plural)
            for key, singular, plural in (
                ("areas", "area", "areas"),
                ("competencies", "competency", "competencies"),
                ("statements", "statement", "statements"),
                ("levels", "level", "levels"),
            )
        ]
        lines = [f"{self.source}: imported {', '.join(parts)}"]
        if self.not_mapped:
            lines.append(f"Not imported ({len(self.not_mapped)}):")
            lines += [f"  - {line}" for line in self.not_mapped]
        if self.adjusted:
            lines.append(f"Adjusted ({len(self.adjusted)}):")
            lines += [f"  - {line}" for line in self.adjusted]
        return "\n".join(lines)


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


@dataclass
class ImportResult:
    framework: Framework
    report: ImportReport


@dataclass
class _Context:
    source: str
    default_dimension: Dimension | None
    report: ImportReport
    used_codes: set[str] = field(default_factory=set)
    owners: dict[str, int] = field(default_factory=dict)
    """Usable source code → the node (by id) that has it first; others with it get a new code."""
    untyped: list[str] = field(default_factory=list)


def build_framework(
    head: dict[str, Any],
    roots: list[SourceNode],
    *,
    source: str,
    default_dimension: Dimension | None,
    report: ImportReport,
) -> ImportResult:
    """The framework from framework-level fields (``head``) and the item tree, by the depth rule.

    Raises InputError when statements lack a dimension and no default was given, or when the
    result is not a valid framework.
    """
    ctx = _Context(source, default_dimension, report)
    for node in _walk(roots):
        if _CODE.match(node.code):
            ctx.owners.setdefault(node.code, id(node))
    areas = [_area(node, index, ctx) for index, node in enumerate(roots, 1)]
    if ctx.untyped and default_dimension is None:
        count = len(ctx.untyped)
        raise InputError.single(
            source,
            f"{count} statement{'s' if count != 1 else ''} ha{'ve' if count != 1 else 's'} no "
            "knowledge, skill or attitude type",
            "give these statements a knowledge, skill or attitude type in the source, or import "
            "them all as one dimension",
            value=ctx.untyped[0] if count == 1 else None,
            code="import.no-dimension",
        )
    data = {**head, "areas": areas}
    report.counts = {
        "areas": len(areas),
        "competencies": sum(len(a["competencies"]) for a in areas),
        "statements": sum(len(c["statements"]) for a in areas for c in a["competencies"]),
        "levels": len(head.get("levels", [])),
    }
    return ImportResult(_validated(data, source), report)


def _walk(nodes: list[SourceNode]) -> Iterator[SourceNode]:
    """Every node in reading order (iterative: a broken file may nest very deeply)."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _area(node: SourceNode, index: int, ctx: _Context) -> dict[str, Any]:
    code = _claim(node, f"A{index}", ctx)
    _warn_dimension(node, "area", ctx)
    competencies = [_competency(child, code, i, ctx) for i, child in enumerate(node.children, 1)]
    return _compact(
        {"id": code, "title": node.text, "description": node.notes, "competencies": competencies}
    )


def _competency(node: SourceNode, area: str, index: int, ctx: _Context) -> dict[str, Any]:
    code = _claim(node, f"{area}.{index}", ctx)
    _warn_dimension(node, "competency", ctx)
    statements: list[dict[str, Any]] = []
    for child in node.children:
        _collect_statements(child, code, (), statements, ctx)
    data = {
        "id": code,
        "title": node.text,
        "description": node.notes,
        **node.extra,
        "statements": statements,
    }
    return _compact(data)


def _collect_statements(
    node: SourceNode,
    competency: str,
    path: tuple[str, ...],
    out: list[dict[str, Any]],
    ctx: _Context,
) -> None:
    """The node and everything under it as statements of ``competency``, depth first."""
    if len(path) > limits.IMPORT_DEPTH:
        raise too_deep(ctx.source)
    code = _claim(node, f"{competency}-{len(out) + 1}", ctx)
    dimension = node.dimension or ctx.default_dimension
    if node.dimension is None:
        ctx.untyped.append(node.place)
    note = _english(node.notes)
    if path:
        trail = "Path in the source framework: " + " › ".join(path)
        note = f"{note}\n\n{trail}" if note else trail
    if node.notes and set(node.notes) != {"en"}:
        ctx.report.adjusted.append(f"{node.place}: translations of the note kept only in English")
    out.append(_compact({"id": code, "dimension": dimension, "text": node.text, "note": note}))
    label = node.code or _english(node.text)[:40]
    for child in node.children:
        _collect_statements(child, competency, (*path, label), out, ctx)


def too_deep(source: str) -> InputError:
    return InputError.single(
        source,
        f"the framework is nested more than {limits.IMPORT_DEPTH} levels deep",
        "check the parent links in the file: real frameworks have a few levels",
        code="import.too-deep",
    )


def _claim(node: SourceNode, fallback: str, ctx: _Context) -> str:
    """The node's own code when usable and free, else a generated one (reported)."""
    if ctx.owners.get(node.code) == id(node):
        ctx.used_codes.add(node.code)
        return node.code
    code = fallback[:100]
    suffix = 2
    while code in ctx.used_codes or code in ctx.owners or not _CODE.match(code):
        code = f"{fallback[:90]}-x{suffix}"
        suffix += 1
    ctx.used_codes.add(code)
    reason = (
        "it has no code"
        if not node.code
        else "its code is already used"
        if _CODE.match(node.code)
        else "its code has characters a code may not have"
    )
    ctx.report.adjusted.append(
        f"{node.place}: given the code {code} because {reason}"
        + (f" ('{node.code}')" if node.code else "")
    )
    return code


def _warn_dimension(node: SourceNode, role: str, ctx: _Context) -> None:
    if node.dimension is not None:
        ctx.report.adjusted.append(
            f"{node.place}: its {node.dimension} type was not kept, it became an {role}"
            if role == "area"
            else f"{node.place}: its {node.dimension} type was not kept, it became a {role}"
        )


def _english(text: Text | None) -> str:
    return text.get("en", "") if text else ""


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", {})}


def _validated(data: dict[str, Any], source: str) -> Framework:
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                file=source,
                field=".".join(str(part) for part in error["loc"]),
                message=f"the imported framework is not valid: {error['msg']}",
                fix="check this field in the file being imported",
                code="import.invalid-framework",
            )
            for error in exc.errors()
        ]
        raise InputError(problems) from None
