"""User errors as data: every problem knows its file, place, field, bad value and fix.

Exceptions never print themselves; the CLI formats them. ``InputError`` is the user's to fix
(exit code 2); anything else escaping the library is a bug.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, at one place."""

    file: str
    message: str
    fix: str = ""
    line: int | None = None
    column: int | None = None
    cell: str | None = None
    """Spreadsheet place as ``Sheet!B7``, used instead of line/column for workbooks."""
    field: str = ""
    value: Any = None
    severity: Severity = "error"
    code: str = dataclasses.field(kw_only=True)
    """Stable name of the kind of problem (``workbook.unknown-mark``), listed in
    docs/problems.md: front ends and tests key on it, never on the wording."""

    @property
    def location(self) -> str:
        if self.cell:
            return f"{self.file}!{self.cell}"
        if self.line is not None:
            where = f"{self.file}:{self.line}"
            return f"{where}:{self.column}" if self.column is not None else where
        return self.file

    def __str__(self) -> str:
        parts = [f"{self.location}: {self.severity}:"]
        if self.field:
            parts.append(f"{self.field}:")
        parts.append(self.message)
        if self.value is not None and str(self.value) not in self.message:
            parts.append(f"(got {short_repr(self.value)})")
        text = " ".join(parts)
        return f"{text}\n    fix: {self.fix}" if self.fix else text


_CELL = re.compile(r"^([A-Z]{1,3})([0-9]+)")


def in_sheet_order(problems: Iterable[Problem], sheets: Sequence[str]) -> list[Problem]:
    """Problems of a workbook in reading order: sheet by sheet as the workbook orders them,
    then by row and column as numbers (F4 before AA4); problems without a cell first."""
    rank = {name: index for index, name in enumerate(sheets)}

    def key(problem: Problem) -> tuple[int, int, int]:
        if not problem.cell:
            return (-1, 0, 0)
        sheet, _, ref = problem.cell.rpartition("!")
        found = _CELL.match(ref)
        if not found:
            return (rank.get(sheet, len(rank)), 0, 0)
        letters, row = found.groups()
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        return (rank.get(sheet, len(rank)), int(row), column)

    return sorted(problems, key=key)


def dotted(path: Sequence[str | int]) -> str:
    """``('areas', 0, 'competencies', 2, 'id')`` → ``areas[0].competencies[2].id``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def short_repr(value: Any, limit: int = 60) -> str:
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 1] + "…'"


class CompetencyKitError(Exception):
    """Base of every error the library raises on purpose."""


@dataclass
class InputError(CompetencyKitError):
    """The user's input has problems; each is listed with its place and fix."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    @classmethod
    def single(
        cls, file: str, message: str, fix: str = "", *, code: str, **place: Any
    ) -> InputError:
        return cls([Problem(file=file, message=message, fix=fix, code=code, **place)])

    def summary(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        return f"{count} {noun} found" if count else "input problems found"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def system_refusal(name: str, exc: OSError, doing: str) -> InputError:
    """An operating-system refusal (permissions, a lock, a full disk) as the user's problem."""
    return InputError.single(
        name,
        f"cannot {doing} the file: {exc.strerror or exc}",
        "check the file's permissions, that no other program (such as Excel) holds it open, "
        "and that the disk has space",
        code="file.refused",
    )
