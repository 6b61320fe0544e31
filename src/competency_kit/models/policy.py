"""The review policy: which gap rules run, how severe their findings are, and their thresholds.

Every field has a default, so an empty policy (or none) means "the documented defaults"
(docs/policy.md). Keys are the rule ids; the underscore spelling is accepted too.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from competency_kit.models.base import StrictModel
from competency_kit.models.curriculum import Depth
from competency_kit.models.report import FindingSeverity


class RuleSettings(StrictModel):
    """Settings every rule has: switch it off, or change the severity of its findings."""

    enabled: bool = True
    severity: FindingSeverity | None = None
    """None keeps the rule's own default severity."""


class ProgressionSettings(RuleSettings):
    require_introduction: bool = False
    """Also report statements reinforced or mastered but never introduced at all."""


class AreaCoverageSettings(RuleSettings):
    threshold: float = Field(default=0.5, ge=0, le=1)
    """Smallest share of an area's statements the programme must cover (0.5 = half)."""


class MinimumHoursSettings(RuleSettings):
    min_hours: float = Field(default=2, ge=0)
    """Fewest hours of teaching a covered statement should get."""


DEFAULT_LEVEL_DEPTHS: dict[str, Depth] = {"foundation": "I", "intermediate": "R", "advanced": "M"}


class RequiredDepthSettings(RuleSettings):
    levels: dict[str, Depth] = Field(default_factory=lambda: dict(DEFAULT_LEVEL_DEPTHS))
    """Programme level → depth every competency at or below that level must reach."""
    audiences: dict[str, Depth] = Field(default_factory=dict)
    """Programme audience → depth every competency meant for that audience must reach."""


class PolicyRules(StrictModel):
    model_config = ConfigDict(populate_by_name=True)

    uncovered_statement: RuleSettings = Field(
        default_factory=RuleSettings, alias="uncovered-statement"
    )
    missing_dimension: RuleSettings = Field(default_factory=RuleSettings, alias="missing-dimension")
    never_assessed: RuleSettings = Field(default_factory=RuleSettings, alias="never-assessed")
    not_reinforced: RuleSettings = Field(default_factory=RuleSettings, alias="not-reinforced")
    progression_order: ProgressionSettings = Field(
        default_factory=ProgressionSettings, alias="progression-order"
    )
    mastered_unassessed: RuleSettings = Field(
        default_factory=RuleSettings, alias="mastered-unassessed"
    )
    unmapped_module: RuleSettings = Field(default_factory=RuleSettings, alias="unmapped-module")
    area_coverage: AreaCoverageSettings = Field(
        default_factory=AreaCoverageSettings, alias="area-coverage"
    )
    minimum_hours: MinimumHoursSettings = Field(
        default_factory=MinimumHoursSettings, alias="minimum-hours"
    )
    required_depth: RequiredDepthSettings = Field(
        default_factory=RequiredDepthSettings, alias="required-depth"
    )

    def settings(self, rule_id: str) -> RuleSettings:
        setting: RuleSettings = getattr(self, rule_id.replace("-", "_"))
        return setting


class Policy(StrictModel):
    """A policy file: ``rules:`` with one entry per rule to change; the rest keep defaults."""

    rules: PolicyRules = Field(default_factory=PolicyRules)
