"""The coverage charts of a gap report (by area, by dimension, every statement at a glance), as
inline SVG: drawn the same in the printed guide and in the web app's coverage page.

Free of the PDF engine, so a page can draw them without loading WeasyPrint.
"""

from __future__ import annotations

from markupsafe import Markup

from competency_kit.models.framework import DIMENSIONS, Framework
from competency_kit.models.report import GapReport
from competency_kit.pdf import svg_charts
from competency_kit.pdf.templating import Catalogue


def coverage_charts(framework: Framework, report: GapReport, tr: Catalogue) -> dict[str, Markup]:
    summary = report.summary
    of = tr("common.of")
    by_area = [
        svg_charts.Bar(
            f"{area.id}  {tr.text(area.title)}",
            cov.ratio,
            f"{cov.covered}/{cov.total}",
            f"{cov.covered} {of} {cov.total}",
        )
        for area in framework.areas
        if (cov := summary.by_area.get(area.id)) is not None
    ]
    by_dimension = [
        svg_charts.Bar(
            tr(f"dimensions.{d}"),
            cov.ratio,
            f"{cov.covered}/{cov.total}",
            f"{cov.covered} {of} {cov.total}",
        )
        for d in DIMENSIONS
        if (cov := summary.by_dimension.get(d)) is not None
    ]
    results = {s.id: s for s in report.statements}
    rows = [
        svg_charts.HeatRow(
            competency.id,
            [
                svg_charts.Cell(
                    s.id,
                    results[s.id].max_depth if s.id in results else None,
                    s.id in results and results[s.id].assessed,
                )
                for s in competency.statements
            ],
        )
        for _, competency in framework.competencies()
    ]
    depth_labels: dict[str | None, str] = {None: tr("depths.none")}
    depth_labels |= {d: tr(f"depths.{d}") for d in ("I", "R", "M")}
    return {
        "by_area": svg_charts.bar_chart(by_area, tr("guide.coverage.by_area")),
        "by_dimension": svg_charts.bar_chart(
            by_dimension, tr("guide.coverage.by_dimension"), label_width=140
        ),
        "heatmap": svg_charts.heatmap(
            rows,
            tr("guide.coverage.heatmap"),
            labels=depth_labels,
            assessed_label=tr("common.assessed"),
            columns=3 if len(rows) > 24 else 2,
        ),
        "legend": svg_charts.legend(
            depth_labels,
            tr("common.assessed"),
            title=tr("guide.coverage.key"),
            squares=tr("guide.coverage.key_squares"),
            dot=tr("guide.coverage.key_dot"),
        ),
    }
