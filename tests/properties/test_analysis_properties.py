"""Invariants of the gap analysis over random frameworks and curricula."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency_kit.analysis import analyse
from competency_kit.models.curriculum import depth_rank

from .strategies import curricula, frameworks

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_coverage_is_covered_over_total(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    curriculum = data.draw(curricula(framework))
    report = analyse(framework, curriculum)
    covered = [s for s in report.statements if s.max_depth is not None]
    total = len(framework.statement_ids())
    assert len(report.statements) == total
    assert 0 <= report.summary.coverage <= 1
    assert report.summary.coverage == (len(covered) / total if total else 0)
    for figure in (*report.summary.by_area.values(), *report.summary.by_dimension.values()):
        assert 0 <= figure.ratio <= 1
        assert figure.covered <= figure.total


@SETTINGS
@given(st.data())
def test_statement_results_follow_the_mappings(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    curriculum = data.draw(curricula(framework))
    report = analyse(framework, curriculum)
    for result in report.statements:
        reaching = [
            (m, mp)
            for _, m in curriculum.modules()
            for mp in m.maps
            if result.id in framework.expand(mp.to)
        ]
        deepest = max((depth_rank(mp.depth) for _, mp in reaching), default=0)
        assert depth_rank(result.max_depth) == deepest
        assert result.assessed == any(mp.assessed for _, mp in reaching)
        modules = list(dict.fromkeys(m.id for m, _ in reaching))
        assert result.modules == modules
        hours = sum(curriculum.module(m).hours or 0 for m in modules)  # type: ignore[union-attr]
        assert abs(result.hours - hours) < 1e-9


@SETTINGS
@given(st.data())
def test_finding_ids_are_unique_and_stable(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    curriculum = data.draw(curricula(framework))
    first, second = analyse(framework, curriculum), analyse(framework, curriculum)
    ids = [f.id for f in first.findings]
    assert len(ids) == len(set(ids))
    assert first == second
