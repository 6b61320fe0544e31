"""Document metadata that stays the same from one build to the next."""

from __future__ import annotations

from datetime import UTC, datetime

from ..timestamps import build_time


def creation_date(now: datetime | None = None) -> datetime:
    """The date written into documents: ``SOURCE_DATE_EPOCH`` when set (reproducible builds),
    otherwise the moment of the run, to the second, in UTC."""
    return build_time(now)


def w3c_date(moment: datetime) -> str:
    """``2024-05-01T12:00:00Z``: the form WeasyPrint reads from ``<meta name=dcterms.created>``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
