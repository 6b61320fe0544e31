"""CASE rubrics (``CFRubrics``) as proficiency levels and notes.

A rubric's criterion names one item and describes it at each of its levels (``quality``, in
``position`` order). When every criterion uses the same levels, those become the framework's
proficiency levels (if it has none of its own); each criterion's descriptions go into the notes
of the item it names. Scores and weights have no place in a framework and are reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from competency_kit.interop.texts import html_paragraphs, looks_like_html
from competency_kit.interop.tree import ImportReport


@dataclass
class Rubrics:
    levels: list[str] = field(default_factory=list)
    """The level names every criterion shares, lowest first; empty when they differ."""
    notes: dict[str, list[str]] = field(default_factory=dict)
    """Item identifier → paragraphs describing it at each level."""


def rubric_levels(
    rubrics: Any,
    items: dict[str, Any],
    label: Callable[[str], str],
    report: ImportReport,
) -> Rubrics:
    found = Rubrics()
    scales: set[tuple[str, ...]] = set()
    for rubric in rubrics if isinstance(rubrics, list) else []:
        if not isinstance(rubric, dict):
            continue
        title = _plain(rubric.get("title")) or _plain(rubric.get("identifier")) or "rubric"
        criteria = [c for c in rubric.get("CFRubricCriteria") or [] if isinstance(c, dict)]
        if not criteria:
            report.drop("rubrics without criteria", f"rubric {title}")
        for criterion in criteria:
            levels = _levels(criterion)
            scales.add(tuple(quality for quality, _ in levels))
            item = _ident(criterion.get("CFItemURI"))
            if item not in items:
                report.drop("rubric criteria that name no item of this package", f"rubric {title}")
                continue
            found.notes.setdefault(item, []).append(_paragraph(title, criterion, levels))
            report.adjust("rubric descriptions kept in the notes of their item", label(item))
            if any(_has(criterion, key) for key in ("weight",)) or any(
                _has(level, "score") for level in criterion.get("CFRubricCriterionLevels") or []
            ):
                report.drop("rubric scores and weights", label(item))
    if len(scales) == 1:
        (scale,) = scales
        if scale and all(scale) and len(set(scale)) == len(scale):
            found.levels = list(scale)
    return found


def _levels(criterion: dict[str, Any]) -> list[tuple[str, str]]:
    """(quality, description) of each level of the criterion, lowest position first."""
    entries = [e for e in criterion.get("CFRubricCriterionLevels") or [] if isinstance(e, dict)]
    entries.sort(key=lambda e: e["position"] if isinstance(e.get("position"), int) else 0)
    levels = []
    for entry in entries:
        description = _plain(entry.get("description"))
        feedback = _plain(entry.get("feedback"))
        if feedback:
            description = f"{description} ({feedback})" if description else feedback
        levels.append((_plain(entry.get("quality")), description))
    return levels


def _paragraph(title: str, criterion: dict[str, Any], levels: list[tuple[str, str]]) -> str:
    about = _plain(criterion.get("category")) or _plain(criterion.get("description"))
    lines = [f"Rubric {title}" + (f" — {about}" if about else "") + ":"]
    lines += [f"- {quality or '?'}: {text}" for quality, text in levels if quality or text]
    return "\n".join(lines)


def _plain(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str | int | float) else ""
    return " ".join(html_paragraphs(text)) if looks_like_html(text) else text


def _has(entity: Any, key: str) -> bool:
    return isinstance(entity, dict) and entity.get(key) not in (None, "", [])


def _ident(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("identifier")
    return str(value).strip().lower() if value is not None else ""
