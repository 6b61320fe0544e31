"""``analyse``: a framework and a curriculum in, a gap report out. Pure: no files, no clock."""

from __future__ import annotations

from competency_kit.analysis.coverage import (
    coverage_of,
    depth_counts,
    grouped_coverage,
    module_hours,
    statement_reaches,
    statement_results,
)
from competency_kit.analysis.rules import RULES, Context
from competency_kit.models.base import localize
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import Framework
from competency_kit.models.policy import Policy
from competency_kit.models.report import (
    SEVERITIES,
    Finding,
    FindingSeverity,
    GapReport,
    ReportSource,
    Summary,
)


def analyse(
    framework: Framework, curriculum: Curriculum, policy: Policy | None = None
) -> GapReport:
    """What ``curriculum`` covers of ``framework``, and the findings of every enabled rule.

    Retired items are left out: coverage and rules see the framework's current items only.
    The same inputs always give the same report: statements in framework order, findings by
    severity, then rule, then the target's place in the framework or the teaching order.
    """
    policy = policy or Policy()
    framework = framework.current()  # items that have left the framework count for nothing
    hours = module_hours(curriculum)
    reaches = statement_reaches(framework, curriculum)
    results = statement_results(framework, reaches, hours)
    by_area, by_competency, by_dimension = grouped_coverage(framework, results, hours)
    ctx = Context(
        framework=framework,
        curriculum=curriculum,
        statements={r.id: r for r in results},
        reaches=reaches,
        by_area=by_area,
        hours_given=frozenset(m.id for _, m in curriculum.modules() if m.hours is not None),
        texts={
            s.id: localize(s.text, framework.reference_language, framework.reference_language)
            for _, _, s in framework.statements()
        },
    )
    rules = [rule(policy.rules.settings(rule.id)) for rule in RULES]
    enabled = [rule for rule in rules if rule.settings.enabled]
    findings = [finding for rule in enabled for finding in rule.check(ctx)]
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    overall = coverage_of(results, hours)
    summary = Summary(
        coverage=overall.ratio,
        statements_total=overall.total,
        statements_covered=overall.covered,
        statements_assessed=sum(1 for r in results if r.assessed),
        modules_total=len(hours),
        hours_total=sum(hours.values()),
        by_area=by_area,
        by_competency=by_competency,
        by_dimension=by_dimension,
        by_depth=depth_counts(results),
        findings_by_severity=_count_by_severity(findings),
    )
    return GapReport(
        framework=ReportSource(
            id=framework.id, title=localize(framework.title), version=framework.version
        ),
        programme=ReportSource(id=curriculum.programme.id, title=curriculum.programme.title),
        rules=[rule.id for rule in enabled],
        summary=summary,
        statements=results,
        findings=findings,
    )


def _count_by_severity(findings: list[Finding]) -> dict[FindingSeverity, int]:
    return {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}
