"""Reading the Mapping sheet: checking its column headings, then each module's marks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from openpyxl.utils import get_column_letter

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.documents.validation import FieldPath
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.wording import MappingWords
from competency_kit.models.framework import Framework

Row = tuple[int, tuple[Any, ...]]
ModuleRef = tuple[FieldPath, dict[str, Any]]
"""A module's field path in the curriculum data and its raw data."""
Marks = dict[tuple[str, str], ModuleRef]
"""(module id, target id) → the mapping's field path and raw data."""


class WorkbookReader(Protocol):
    """What the matrix reader needs of the workbook reader: rows, cells read, problems."""

    name: str
    workbook: Any
    """The workbook, its sheets asked for by their English names (``LocalSheets``)."""
    framework: Framework
    words: MappingWords
    cells: dict[FieldPath, str]
    orphans: set[str]
    """Modules left unread because their course is missing (already reported)."""

    def problem(
        self, cell: str | None, message: str, fix: str, value: Any = None, *, code: str
    ) -> None: ...

    def rows(self, sheet: str, first_row: int, width: int) -> Iterator[Row]: ...


MISSING_FIX = (
    "put the column back (Undo in Excel), or make a new mapping workbook and copy the marks into it"
)


def read_matrix(
    reader: WorkbookReader, modules: dict[str, ModuleRef], order: dict[str, list[str]]
) -> Marks:
    """Every mark of the matrix, attached to its module's data in mapping order."""
    targets = _headings(reader)
    if not targets:
        return {}
    width = max(targets)
    marks: Marks = {}
    first_row: dict[str, int] = {}
    for row, values in reader.rows(L.MAPPING, L.MAP_FIRST_ROW, width):
        module_id = _module_id(reader, row, values, targets, first_row, modules)
        found = _marks(reader, row, values, targets)  # checked even in a row with a bad id
        if module_id is None:
            continue
        path, module = modules[module_id]
        known = order.get(module_id, [])
        ranked = sorted(found, key=lambda t: known.index(t) if t in known else len(known))
        for target in ranked:
            depth, assessed, cell = found[target]
            mapping: dict[str, Any] = {"to": target, "depth": depth, "assessed": assessed}
            map_path = (*path, "maps", len(module["maps"]))
            module["maps"].append(mapping)
            reader.cells[(*map_path, "to")] = cell
            reader.cells[map_path] = cell
            marks[(module_id, target)] = (map_path, mapping)
    return marks


def _headings(reader: WorkbookReader) -> dict[int, str]:
    """Column number → statement or competency id, checked against the framework."""
    ws = reader.workbook[L.MAPPING]
    row = next(
        ws.iter_rows(
            min_row=L.MAP_ID_ROW,
            max_row=L.MAP_ID_ROW,
            max_col=limits.MAPPING_COLUMNS,
            values_only=True,
        ),
        (),
    )
    expected = {c.index: c for c in L.matrix_columns(reader.framework) if c.target}
    known = {c.target for c in expected.values()}
    found: dict[int, str] = {}
    problems: list[Problem] = []
    renamed: set[int] = set()
    for index, value in enumerate(row, start=1):
        text = (L.cell_value_text(value) or "").strip()
        if index < L.MAP_FIRST_TARGET_COLUMN or not text:
            continue
        cell = f"{L.MAPPING}!{get_column_letter(index)}{L.MAP_ID_ROW}"
        if text not in known:
            original = expected.get(index)
            fix = (
                f"restore the original heading '{original.target}'"
                if original
                else "delete this column, or give it back its original heading"
            )
            if original:
                renamed.add(index)
            problems.append(
                _problem(
                    reader,
                    cell,
                    f"the column heading '{text}' is not a statement or competency id of the "
                    "framework",
                    fix,
                    code="workbook.unknown-column",
                )
            )
        elif text in found.values():
            problems.append(
                _problem(
                    reader,
                    cell,
                    f"the column for {text} appears twice",
                    "delete one of the two columns",
                    code="workbook.duplicate-column",
                )
            )
        else:
            found[index] = text
    missing = [
        (index, column.target)
        for index, column in expected.items()
        if column.target not in found.values() and index not in renamed
    ]
    problems += _missing_columns(reader, missing)
    if problems:
        raise InputError(problems)  # structure first: marks under wrong headings mean nothing
    return found


MANY_COLUMNS = 5
"""More missing columns than this are one message."""


def _missing_columns(reader: WorkbookReader, missing: list[tuple[int, str]]) -> list[Problem]:
    cells = [f"{L.MAPPING}!{get_column_letter(i)}{L.MAP_ID_ROW}" for i, _ in missing]
    if len(missing) <= MANY_COLUMNS:
        return [
            _problem(
                reader,
                cell,
                f"the column for {target} is missing (it was deleted or its heading was changed)",
                MISSING_FIX,
                code="workbook.missing-column",
            )
            for cell, (_, target) in zip(cells, missing, strict=True)
        ]
    names = ", ".join(target for _, target in missing[:MANY_COLUMNS])
    return [
        _problem(
            reader,
            cells[0],
            f"the columns for {len(missing)} statements and competencies are missing ({names} "
            f"and {len(missing) - MANY_COLUMNS} more): they were deleted or their headings "
            "were changed",
            MISSING_FIX,
            code="workbook.missing-column",
        )
    ]


def _problem(reader: WorkbookReader, cell: str, message: str, fix: str, *, code: str) -> Problem:
    return Problem(file=reader.name, cell=cell, message=message, fix=fix, code=code)


def _module_id(
    reader: WorkbookReader,
    row: int,
    values: tuple[Any, ...],
    targets: dict[int, str],
    first_row: dict[str, int],
    modules: dict[str, ModuleRef],
) -> str | None:
    """The row's module id, or None (with a problem when the row has marks) to skip it."""
    text = (L.cell_value_text(values[0]) or "").strip()
    has_marks = any(L.cell_value_text(values[i - 1]) for i in targets)
    cell = f"{L.MAPPING}!A{row}"
    if not text:
        if has_marks:
            reader.problem(
                cell,
                "this row has coverage marks but no module id",
                f"write the module id (from the {L.MODULES} sheet) in column A",
                code="workbook.marks-without-module",
            )
        return None
    if text in first_row:
        reader.problem(
            cell,
            f"module '{text}' already has a row (row {first_row[text]})",
            "put all of a module's marks in one row and delete the other",
            text,
            code="workbook.duplicate-module-row",
        )
        return None
    first_row[text] = row
    if text in reader.orphans:
        return None
    if text not in modules:
        reader.problem(
            cell,
            f"module '{text}' is not on the {L.MODULES} sheet",
            f"add the module on the {L.MODULES} sheet, or correct the id",
            text,
            code="workbook.unknown-module",
        )
        return None
    return text


def _marks(
    reader: WorkbookReader, row: int, values: tuple[Any, ...], targets: dict[int, str]
) -> dict[str, tuple[L.Depth, bool, str]]:
    found: dict[str, tuple[L.Depth, bool, str]] = {}
    for index, target in targets.items():
        value = values[index - 1]
        if L.cell_value_text(value) is None:
            continue
        cell = f"{L.MAPPING}!{get_column_letter(index)}{row}"
        parsed = L.parse_mapping_value(value) or (
            reader.words.depth(value) if isinstance(value, str) else None
        )
        if parsed is None:
            reader.problem(
                cell,
                f"'{value}' is not a coverage mark for {target}",
                "use I, R or M, with * when the module assesses it (e.g. M*); "
                "leave the cell empty when the module does not cover it",
                value,
                code="workbook.unknown-mark",
            )
            continue
        found[target] = (*parsed, cell)
    return found
