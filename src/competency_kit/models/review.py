"""Reviewer decisions on gap findings, as read from a gap workbook (``competency-kit review``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from competency_kit.models.base import StrictModel

ReviewStatus = Literal["Open", "Accepted", "Action planned", "Resolved", "Not applicable"]
STATUSES: tuple[ReviewStatus, ...] = (
    "Open",
    "Accepted",
    "Action planned",
    "Resolved",
    "Not applicable",
)


class Decision(StrictModel):
    """What a reviewer recorded about one finding."""

    finding: str = Field(min_length=1)
    """The finding id (``rule:target``) the decision belongs to."""
    status: ReviewStatus = "Open"
    action: str | None = None
    owner: str | None = None
    due: dt.date | None = Field(default=None, strict=False)
    """Due date; ``2026-03-31`` in YAML."""
    comment: str | None = None
    about: str | None = None
    """The finding's message when the decision was recorded, so the file reads on its own."""

    def has_content(self) -> bool:
        """More than an untouched row: a status other than Open, or anything written."""
        return self.status != "Open" or any((self.action, self.owner, self.due, self.comment))


class Review(StrictModel):
    """A review file: every decision, keyed by finding id."""

    source: str | None = None
    """The workbook the decisions were read from."""
    decisions: list[Decision] = Field(default_factory=list)

    def by_finding(self) -> dict[str, Decision]:
        return {d.finding: d for d in self.decisions}
