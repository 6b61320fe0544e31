"""What an existing mapping workbook holds, and whether anyone typed into it since it was
written: the facts an output guard needs before it replaces the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.wording import REFERENCE, LocalSheets, mapping_words
from competency_kit.excel.workbook_input import read_workbook, recorded_language


@dataclass(frozen=True)
class MappingContents:
    courses: int
    modules: int
    marks: int
    """Filled cells of the mapping matrix."""
    edited: bool
    """Someone typed into it since competency-kit wrote it (or it says nothing of what it
    held then, and holds courses, modules or marks)."""

    def summary(self) -> str:
        """'27 modules and 103 marks' (the courses too while there are no modules)."""
        counts = [(self.modules, "module"), (self.marks, "mark")]
        if not self.modules:
            counts.insert(0, (self.courses, "course"))
        parts = [_count(n, word) for n, word in counts if n]
        if not parts:
            return "a programme typed in by someone"
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def mapping_contents(path: str | Path) -> MappingContents:
    """Count what the mapping workbook at ``path`` holds (raises InputError when it cannot
    be opened)."""
    path = Path(path)
    return read_workbook(path, "mapping workbook", _contents)


def _contents(opened: Any) -> MappingContents:
    words = mapping_words(recorded_language(opened) or REFERENCE)
    workbook = LocalSheets(opened, words)
    courses = _filled(workbook, L.COURSES, L.TABLE_HEADER_ROW + 1, 1, 1)
    modules = _filled(workbook, L.MODULES, L.TABLE_HEADER_ROW + 1, 2, 2)
    marks = _filled(workbook, L.MAPPING, L.MAP_FIRST_ROW, L.MAP_FIRST_TARGET_COLUMN, None)
    stored = _fact(workbook, L.CONTENT_FACT)
    if stored is None:
        edited = bool(courses or modules or marks)
    else:
        edited = stored != L.content_fingerprint(workbook)
    return MappingContents(courses, modules, marks, edited)


def _filled(workbook: Any, sheet: str, first_row: int, first: int, last: int | None) -> int:
    if sheet not in workbook.sheetnames:
        return 0
    rows = workbook[sheet].iter_rows(
        min_row=first_row, min_col=first, max_col=last, values_only=True
    )
    return sum(1 for values in rows for value in values if L.cell_value_text(value) is not None)


def _fact(workbook: Any, key: str) -> str | None:
    if L.META not in workbook.sheetnames:
        return None
    for row in workbook[L.META].iter_rows(max_col=2, max_row=L.META_ORDER_ROW, values_only=True):
        if len(row) == 2 and row[0] == key:
            return str(row[1])
    return None
