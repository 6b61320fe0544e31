"""Coverage: the gap report in the page (headline, by area and dimension, the statement ×
module heatmap, the findings filtered by query parameters), last round's decisions carried
over, and the downloads: gap.xlsx, gap.json, the mapping as CASE."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from competency_kit.app.coverage import CoverageRequest, CoverageResult, check_coverage
from competency_kit.app.frameworks import MappingExportRequest, export_mapping
from competency_kit.app.gap import (
    GapRequest,
    ReportRequest,
    finding_messages,
    gap_json,
    gap_report,
    run_gap,
)
from competency_kit.app.mapping import AcceptResult, accept_curriculum
from competency_kit.core.errors import InputError
from competency_kit.models.report import SEVERITIES, Finding
from competency_kit.models.review import Decision
from competency_kit.pdf.templating import Catalogue, LocalText
from competency_kit.web.problems import renamed
from competency_kit.web.render import choose_language
from competency_kit.web.routes.mapping import XLSX, accept_request, keep_accepted
from competency_kit.web.sessions import Session, Stored
from competency_kit.web.state import Web, remember_session
from competency_kit.web.uploads import (
    CURRICULUM_SUFFIXES,
    REVIEW_SUFFIXES,
    YAML_SUFFIXES,
    Upload,
    download_name,
)

UPLOADS = [
    Upload("curriculum", CURRICULUM_SUFFIXES),
    Upload("policy", YAML_SUFFIXES),
    Upload("review", REVIEW_SUFFIXES),
]
MATRIX_MODULES = 40
"""Up to this many modules the heatmap has a column per module, beyond it one per course."""
MATRIX_COLUMNS = 60
FINDINGS_SHOWN = 300
"""Findings listed at once; the workbook holds them all."""


@dataclass(frozen=True)
class Filters:
    severity: str = ""
    rule: str = ""
    area: str = ""
    text: str = ""

    @classmethod
    def of(cls, request: Request) -> Filters:
        q = request.query_params
        return cls(q.get("severity", ""), q.get("rule", ""), q.get("area", ""), q.get("q", ""))

    def keep(self, finding: Finding, area: str, sentence: str) -> bool:
        """Whether the findings table shows ``finding``; the text is looked for in its id, in
        the sentence the page shows and in the English one."""
        needle = self.text.strip().casefold()
        searched = f"{finding.id} {sentence} {finding.message}"
        return (
            (not self.severity or finding.severity == self.severity)
            and (not self.rule or finding.rule == self.rule)
            and (not self.area or area == self.area)
            and (not needle or needle in searched.casefold())
        )


def files_of(session: Session) -> list[Stored | None]:
    return [session.curriculum, session.policy, session.review, session.framework]


async def coverage_of(web: Web, session: Session, lang: str) -> CoverageResult:
    """The coverage of the session's current files, computed once per language."""
    assert session.curriculum is not None
    cached = session.cache.get(f"coverage:{lang}")
    if isinstance(cached, CoverageResult):
        return cached
    task = coverage_request(web, session, session.curriculum.path, lang)
    result = await web.call(check_coverage, task, files=files_of(session))
    session.cache[f"coverage:{lang}"] = result
    return result


async def accept_and_cover(web: Web, session: Session, upload: Stored, lang: str) -> None:
    """``accept`` and then ``coverage_of`` the new curriculum, in one trip to a worker thread:
    on a busy machine each trip costs milliseconds. The curriculum is kept even when its
    coverage cannot be worked out (a bad policy or review), as ``accept`` keeps it."""
    accepting = accept_request(web, session, upload)
    covering = coverage_request(web, session, Path(accepting.output), lang)

    def both() -> tuple[AcceptResult, CoverageResult | InputError]:
        accepted = accept_curriculum(accepting)
        try:
            return accepted, check_coverage(covering)
        except InputError as exc:
            return accepted, exc

    accepted, covered = await web.call(both, files=[upload])
    keep_accepted(session, upload, accepted)
    if isinstance(covered, InputError):
        raise InputError(renamed(covered.problems, files_of(session)))
    session.cache[f"coverage:{lang}"] = covered


def coverage_request(web: Web, session: Session, curriculum: Path, lang: str) -> CoverageRequest:
    return CoverageRequest(
        curriculum,
        session.policy.path if session.policy else None,
        session.review.path if session.review else None,
        web.framework(session),
        lang,
    )


def routes(web: Web) -> list[Route]:
    async def page(request: Request) -> Response:
        session = web.existing_session(request)
        if session is None or session.curriculum is None:
            return web.page(request, "coverage.html", {"result": None})
        lang = choose_language(request)
        result = await coverage_of(web, session, lang)
        shown = view(result, Filters.of(request), web.pages.catalogue(lang))
        return web.page(request, "coverage.html", shown)

    async def upload(request: Request) -> Response:
        session = web.session(request)
        folder = session.new_folder("coverage")
        form = await web.form(request)
        kept = await web.keep(form, folder, UPLOADS)
        curriculum = kept.get("curriculum")
        if curriculum is None and session.curriculum is None:
            return web.page(request, "coverage.html", {"result": None, "need": True}, 422)
        previous = (session.policy, session.review)
        with session.lock:
            if form.get("clear"):
                session.policy = session.review = None
            session.policy = kept.get("policy", session.policy)
            session.review = kept.get("review", session.review)
            session.forget_results()
        lang = choose_language(request)
        try:
            if curriculum is not None:
                await accept_and_cover(web, session, curriculum, lang)
            else:
                await coverage_of(web, session, lang)
        except Exception:
            with session.lock:  # a bad policy or review is not kept for the next page
                session.policy, session.review = previous
                session.forget_results()
            raise
        response = RedirectResponse("/coverage", status_code=303)
        remember_session(request, response)
        return response

    async def workbook(request: Request) -> Response:
        session = _current(web, request)
        if session is None or session.curriculum is None:
            return RedirectResponse("/coverage", status_code=303)
        folder = session.new_folder("gap")
        task = GapRequest(
            session.curriculum.path,
            folder / "gap.xlsx",
            policy=session.policy.path if session.policy else None,
            review=session.review.path if session.review else None,
            framework=web.framework(session),
            lang=choose_language(request),
        )
        run = await web.call(run_gap, task, files=files_of(session))
        name = download_name(f"gap-{run.report.programme.id}", ".xlsx")
        return FileResponse(folder / "gap.xlsx", media_type=XLSX, filename=name)

    async def report_json(request: Request) -> Response:
        session = _current(web, request)
        if session is None or session.curriculum is None:
            return RedirectResponse("/coverage", status_code=303)
        task = ReportRequest(
            session.curriculum.path,
            session.policy.path if session.policy else None,
            web.framework(session),
        )
        report = await web.call(gap_report, task, files=files_of(session))
        name = download_name(f"gap-{report.programme.id}", ".json")
        return Response(
            gap_json(report),
            media_type="application/json",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    async def mapping_case(request: Request) -> Response:
        session = _current(web, request)
        if session is None or session.curriculum is None:
            return RedirectResponse("/coverage", status_code=303)
        folder = session.new_folder("case")
        task = MappingExportRequest(
            session.curriculum.path, folder / "mapping-case.json", web.framework(session)
        )
        done = await web.call(export_mapping, task, files=files_of(session))
        name = download_name(f"mapping-{done.curriculum.programme.id}-case", ".json")
        return FileResponse(
            folder / "mapping-case.json", media_type="application/json", filename=name
        )

    return [
        Route("/coverage", page),
        Route("/coverage", upload, methods=["POST"]),
        Route("/coverage/gap.xlsx", workbook),
        Route("/coverage/gap.json", report_json),
        Route("/coverage/mapping-case.json", mapping_case),
    ]


def _current(web: Web, request: Request) -> Session | None:
    return web.existing_session(request)


def view(result: CoverageResult, filters: Filters, tr: Catalogue) -> dict[str, Any]:
    """What the coverage page shows, the findings filtered (their rows in ``tr``'s language)."""
    fw, report = result.framework, result.report
    area_of: dict[str, str] = {}
    for area, competency, statement in fw.statements():
        area_of[statement.id] = area_of[competency.id] = area_of[area.id] = area.id
    for area in fw.areas:
        area_of[area.id] = area.id
    tr = tr.for_framework(fw)
    worded = finding_messages(report, fw, tr.lang)
    sentences = {f.id: worded.get(f.id) or LocalText(f.message, "en") for f in report.findings}
    matching = [
        f for f in report.findings if filters.keep(f, area_of.get(f.target, ""), sentences[f.id])
    ]
    shown = matching[:FINDINGS_SHOWN]
    return {
        "result": result,
        "filters": filters,
        "severities": SEVERITIES,
        "rules": [
            (rule, tr.labels.get(f"findings.rules.{rule}", rule))
            for rule in sorted({f.rule for f in report.findings})
        ],
        "areas": fw.areas,
        "findings": shown,
        "finding_rows": finding_rows(shown, result.decisions, tr, sentences),
        "matching": len(matching),
        "area_of": area_of,
        "matrix": matrix(result),
    }


def matrix(result: CoverageResult) -> dict[str, Any]:
    """Statement × module (or × course, for long programmes) deepest depths."""
    modules = list(result.curriculum.modules())
    by_course = len(modules) > MATRIX_MODULES
    if by_course:
        columns = [(c.id, c.title, [m.id for m in c.modules]) for c in result.curriculum.courses]
    else:
        columns = [(m.id, m.title, [m.id]) for _, m in modules]
    shown = columns[:MATRIX_COLUMNS]
    column_of = {m: i for i, (_, _, members) in enumerate(shown) for m in members}
    unreached = CELLS[""] * len(shown)
    rows = []
    for _, _, statement in result.framework.statements():
        reached = result.depths.get(statement.id)
        # Most rows of a programme being mapped are blank: one string, not a cell at a time.
        cells = "".join(_cells(reached, column_of, len(shown))) if reached else unreached
        rows.append(f'<tr><th scope="row">{html.escape(statement.id)}</th>{cells}</tr>')
    # Built here rather than cell by cell in the template: thousands of cells, each escaped
    # there, would cost more than the analysis itself.
    return {
        "by_course": by_course,
        "columns": shown,
        "body": Markup("\n".join(rows)),
        "hidden": len(columns) - len(shown),
    }


def _cells(reached: Mapping[str, str], column_of: dict[str, int], count: int) -> list[str]:
    """The cells of one statement's row: the deepest depth its column's modules reach. Read
    from the few modules that reach the statement, not from every module of the programme."""
    deepest = [""] * count
    for module, depth in reached.items():
        column = column_of.get(module)
        if column is not None and RANK[depth] > RANK[deepest[column]]:
            deepest[column] = depth
    return [CELLS[depth] for depth in deepest]


RANK = {"": 0, "I": 1, "R": 2, "M": 3}


def finding_rows(
    findings: list[Finding],
    decisions: dict[str, Decision],
    tr: Catalogue,
    sentences: dict[str, LocalText],
) -> Markup:
    """The rows of the findings table, each with its sentence from ``sentences`` (marked with
    its language where it is not the page's). Built here for the reason the matrix is:
    hundreds of rows of escaped cells cost more in the template than the analysis that found
    them. Plain strings escaped with ``html.escape`` until the end: a Markup object per cell
    costs more than the escaping."""
    starts = {
        severity: f'<tr data-severity="{severity}"><td><span class="badge badge-{severity}">'
        f"{html.escape(tr(f'severities.{severity}'))}</span></td><td><code>"
        for severity in SEVERITIES
    }
    rows = []
    for finding in findings:
        decision = decisions.get(finding.id)
        sentence = sentences[finding.id]
        rows.append(
            f"{starts[finding.severity]}{html.escape(finding.id)}</code></td>"
            f"<td{tr.lang_attr(sentence)}>{html.escape(sentence)}</td>"
            f"<td>{_decided(decision)}</td></tr>"
        )
    return Markup("\n".join(rows))


def _decided(decision: Decision | None) -> Markup:
    if decision is None:
        return Markup("—")
    if decision.action:
        return escape(decision.status) + Markup(": ") + escape(decision.action)
    return escape(decision.status)


CELLS = {"": "<td></td>", **{d: f'<td class="d-{d}">{d}</td>' for d in ("I", "R", "M")}}
