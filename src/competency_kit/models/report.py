"""The gap report: what a curriculum covers of a framework, and what it fails to.

This is the JSON contract of ``competency-kit gap --json`` (keys fixed in the design):
``summary.coverage``, ``statements[]`` and ``findings[]``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from competency_kit.models.base import StrictModel
from competency_kit.models.curriculum import Depth
from competency_kit.models.framework import Dimension

FindingSeverity = Literal["high", "medium", "low"]
SEVERITIES: tuple[FindingSeverity, ...] = ("high", "medium", "low")
DepthOrNone = Literal["none", "I", "R", "M"]
FindingParam = str | int | float | list[str]
"""A value a finding sentence is made from: an id, a code (depth ``R``, dimension ``skill``), a
number, or a list of module ids."""


class Coverage(StrictModel):
    """Covered statements out of all statements of a group."""

    covered: int = Field(ge=0)
    total: int = Field(ge=0)
    ratio: float = Field(ge=0, le=1)
    """covered / total (0 when the group has no statements)."""
    hours: float = 0
    """Hours of exposure: the hours of every module reaching the group, each module once."""


class Summary(StrictModel):
    coverage: float = Field(ge=0, le=1)
    """Covered statements / all statements."""
    statements_total: int
    statements_covered: int
    statements_assessed: int
    modules_total: int
    hours_total: float
    by_area: dict[str, Coverage]
    by_competency: dict[str, Coverage]
    by_dimension: dict[Dimension, Coverage]
    by_depth: dict[DepthOrNone, int]
    """How many statements reach each highest depth (``none`` = not covered)."""
    findings_by_severity: dict[FindingSeverity, int]


class StatementResult(StrictModel):
    id: str
    competency: str
    area: str
    dimension: Dimension
    max_depth: Depth | None
    assessed: bool
    modules: list[str]
    """Ids of the modules that reach it, in teaching order."""
    hours: float
    """Sum of those modules' hours, each module once."""


class Finding(StrictModel):
    id: str
    """Stable across runs: ``rule:target`` (plus ``:detail`` where one target can have several
    findings of a rule), so reviewer decisions attach to it."""
    rule: str
    title: str
    """The rule's title, for people reading the report."""
    severity: FindingSeverity
    target: str
    message: str
    """The finding sentence in English (documents word it in their own language from
    ``message_code`` and ``params``)."""
    message_code: str
    """Which sentence: the rule id, or ``rule.variant`` (``progression-order.never-introduced``);
    the label catalogues word it under ``findings.messages``."""
    params: dict[str, FindingParam]
    """The values of the sentence, language-neutral: ids, depth and dimension codes, numbers,
    module id lists."""


class ReportSource(StrictModel):
    id: str
    title: str
    version: str | None = None


class GapReport(StrictModel):
    framework: ReportSource
    programme: ReportSource
    rules: list[str]
    """Ids of the rules that ran (the policy can switch rules off)."""
    summary: Summary
    statements: list[StatementResult]
    findings: list[Finding]
