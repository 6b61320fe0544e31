"""Small helpers for messages people read."""

from __future__ import annotations


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``1 error``, ``2 errors``, ``1 course``, ``3 courses``."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"
