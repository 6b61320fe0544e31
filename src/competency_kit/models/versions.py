"""What changed between two versions of a framework, and how a curriculum was carried over:
the data ``framework diff`` and ``migrate`` report (the same as their JSON)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from competency_kit.models.base import StrictModel
from competency_kit.models.curriculum import Depth

Bump = Literal["major", "minor", "patch", "none"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
"""Smallest first."""

ChangeKind = Literal[
    "added", "retired", "removed", "replaced", "split", "merged", "moved", "reworded", "changed"
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "added",
    "retired",
    "removed",
    "replaced",
    "split",
    "merged",
    "moved",
    "reworded",
    "changed",
)
"""Report order."""

ChangedItem = Literal["area", "competency", "statement", "level", "audience", "glossary"]


class Change(StrictModel):
    """One change between the two versions."""

    kind: ChangeKind
    item: ChangedItem
    id: str
    """The item's id (a glossary term's English wording)."""
    old_ids: list[str] = Field(default_factory=list)
    """What it takes the place of (merged, replaced)."""
    new_ids: list[str] = Field(default_factory=list)
    """What takes its place (split, replaced)."""
    field: str | None = None
    """The field that changed (reworded, changed, moved: ``parent``)."""
    before: str | None = None
    after: str | None = None
    stale_languages: list[str] = Field(default_factory=list)
    """Reworded: translations left as they were, so now out of date."""
    bump: Bump
    """The version step this change alone calls for."""


class FrameworkDiff(StrictModel):
    framework: str
    old_version: str
    new_version: str
    suggested_bump: Bump
    """major when meaning changed or items left, minor when only added, patch for wording."""
    version_bump: Bump | None
    """The step the version numbers take (None when they are not x.y.z numbers)."""
    changes: list[Change] = Field(default_factory=list)

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


Outcome = Literal["unchanged", "re-pointed", "split", "merged", "removed"]


class MappingMove(StrictModel):
    """What happened to one mapping of one module."""

    course: str
    module: str
    old: str
    new: list[str] = Field(default_factory=list)
    outcome: Outcome
    depth: Depth
    decided: bool = False
    """A split decided by a person (a decisions workbook), not by the default (every successor)."""


class ModuleMigration(StrictModel):
    """Counts per module, in the terms of Moodle's migration tool."""

    course: str
    module: str
    expected: int
    """Mappings the module had."""
    migrated: int
    """Mappings carried to the new version (unchanged or re-pointed)."""
    removed: int
    """Mappings to items with no successor, or that a person chose to drop."""
    to_review: int
    """Splits mapped to every successor by default, for a person to check."""


class MigrationReport(StrictModel):
    framework: str
    from_version: str
    to_version: str
    expected: int
    migrated: int
    removed: int
    unchanged: int
    to_review: int
    modules: list[ModuleMigration] = Field(default_factory=list)
    moves: list[MappingMove] = Field(default_factory=list)
    """Every mapping that did not stay as it was, in teaching order."""
    missing: list[str] = Field(default_factory=list)
    """Ids the curriculum mapped that have no successor in the new version."""
