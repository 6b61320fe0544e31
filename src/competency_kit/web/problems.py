"""Problems as the web shows them: the JSON every API answer uses, the user's own file names
instead of the server's folders, and groups by file and sheet for a page."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from competency_kit.core.errors import Problem
from competency_kit.web.sessions import Stored


def renamed(problems: Iterable[Problem], files: Iterable[Stored | None]) -> list[Problem]:
    """``problems`` with every stored path replaced by the name the user knows the file by
    (the server's folders are nobody's business)."""
    given = [f for f in files if f is not None]
    names = [(str(f.path), f.name) for f in given]
    names += [(str(f.path.parent) + "/", "") for f in given]

    def swap(text: str) -> str:
        for path, name in names:
            text = text.replace(path, name)
        return text

    return [
        dataclasses.replace(p, file=swap(p.file), message=swap(p.message), fix=swap(p.fix))
        for p in problems
    ]


def place(problem: Problem) -> str | None:
    """``12`` or ``12:5`` for a line (and column), ``Mapping!D7`` for a cell, else None."""
    if problem.cell:
        return problem.cell
    if problem.line is not None:
        return (
            f"{problem.line}:{problem.column}" if problem.column is not None else str(problem.line)
        )
    return None


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "severity": problem.severity,
        "file": problem.file,
        "place": place(problem),
        "field": problem.field,
        "value": _json_value(problem.value),
        "message": problem.message,
        "fix": problem.fix,
    }


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def sheet_of(problem: Problem) -> str:
    """The sheet a workbook problem is on ("" for text files and whole-file problems)."""
    return problem.cell.split("!", 1)[0] if problem.cell and "!" in problem.cell else ""


def grouped(problems: Iterable[Problem]) -> list[tuple[str, str, list[Problem]]]:
    """(file, sheet, problems) in reading order: errors first within each group."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, sheet_of(problem)), []).append(problem)
    return [
        (file, sheet, sorted(items, key=_reading_order)) for (file, sheet), items in groups.items()
    ]


def _reading_order(problem: Problem) -> tuple[bool, int, int, str]:
    return (problem.severity != "error", problem.line or 0, problem.column or 0, problem.cell or "")
