"""Coverage on a screen: the gap analysis with the guide's charts and the statement × module
depths, for a front end to show (the ``gap`` task writes the same report to a workbook)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from competency_kit.analysis import analyse
from competency_kit.analysis.coverage import deepest_by_module
from competency_kit.app.gap import load_decisions
from competency_kit.app.inputs import PathLike, load_curriculum
from competency_kit.documents.framework_io import load_framework
from competency_kit.documents.policy_io import load_policy
from competency_kit.models.curriculum import Curriculum, Depth
from competency_kit.models.framework import Framework
from competency_kit.models.report import GapReport
from competency_kit.models.review import Decision
from competency_kit.pdf.coverage_charts import coverage_charts
from competency_kit.pdf.templating import TemplateSet


@dataclass(frozen=True)
class CoverageRequest:
    """The gap analysis of a curriculum, for reading on a screen rather than in a workbook."""

    curriculum: PathLike
    policy: PathLike | None = None
    review: PathLike | None = None
    """Last round's decisions: a review file or the gap workbook that holds them."""
    framework: PathLike | None = None
    lang: str = "en"
    """Language of the charts' labels."""


@dataclass
class CoverageResult:
    framework: Framework
    curriculum: Curriculum
    report: GapReport
    decisions: dict[str, Decision]
    """Last round's decisions by finding id (empty without a review)."""
    charts: dict[str, Markup]
    """The guide's SVG charts: ``by_area``, ``by_dimension``, ``heatmap``, ``legend``."""
    depths: dict[str, dict[str, Depth]]
    """Statement id → module id → deepest depth, for a statement × module matrix."""


def check_coverage(request: CoverageRequest) -> CoverageResult:
    """Load, check and analyse a curriculum; nothing is written."""
    framework = load_framework(request.framework)
    curriculum = load_curriculum(request.curriculum, framework)
    policy = load_policy(request.policy, framework) if request.policy else None
    review = load_decisions(request.review) if request.review else None
    framework = framework.current()  # the page shows the items that are still in force
    report = analyse(framework, curriculum, policy)
    catalogue = TemplateSet.shared().catalogue(request.lang)
    return CoverageResult(
        framework,
        curriculum,
        report,
        review.by_finding() if review else {},
        coverage_charts(framework, report, catalogue),
        deepest_by_module(framework, curriculum),
    )
