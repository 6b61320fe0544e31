"""Printing results and problems for people."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..errors import Problem


def info(message: str) -> None:
    print(message, file=sys.stderr)


def report_problems(problems: Iterable[Problem]) -> None:
    """Every problem on stderr, errors first, then a count."""
    items = sorted(problems, key=lambda p: p.severity != "error")
    for problem in items:
        print(str(problem), file=sys.stderr)
    errors = sum(p.severity == "error" for p in items)
    warnings = len(items) - errors
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
