"""Finding sentences worded in a language, from the label catalogues.

The analysis gives each finding a ``message_code`` and language-neutral ``params`` (ids, depth and
dimension codes, numbers, module lists); this module words them with a catalogue's labels
(``findings.messages.<code>``, ``findings.depths``, ``findings.dimensions``, ``findings.and``)
and the framework's texts in that language. Pure: the labels come in as a mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from competency_kit.models.base import localize
from competency_kit.models.framework import Framework
from competency_kit.models.report import Finding

SHOWN_MODULES = 5
"""Modules named in a sentence; the rest are counted ("and 3 more")."""


def message_key(finding: Finding) -> str:
    return f"findings.messages.{finding.message_code}"


def finding_sentence(
    finding: Finding, labels: Mapping[str, Any], framework: Framework, lang: str
) -> str | None:
    """The sentence of ``finding`` in the catalogue ``labels`` (flat keys), with the
    framework's texts in ``lang``; None when the catalogue has no wording for it."""
    template = labels.get(message_key(finding))
    if not isinstance(template, str):
        return None
    values = _worded(finding, labels, framework, lang)
    try:
        return template.format(target=finding.target, **values)
    except (KeyError, IndexError, ValueError):
        # A catalogue with a mistyped placeholder: the English sentence stays readable.
        return None


def _worded(
    finding: Finding, labels: Mapping[str, Any], framework: Framework, lang: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in finding.params.items():
        if key == "modules" and isinstance(value, list):
            values[key] = join_names(value, labels)
        elif key in ("depth", "required"):
            values[key] = labels.get(f"findings.depths.{value}", value)
        elif key == "dimension":
            values[key] = labels.get(f"findings.dimensions.{value}", value)
        elif key in ("ratio", "threshold") and isinstance(value, int | float):
            values[key] = str(labels.get("findings.percent", "{value}%")).format(
                value=round(value * 100)
            )
        elif isinstance(value, float):
            values[key] = f"{value:g}"
        else:
            values[key] = value
    values |= _framework_texts(finding, framework, lang)
    return values


def _framework_texts(finding: Finding, framework: Framework, lang: str) -> dict[str, str]:
    """The statement text or area title a sentence quotes, in ``lang``."""
    reference = framework.reference_language
    if "text" in finding.params:
        statement = framework.statements_by_id.get(finding.target)
        if statement is not None:
            return {"text": localize(statement.text, lang, reference)}
    if finding.rule == "area-coverage":
        for area in framework.areas:
            if area.id == finding.target:
                return {"title": localize(area.title, lang, reference)}
    return {}


def join_names(items: list[str], labels: Mapping[str, Any]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in the catalogue's language; past five, the rest are
    counted."""
    and_word = labels.get("findings.and", "and")
    shown = items[:SHOWN_MODULES]
    if len(items) > SHOWN_MODULES:
        more = labels.get("findings.more", "{count} more")
        shown = [*shown, str(more).format(count=len(items) - SHOWN_MODULES)]
    if not shown:
        return ""
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f" {and_word} " + shown[-1]
