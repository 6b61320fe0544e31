"""The curriculum guide: one PDF (or HTML preview) for trainers and accreditation panels."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from competency_kit.analysis import analyse
from competency_kit.core.clock import build_time
from competency_kit.core.manifest import Manifest
from competency_kit.core.outputs import atomic_output, refuse_inputs, write_text
from competency_kit.models.curriculum import Curriculum
from competency_kit.models.framework import DIMENSIONS, Framework
from competency_kit.models.profile import LocalProfile
from competency_kit.models.report import SEVERITIES, Finding, GapReport
from competency_kit.pdf.coverage_charts import coverage_charts
from competency_kit.pdf.fingerprints import (
    document_fingerprint,
    fingerprint_moment,
    resources_digest,
    sources_fingerprint,
)
from competency_kit.pdf.lazy import engine_for
from competency_kit.pdf.measure import label_width_mm
from competency_kit.pdf.metadata import w3c_date
from competency_kit.pdf.templating import Catalogue, LocalText, TemplateSet
from competency_kit.pdf.views import course_views, translation_note

GUIDE_TEMPLATE = "guide.html"
GUIDE_STYLESHEETS = ("fonts.css", "base.css", "guide.css")
MAIN_GAPS = 8
"""Findings shown on the coverage overview; the full list follows in its own section."""
HEADING_FONT = "fonts/NotoSans-Bold.ttf"
LABEL_FONT = "fonts/NotoSans-Regular.ttf"
CELL_PADDING_MM = 4.0 + 0.6
"""A cell's padding left and right (base.css), and a little room to spare."""


@dataclass(frozen=True)
class GuideOutput:
    path: Path
    fingerprint: str
    """Of everything that decided the PDF (empty for an HTML preview)."""
    rendered: bool
    """False when the guide there was current and was left as it was."""


def write_guide(
    framework: Framework,
    curriculum: Curriculum,
    report: GapReport | None,
    path: str | Path,
    lang: str = "en",
    templates: str | Path | None = None,
    profile: LocalProfile | None = None,
    html: bool = False,
    *,
    created: datetime | None = None,
    inputs: tuple[str | Path | None, ...] = (),
    progress: Callable[[str], None] | None = None,
    force: bool = False,
) -> GuideOutput:
    """Write the guide as PDF (or as standalone HTML with ``html=True``) to ``path``.

    ``report`` is the gap report of this curriculum (computed when None); ``templates`` is a
    folder whose files replace the built-in ones of the same name; ``inputs`` are the files the
    guide was made from, which ``path`` must not overwrite; ``progress`` hears each stage
    ("laying out the pages", "writing 42 pages") as it starts. A PDF whose fingerprint and
    bytes are those the folder's manifest recorded is left as it is, unless ``force``.
    """
    # Checked before the slow part too, so a mistyped -o is refused at once.
    refuse_inputs(path, inputs)
    target = Path(path)
    if report is None:
        report = analyse(framework, curriculum)
    template_set = TemplateSet.shared(templates)
    if progress is not None:
        progress("writing the sections")
    page = partial(render_guide_html, framework, curriculum, report, template_set, lang, profile)
    if html:
        write_text(target, page(created=created, inline_styles=True), inputs=inputs)
        return GuideOutput(target, "", rendered=True)
    stand_in = fingerprint_moment(created)
    manifest = Manifest.read(target.parent)
    sources = guide_sources(framework, curriculum, report, template_set, lang, profile, stand_in)
    known = None if force else manifest.current_fingerprint(target, sources)
    if known is not None:
        return GuideOutput(target, known, rendered=False)
    source, fingerprint = _fingerprinted(page, template_set, stand_in)
    if not force and manifest.is_current(target, fingerprint):
        manifest.record(target, fingerprint, sources)
        manifest.save()
        return GuideOutput(target, fingerprint, rendered=False)
    if stand_in != build_time(created):
        source = page(created=created)
    engine = engine_for(template_set, GUIDE_STYLESHEETS)
    with atomic_output(target, inputs=inputs) as tmp:
        engine.write_pdf(source, tmp, progress)
    manifest.record(target, fingerprint, sources)
    manifest.save()
    return GuideOutput(target, fingerprint, rendered=True)


def guide_sources(
    framework: Framework,
    curriculum: Curriculum,
    report: GapReport,
    templates: TemplateSet,
    lang: str,
    profile: LocalProfile | None,
    moment: datetime,
) -> str:
    """The fingerprint of what the guide is made from, quicker to take than its HTML."""
    data = [framework, curriculum, report, profile]
    return sources_fingerprint(
        [lang, moment.isoformat(), *(m.model_dump_json() if m else "" for m in data)], templates
    )


def guide_fingerprint(
    framework: Framework,
    curriculum: Curriculum,
    report: GapReport,
    lang: str = "en",
    templates: str | Path | None = None,
    profile: LocalProfile | None = None,
    *,
    created: datetime | None = None,
) -> str:
    """The fingerprint the guide's PDF would have, without rendering it."""
    template_set = TemplateSet.shared(templates)
    page = partial(render_guide_html, framework, curriculum, report, template_set, lang, profile)
    return _fingerprinted(page, template_set, fingerprint_moment(created))[1]


def _fingerprinted(
    page: Callable[..., str], templates: TemplateSet, moment: datetime
) -> tuple[str, str]:
    """The guide's HTML made at ``moment``, and the fingerprint of the PDF made from it."""
    source = page(created=moment)
    return source, document_fingerprint(source, resources_digest(templates))


def render_guide_html(
    framework: Framework,
    curriculum: Curriculum,
    report: GapReport,
    templates: TemplateSet,
    lang: str = "en",
    profile: LocalProfile | None = None,
    *,
    created: datetime | None = None,
    inline_styles: bool = False,
) -> str:
    """The guide's final HTML, exactly as WeasyPrint receives it (or, with ``inline_styles``,
    with the stylesheets and font paths written in, for a browser)."""
    tr = templates.catalogue(lang).for_framework(framework)
    moment = build_time(created)
    context = guide_context(framework, curriculum, report, tr, profile)
    context |= {
        "widths": column_widths(templates, tr),
        "t": tr,
        "lang": lang,
        "translation_note": translation_note(framework, tr),
        "created": w3c_date(moment),
        "date": moment.date().isoformat(),
        "inline_css": inline_stylesheets(templates, GUIDE_STYLESHEETS) if inline_styles else "",
    }
    return templates.render(GUIDE_TEMPLATE, context)


def guide_context(
    framework: Framework,
    curriculum: Curriculum,
    report: GapReport,
    tr: Catalogue,
    profile: LocalProfile | None,
) -> dict[str, Any]:
    findings = sorted(report.findings, key=lambda f: SEVERITIES.index(f.severity))
    return {
        "programme": curriculum.programme,
        "programme_lang": curriculum.programme.language,
        "framework": framework,
        "fw_title": tr.local(framework.title),
        "counts": framework_counts(framework),
        "summary": report.summary,
        "courses": course_views(framework, curriculum, tr),
        "charts": coverage_charts(framework, report, tr),
        "findings": (views := [finding_view(f, framework, curriculum, tr) for f in findings]),
        "finding_groups": group_by_rule(views),
        "main_gaps": MAIN_GAPS,
        "glossary": sorted(framework.glossary, key=lambda g: tr.text(g.term).casefold()),
        "profile": profile,
        "pathways": profile.pathways() if profile else [],
    }


def column_widths(templates: TemplateSet, tr: Catalogue) -> dict[str, float]:
    """Widths (mm) of the narrow table columns, each wide enough for its heading or its labels
    in this language, set as the stylesheets set them: module tables' depth and assessed
    headings (capitals, 7.5pt bold, letter-spaced 0.05em), the framework's dimension labels
    (capitals, 8.5pt, 0.04em)."""

    def fit(labels: list[str], font: str, size: float, tracking: float, least: float) -> float:
        path = templates.find(font)
        widest = max(
            label_width_mm(label, path, size, tracking_em=tracking, uppercase=True)
            for label in labels
        )
        return round(max(least, widest + CELL_PADDING_MM), 1)

    dimensions = [tr(f"dimensions.{d}") for d in DIMENSIONS]
    return {
        "depth": fit([tr("guide.courses.depth")], HEADING_FONT, 7.5, 0.05, 15),
        "assessed": fit([tr("common.assessed")], HEADING_FONT, 7.5, 0.05, 18),
        "dimension": fit(dimensions, LABEL_FONT, 8.5, 0.04, 24),
    }


def framework_counts(framework: Framework) -> dict[str, int]:
    statements = [s for _, _, s in framework.statements()]
    counts = {d: sum(s.dimension == d for s in statements) for d in DIMENSIONS}
    return counts | {
        "areas": len(framework.areas),
        "competencies": sum(1 for _ in framework.competencies()),
        "statements": len(statements),
    }


def finding_view(
    finding: Finding, framework: Framework, curriculum: Curriculum, tr: Catalogue
) -> dict[str, str]:
    return {
        "id": finding.id,
        "rule": finding.rule,
        "severity": finding.severity,
        "target": finding.target,
        "target_title": describe_target(finding.target, framework, curriculum, tr),
        "message": (sentence := tr.finding(finding, framework)),
        "shown": LocalText(without_target(sentence, finding.target), sentence.lang),
        "action": tr.get(f"guide.gaps.actions.{finding.rule}", "guide.gaps.actions.default"),
    }


def without_target(message: str, target: str) -> str:
    """The finding sentence as printed next to its id badge, without the id it starts with, so
    the reader does not see the id twice; the report keeps the whole sentence.

    "CP1.1-K1 is taught in HOS101-M2 but never assessed" → "is taught in HOS101-M2 but never
    assessed"; "Area CP8 (“Title”) covers 5 of 15" → "“Title” covers 5 of 15".
    """
    match = re.match(rf"(?P<kind>[^\W\d_]+ )?{re.escape(target)}(?![\w.-])\s*", message)
    if match is None or match.end() == len(message):
        return message
    rest = message[match.end() :]
    if match["kind"] and rest.startswith("(") and (close := _closing(rest)) is not None:
        # The title the id was followed by leads the sentence instead.
        inner = rest[1:close]
        rest = inner + ("," if "," in inner else "") + rest[close + 1 :]
    return rest


def _closing(text: str) -> int | None:
    """Where the parenthesis that opens ``text`` closes."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index
    return None


def group_by_rule(findings: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Findings of one rule together, under their shared recommended action; groups in the
    order of their most severe finding."""
    groups: dict[str, dict[str, Any]] = {}
    for finding in findings:
        group = groups.setdefault(finding["rule"], {"action": finding["action"], "items": []})
        group["items"].append(finding)
    return list(groups.values())


def describe_target(
    target: str, framework: Framework, curriculum: Curriculum, tr: Catalogue
) -> LocalText:
    """The title or text behind an id, so a reader needs no second document."""
    for area in framework.areas:
        if area.id == target:
            return tr.local(area.title)
        for competency in area.competencies:
            if competency.id == target:
                return tr.local(competency.title)
            for statement in competency.statements:
                if statement.id == target:
                    return tr.local(statement.text)
    own = curriculum.programme.language
    module = curriculum.module(target)
    if module is not None:
        return LocalText(module.title, own)
    course = next((c for c in curriculum.courses if c.id == target), None)
    return LocalText(course.title if course else "", own)


def inline_stylesheets(templates: TemplateSet, names: tuple[str, ...]) -> Markup:
    """The stylesheets' text for an HTML preview, with relative font paths made absolute."""
    parts = []
    for name in names:
        path = templates.find(name)
        text = path.read_text(encoding="utf-8")
        parts.append(text.replace('url("fonts/', f'url("{path.parent.as_uri()}/fonts/'))
    return Markup("\n".join(parts).replace("</", "<\\/"))
