"""Gap analysis: pure functions from a framework and a curriculum to a report."""

from .engine import analyse
from .policy import Policy
from .rules import RULES, Rule

__all__ = ["RULES", "Policy", "Rule", "analyse"]
