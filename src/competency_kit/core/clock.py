"""The one clock every output reads: ``SOURCE_DATE_EPOCH`` when set, so that the same inputs
give byte-identical files (reviewers diff versions), otherwise the time of the run."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def source_date() -> datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names (UTC), or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return None


def build_time(now: datetime | None = None) -> datetime:
    """``SOURCE_DATE_EPOCH``, otherwise the moment of the run to the second, in UTC."""
    fixed = source_date()
    if fixed is not None:
        return fixed
    return (now or datetime.now(tz=UTC)).astimezone(UTC).replace(microsecond=0)
