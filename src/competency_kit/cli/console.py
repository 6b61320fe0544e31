"""Printing results and problems for people."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from competency_kit.cli.hints import as_given, hint
from competency_kit.cli.wording import count

if TYPE_CHECKING:
    from competency_kit.core.errors import Problem

SHOWN_PER_KIND = 30
"""Problems of one kind listed before "and 120 more like this"."""
SHOW_ALL = False
"""Set by --all-problems."""


def info(message: str) -> None:
    print(message, file=sys.stderr)


def report_problems(problems: Iterable[Problem], *, tally: bool = True) -> None:
    """Every problem on stderr, errors first, each file in reading order (a workbook's in the
    order its reader gave: sheet by sheet, then row and column), at most SHOWN_PER_KIND of
    one kind (unless --all-problems), then a count."""
    items = sorted(problems, key=_reading_order)
    shown: Counter[str] = Counter()
    for problem in items:
        shown[problem.code] += 1
        if shown[problem.code] > SHOWN_PER_KIND and not SHOW_ALL:
            continue
        print(str(as_given(problem)), file=sys.stderr)
        if how := hint(problem):
            print(f"    how: {how}", file=sys.stderr)
    for code, number in shown.items():
        hidden = number - SHOWN_PER_KIND
        if hidden > 0 and not SHOW_ALL:
            print(
                f"... and {hidden} more like this ({code}); add --all-problems to the "
                "command to list them all",
                file=sys.stderr,
            )
    errors = sum(p.severity == "error" for p in items)
    warnings = len(items) - errors
    if tally and (errors or warnings):
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


def show_notes(notes: Iterable[Problem]) -> None:
    """Warnings of a task that succeeded, listed like problems (without a tally: the task's
    own line follows)."""
    report_problems(notes, tally=False)


def _reading_order(problem: Problem) -> tuple[bool, str, int, int]:
    """Text problems by line and column; a workbook's problems keep their reader's order
    (a stable sort), which is sheet by sheet, then by row and column as numbers."""
    return (problem.severity != "error", problem.file, problem.line or 0, problem.column or 0)
