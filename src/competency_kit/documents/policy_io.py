"""Reading a review policy file (``gap --policy``), with every problem placed by line."""

from __future__ import annotations

from pathlib import Path

from competency_kit.core.errors import InputError, Problem
from competency_kit.documents.sources import Document, load_document
from competency_kit.documents.validation import problem_at, top_level_mapping, validate_document
from competency_kit.models.framework import Framework
from competency_kit.models.policy import Policy


def load_policy(path: str | Path, framework: Framework | None = None) -> Policy:
    """The policy in ``path``; with ``framework``, level and audience names are checked too.
    Raises InputError listing every problem with its line."""
    doc = load_document(path, "policy")
    if doc.data is not None:
        top_level_mapping(
            doc,
            "the top level must be a mapping starting with 'rules:'",
            "start the file with 'rules:'",
            code="policy.not-a-mapping",
            kind="policy",
        )
    policy, problems = validate_document(doc, Policy, doc.data or {})
    if policy is not None and framework is not None:
        problems.extend(_unknown_names(doc, policy, framework))
    if problems or policy is None:
        raise InputError(problems)
    return policy


def _unknown_names(doc: Document, policy: Policy, framework: Framework) -> list[Problem]:
    """Level and audience names of the required-depth rule must exist in the framework."""
    settings = policy.rules.required_depth
    known = {
        "levels": [lv.id for lv in framework.levels],
        "audiences": [a.id for a in framework.audiences],
    }
    rule_key = _rule_key(doc, "required-depth")
    problems = []
    for kind, names in (("levels", settings.levels), ("audiences", settings.audiences)):
        field_given = rule_key is not None and kind in (doc.data["rules"][rule_key] or {})
        for name in names:
            if name in known[kind] or not field_given:
                continue
            problems.append(
                problem_at(
                    doc,
                    ("rules", rule_key or "required-depth", kind, name),
                    f"the framework has no {kind[:-1]} '{name}'",
                    f"use one of: {', '.join(known[kind]) or 'none'}",
                    name,
                    code="policy.unknown-item",
                )
            )
    return problems


def _rule_key(doc: Document, rule_id: str) -> str | None:
    rules = doc.data.get("rules") if isinstance(doc.data, dict) else None
    if not isinstance(rules, dict):
        return None
    for key in (rule_id, rule_id.replace("-", "_")):
        if key in rules:
            return key
    return None
