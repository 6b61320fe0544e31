"""The gap rules. Each is a small class: an id, a title, a default severity, a message template
and a ``check`` that yields findings. Findings are made by ``Rule.finding`` only, so every id has
the same stable shape: ``rule:target`` (``rule:target:detail`` when one target can have several).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from competency_kit.analysis.coverage import Reach
from competency_kit.models.base import localize
from competency_kit.models.curriculum import DEPTH_NAMES, Curriculum, Depth, depth_rank
from competency_kit.models.framework import DIMENSIONS, Competency, Framework
from competency_kit.models.policy import (
    AreaCoverageSettings,
    MinimumHoursSettings,
    ProgressionSettings,
    RequiredDepthSettings,
    RuleSettings,
)
from competency_kit.models.report import Coverage, Finding, FindingSeverity, StatementResult


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at; rules never change it."""

    framework: Framework
    curriculum: Curriculum
    statements: dict[str, StatementResult]
    reaches: dict[str, list[Reach]]
    by_area: dict[str, Coverage]
    hours_given: frozenset[str]
    """Ids of the modules that state their hours."""
    texts: dict[str, str]
    """Statement id → its text in the framework's reference language."""


def _names(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: module lists as people write them."""
    shown = items[:5] + ([f"{len(items) - 5} more"] if len(items) > 5 else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


class Rule:
    id: ClassVar[str]
    title: ClassVar[str]
    default_severity: ClassVar[FindingSeverity]
    template: ClassVar[str]
    """The English sentence (the JSON report's); documents word it from the label catalogues'
    ``findings.messages.<rule id>``."""
    variants: ClassVar[dict[str, str]] = {}
    """English sentences of the rule's variants, worded under ``findings.messages.<id>.<variant>``."""

    def __init__(self, settings: RuleSettings) -> None:
        self.settings = settings

    @property
    def severity(self) -> FindingSeverity:
        return self.settings.severity or self.default_severity

    def finding(
        self, target: str, detail: str | None = None, variant: str | None = None, **params: Any
    ) -> Finding:
        """A finding of this rule about ``target``; ``variant`` names another sentence for a
        variant of the same problem. ``params`` stay language-neutral (codes, ids, numbers)."""
        finding_id = f"{self.id}:{target}" + (f":{detail}" if detail else "")
        template = self.variants[variant] if variant else self.template
        return Finding(
            id=finding_id,
            rule=self.id,
            title=self.title,
            severity=self.severity,
            target=target,
            message=template.format(target=target, **english_values(params)),
            message_code=f"{self.id}.{variant}" if variant else self.id,
            params=params,
        )

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


def english_values(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the English sentences show them: module lists joined, depth codes named."""
    shown = dict(params)
    if isinstance(shown.get("modules"), list):
        shown["modules"] = _names(shown["modules"])
    for key in ("depth", "required"):
        if key in shown:
            shown[key] = DEPTH_NAMES[shown[key]]
    return shown


class UncoveredStatement(Rule):
    id = "uncovered-statement"
    title = "Statement not taught"
    default_severity = "high"
    template = "{target} ({dimension}) is not taught by any module: “{text}”"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for s in ctx.statements.values():
            if s.max_depth is None:
                yield self.finding(s.id, dimension=s.dimension, text=ctx.texts[s.id])


class MissingDimension(Rule):
    id = "missing-dimension"
    title = "Competency taught without one of its dimensions"
    default_severity = "medium"
    template = (
        "Competency {target} is taught, but no module teaches its {dimension} "
        "statements ({statements})"
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        # A competency not taught at all is already reported statement by statement.
        for _, competency in ctx.framework.competencies():
            results = [ctx.statements[s.id] for s in competency.statements]
            if not any(r.max_depth for r in results):
                continue
            for dimension in DIMENSIONS:
                group = [r.id for r in results if r.dimension == dimension]
                if group and not any(ctx.statements[sid].max_depth for sid in group):
                    yield self.finding(
                        competency.id, dimension, dimension=dimension, statements=", ".join(group)
                    )


class NeverAssessed(Rule):
    id = "never-assessed"
    title = "Taught but never assessed"
    default_severity = "medium"
    template = "{target} is taught in {modules} but never assessed"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for s in ctx.statements.values():
            if s.max_depth is not None and not s.assessed:
                yield self.finding(s.id, modules=list(s.modules))


class NotReinforced(Rule):
    id = "not-reinforced"
    title = "Introduced but never reinforced or mastered"
    default_severity = "low"
    template = "{target} is only introduced (in {modules}); no module reinforces or masters it"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for s in ctx.statements.values():
            if s.max_depth == "I":
                yield self.finding(s.id, modules=list(s.modules))


class ProgressionOrder(Rule):
    id = "progression-order"
    title = "Reinforced or mastered before it is introduced"
    default_severity = "medium"
    template = "{target} is {depth} in {early} before it is introduced in {intro}"
    variants: ClassVar[dict[str, str]] = {
        "never-introduced": "{target} is {depth} in {early} but no module introduces it"
    }
    settings: ProgressionSettings

    def check(self, ctx: Context) -> Iterator[Finding]:
        for sid, reaches in ctx.reaches.items():
            intro = next((r for r in reaches if "I" in r.depths), None)
            early = next((r for r in reaches if r.depths - {"I"}), None)
            if early is None:
                continue
            depth = max(early.depths - {"I"}, key=depth_rank)
            if intro is not None and early.order < intro.order:
                yield self.finding(sid, depth=depth, early=early.module, intro=intro.module)
            elif intro is None and self.settings.require_introduction:
                yield self.finding(sid, variant="never-introduced", depth=depth, early=early.module)


class MasteredUnassessed(Rule):
    id = "mastered-unassessed"
    title = "Mastered without assessment"
    default_severity = "medium"
    template = "{target} is mastered in {modules} without being assessed there"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for sid, reaches in ctx.reaches.items():
            mastered = [r for r in reaches if "M" in r.depths]
            if mastered and not any("M" in r.assessed_depths for r in mastered):
                yield self.finding(sid, modules=[r.module for r in mastered])


class UnmappedModule(Rule):
    id = "unmapped-module"
    title = "Module mapped to nothing"
    default_severity = "low"
    template = "Module {target} (“{title}”, course {course}) maps to no statement or competency"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for course, module in ctx.curriculum.modules():
            if not module.maps:
                yield self.finding(module.id, title=module.title, course=course.id)


class AreaCoverage(Rule):
    id = "area-coverage"
    title = "Area below the coverage threshold"
    default_severity = "high"
    template = (
        "Area {target} (“{title}”) covers {covered} of {total} statements ({ratio:.0%}), "
        "below the threshold of {threshold:.0%}"
    )
    settings: AreaCoverageSettings

    def check(self, ctx: Context) -> Iterator[Finding]:
        reference = ctx.framework.reference_language
        for area in ctx.framework.areas:
            cov = ctx.by_area[area.id]
            if cov.total and cov.ratio < self.settings.threshold:
                yield self.finding(
                    area.id,
                    title=localize(area.title, reference, reference),
                    covered=cov.covered,
                    total=cov.total,
                    ratio=cov.ratio,
                    threshold=self.settings.threshold,
                )


class MinimumHours(Rule):
    id = "minimum-hours"
    title = "Too few hours"
    default_severity = "low"
    template = (
        "{target} gets {hours:g} hours of teaching (in {modules}), below the minimum of "
        "{min_hours:g}"
    )
    settings: MinimumHoursSettings

    def check(self, ctx: Context) -> Iterator[Finding]:
        for s in ctx.statements.values():
            # Judged only where a module reaching it states its hours; uncovered statements
            # are reported by their own rule.
            if not s.modules or ctx.hours_given.isdisjoint(s.modules):
                continue
            if s.hours < self.settings.min_hours:
                yield self.finding(
                    s.id,
                    hours=s.hours,
                    modules=list(s.modules),
                    min_hours=self.settings.min_hours,
                )


class RequiredDepth(Rule):
    id = "required-depth"
    title = "Required depth not reached"
    default_severity = "high"
    template = (
        "{target} reaches only “{depth}” but the programme level '{reason}' requires “{required}”"
    )
    variants: ClassVar[dict[str, str]] = {
        "audience": "{target} reaches only “{depth}” but the programme audience '{reason}' "
        "requires “{required}”"
    }
    settings: RequiredDepthSettings

    def check(self, ctx: Context) -> Iterator[Finding]:
        for _, competency in ctx.framework.competencies():
            required, kind, reason = self._required(ctx, competency)
            if required is None:
                continue
            for statement in competency.statements:
                result = ctx.statements[statement.id]
                # Statements not taught at all are reported by uncovered-statement.
                if result.max_depth and depth_rank(result.max_depth) < depth_rank(required):
                    yield self.finding(
                        statement.id,
                        variant=None if kind == "level" else kind,
                        depth=result.max_depth,
                        required=required,
                        reason=reason,
                    )

    def _required(self, ctx: Context, competency: Competency) -> tuple[Depth | None, str, str]:
        """The deepest depth the programme's level and audiences ask of this competency, what
        asks it (``level`` or ``audience``) and its id."""
        programme = ctx.curriculum.programme
        demands: list[tuple[Depth, str, str]] = []
        level_ids = [level.id for level in ctx.framework.levels]
        level = programme.level
        if level in self.settings.levels and level in level_ids:
            in_scope = competency.level is None or (
                competency.level in level_ids
                and level_ids.index(competency.level) <= level_ids.index(level)
            )
            if in_scope:
                demands.append((self.settings.levels[level], "level", level))
        for audience in programme.audiences:
            if audience in self.settings.audiences and audience in competency.audiences:
                demands.append((self.settings.audiences[audience], "audience", audience))
        if not demands:
            return None, "", ""
        return max(demands, key=lambda d: depth_rank(d[0]))


RULES: tuple[type[Rule], ...] = (
    UncoveredStatement,
    MissingDimension,
    NeverAssessed,
    NotReinforced,
    ProgressionOrder,
    MasteredUnassessed,
    UnmappedModule,
    AreaCoverage,
    MinimumHours,
    RequiredDepth,
)
"""Every rule, in the order findings of equal severity are listed."""
