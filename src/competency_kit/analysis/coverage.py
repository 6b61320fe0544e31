"""Which modules reach which statements, and the coverage figures that follow from it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from competency_kit.models.curriculum import Curriculum, Depth, depth_rank
from competency_kit.models.framework import DIMENSIONS, Dimension, Framework
from competency_kit.models.report import Coverage, DepthOrNone, StatementResult


class Reach(NamedTuple):
    """One module reaching one statement. A module that maps a statement twice (directly and
    through its competency) reaches it once: at its highest depth, assessed if either is."""

    module: str
    order: int
    """Position of the module in teaching order (0 = first)."""
    depths: frozenset[Depth]
    assessed: bool
    assessed_depths: frozenset[Depth]
    depth: Depth
    """The highest of ``depths``."""


def statement_reaches(framework: Framework, curriculum: Curriculum) -> dict[str, list[Reach]]:
    """Every statement id of the framework (in framework order) → its reaches in teaching order."""
    reaches: dict[str, list[Reach]] = {sid: [] for sid in framework.statement_ids()}
    expansion = framework.expansions
    for order, (_, module) in enumerate(curriculum.modules()):
        merged: dict[str, tuple[set[Depth], set[Depth]]] = {}
        for mapping in module.maps:
            for sid in expansion.get(mapping.to, ()):
                depths, assessed = merged.setdefault(sid, (set(), set()))
                depths.add(mapping.depth)
                if mapping.assessed:
                    assessed.add(mapping.depth)
        for sid, (depths, assessed) in merged.items():
            deepest = max(depths, key=depth_rank)
            reaches[sid].append(
                Reach(
                    module.id,
                    order,
                    frozenset(depths),
                    bool(assessed),
                    frozenset(assessed),
                    deepest,
                )
            )
    return reaches


def deepest_by_module(framework: Framework, curriculum: Curriculum) -> dict[str, dict[str, Depth]]:
    """Statement id → module id → the highest depth that module reaches it at (for matrices;
    cheaper than ``statement_reaches`` when only depths are needed)."""
    expansion = framework.expansions
    deepest: dict[str, dict[str, Depth]] = {sid: {} for sid in framework.statement_ids()}
    for _, module in curriculum.modules():
        for mapping in module.maps:
            for sid in expansion.get(mapping.to, ()):
                known = deepest[sid].get(module.id)
                if known is None or depth_rank(mapping.depth) > depth_rank(known):
                    deepest[sid][module.id] = mapping.depth
    return deepest


def module_hours(curriculum: Curriculum) -> dict[str, float]:
    """Hours per module id; a module without hours counts as 0."""
    return {m.id: float(m.hours or 0) for _, m in curriculum.modules()}


def statement_results(
    framework: Framework, reaches: dict[str, list[Reach]], hours: dict[str, float]
) -> list[StatementResult]:
    results = []
    for area, competency, statement in framework.statements():
        found = reaches[statement.id]
        best = max((r.depth for r in found), key=depth_rank, default=None)
        results.append(
            StatementResult(
                id=statement.id,
                competency=competency.id,
                area=area.id,
                dimension=statement.dimension,
                max_depth=best,
                assessed=any(r.assessed for r in found),
                modules=[r.module for r in found],
                hours=sum(hours[r.module] for r in found),
            )
        )
    return results


def coverage_of(results: Iterable[StatementResult], hours: dict[str, float]) -> Coverage:
    """Covered / total statements of a group; hours of every module reaching it, once each."""
    items = list(results)
    covered = sum(1 for r in items if r.max_depth is not None)
    modules = {m for r in items for m in r.modules}
    return Coverage(
        covered=covered,
        total=len(items),
        ratio=covered / len(items) if items else 0.0,
        hours=sum(hours[m] for m in modules),
    )


def grouped_coverage(
    framework: Framework, results: list[StatementResult], hours: dict[str, float]
) -> tuple[dict[str, Coverage], dict[str, Coverage], dict[Dimension, Coverage]]:
    """Coverage per area, per competency and per dimension, in framework order."""
    by_area = {
        a.id: coverage_of((r for r in results if r.area == a.id), hours) for a in framework.areas
    }
    by_competency = {
        c.id: coverage_of((r for r in results if r.competency == c.id), hours)
        for _, c in framework.competencies()
    }
    by_dimension: dict[Dimension, Coverage] = {
        d: coverage_of((r for r in results if r.dimension == d), hours) for d in DIMENSIONS
    }
    return by_area, by_competency, by_dimension


def depth_counts(results: list[StatementResult]) -> dict[DepthOrNone, int]:
    """How many statements reach each highest depth; ``none`` for those not covered."""
    counts: dict[DepthOrNone, int] = {"none": 0, "I": 0, "R": 0, "M": 0}
    for r in results:
        counts[r.max_depth or "none"] += 1
    return counts
