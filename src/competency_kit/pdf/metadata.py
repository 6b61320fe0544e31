"""How dates are written into document metadata."""

from __future__ import annotations

from datetime import UTC, datetime

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for screen readers (PDF/UA-1); costs no rendering time."""


def w3c_date(moment: datetime) -> str:
    """``2024-05-01T12:00:00Z``: the form WeasyPrint reads from ``<meta name=dcterms.created>``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
