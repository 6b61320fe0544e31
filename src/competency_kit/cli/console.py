"""Printing results and problems for people."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from competency_kit.cli.hints import as_given, hint
from competency_kit.cli.wording import count

if TYPE_CHECKING:
    from competency_kit.core.errors import Problem


def info(message: str) -> None:
    print(message, file=sys.stderr)


def report_problems(problems: Iterable[Problem]) -> None:
    """Every problem on stderr, errors first, each group in file order, then a count."""
    items = sorted(problems, key=_reading_order)
    for problem in items:
        print(str(as_given(problem)), file=sys.stderr)
        if how := hint(problem):
            print(f"    how: {how}", file=sys.stderr)
    errors = sum(p.severity == "error" for p in items)
    warnings = len(items) - errors
    if errors or warnings:
        print(f"{count(errors, 'error')}, {count(warnings, 'warning')}", file=sys.stderr)


def summarise_warnings(warnings: Iterable[Problem], examples: int = 3) -> None:
    """Warnings on stderr by kind (problem code): how many, and the first few in file order."""
    groups: dict[str, list[Problem]] = {}
    for problem in sorted(warnings, key=_reading_order):
        groups.setdefault(problem.code, []).append(problem)
    for code, problems in sorted(groups.items(), key=lambda item: -len(item[1])):
        print(f"{count(len(problems), 'warning')} {code}, e.g.:", file=sys.stderr)
        for problem in problems[:examples]:
            print(f"  {as_given(problem)}".replace("\n", "\n  "), file=sys.stderr)
        if len(problems) > examples:
            print(f"  … and {len(problems) - examples} more", file=sys.stderr)
    total = sum(len(problems) for problems in groups.values())
    if total:
        print(f"{count(total, 'warning')} of {count(len(groups), 'kind')}", file=sys.stderr)


def _reading_order(problem: Problem) -> tuple[bool, str, int, int, str]:
    return (
        problem.severity != "error",
        problem.file,
        problem.line or 0,
        problem.column or 0,
        problem.cell or "",
    )
