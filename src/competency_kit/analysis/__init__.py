"""Gap analysis: pure functions from a framework and a curriculum to a report."""

from competency_kit.analysis.engine import analyse
from competency_kit.analysis.rules import RULES, Rule
from competency_kit.models.policy import Policy

__all__ = ["RULES", "Policy", "Rule", "analyse"]
