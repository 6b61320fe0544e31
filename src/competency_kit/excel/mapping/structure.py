"""Damage to a mapping workbook's structure, found before any cell is read.

A deleted heading row shifts every value one row up; a deleted column shifts the ones after
it left. Read cell by cell, either gives hundreds of messages that never say what happened.
Checked first, it is one message that names the row or column, and the reading stops there.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from competency_kit.core import limits
from competency_kit.core.errors import InputError, Problem
from competency_kit.excel.mapping import layout as L
from competency_kit.excel.mapping.wording import MappingWords, mapping_words
from competency_kit.models.framework import Framework

RESTORE = (
    "undo the change (Ctrl+Z) or put the {what} back, or copy your rows into a new mapping workbook"
)
SEARCHED_ROWS = 8
"""How far up and down a moved heading row is looked for."""


def check_structure(
    name: str, workbook: Any, framework: Framework, words: MappingWords | None = None
) -> None:
    """Raise InputError naming each moved, deleted or inserted heading row or column; the
    headings are looked for in the workbook's ``words`` (English when None)."""
    words = words or mapping_words()
    problems = [
        problem
        for sheet, section, columns in (
            (L.COURSES, "courses", L.COURSE_COLUMNS),
            (L.MODULES, "modules", L.MODULE_COLUMNS),
            (L.EVIDENCE, "evidence", L.EVIDENCE_COLUMNS),
        )
        if (
            problem := _table_heading(
                name, workbook[sheet], [c[1] for c in words.columns(section, columns)]
            )
        )
    ]
    if (problem := _id_row(name, workbook[L.MAPPING], framework)) is not None:
        problems.append(problem)
    if problems:
        raise InputError(problems)


def _rows(ws: Any, last: int, width: int) -> list[list[str]]:
    return [
        [(L.cell_value_text(v) or "").strip().casefold() for v in values]
        for values in ws.iter_rows(min_row=1, max_row=last, max_col=width, values_only=True)
    ]


def _table_heading(name: str, ws: Any, labels: list[str]) -> Problem | None:
    expected = [label.casefold() for label in labels]
    rows = _rows(ws, SEARCHED_ROWS, len(labels) + 1)
    row = L.TABLE_HEADER_ROW
    found = rows[row - 1] if len(rows) >= row else []
    found = found + [""] * (len(expected) + 1 - len(found))
    if found[: len(expected)] == expected:
        return None
    if not _is_heading(found, expected):
        moved = next((i + 1 for i, r in enumerate(rows) if _is_heading(r, expected)), None)
        if moved is None:
            return _problem(
                name,
                f"{ws.title}!A{row}",
                f"the heading row of the {ws.title} sheet (row {row}: "
                f"{', '.join(labels[:3])} …) is missing: it was deleted or overwritten, so "
                "every row below would be read in the wrong place",
                RESTORE.format(what="row"),
                code="workbook.heading-row-missing",
            )
        return _problem(
            name,
            f"{ws.title}!A{moved}",
            f"the heading row of the {ws.title} sheet is on row {moved} instead of row {row}: "
            f"a row above it was {'deleted' if moved < row else 'inserted'}, so every row "
            "below would be read in the wrong place",
            RESTORE.format(what="row"),
            code="workbook.heading-row-moved",
        )
    k = next(i for i, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b)
    column = get_column_letter(k + 1)
    if found[k] == (expected[k + 1] if k + 1 < len(expected) else ""):
        return _problem(
            name,
            f"{ws.title}!{column}{row}",
            f"the column '{labels[k]}' ({column}) of the {ws.title} sheet was deleted: the "
            "columns after it moved left and would be read as the wrong fields",
            RESTORE.format(what="column"),
            code="workbook.column-deleted",
        )
    if found[k + 1] == expected[k]:
        return _problem(
            name,
            f"{ws.title}!{column}{row}",
            f"a column was inserted before '{labels[k]}' ({column}) on the {ws.title} sheet: "
            "the columns after it moved right and would be read as the wrong fields",
            "delete the inserted column, or put your notes in a column after the last one",
            code="workbook.column-inserted",
        )
    return None  # one heading reworded: its column is still read by position


def _is_heading(found: list[str], expected: list[str]) -> bool:
    """A row holding at least half of the headings, wherever they stand (one reworded or
    moved heading does not make it another row)."""
    return 2 * len(set(found) & set(expected)) >= len(expected)


def _id_row(name: str, ws: Any, framework: Framework) -> Problem | None:
    """The row of statement and competency ids above the matrix: where the reader expects
    it, moved (a row above deleted or inserted), or gone."""
    known = {c.target for c in L.matrix_columns(framework) if c.target}
    rows = [
        sum(1 for v in values if (L.cell_value_text(v) or "").strip() in known)
        for values in ws.iter_rows(
            min_row=1, max_row=SEARCHED_ROWS, max_col=limits.MAPPING_COLUMNS, values_only=True
        )
    ]
    here = rows[L.MAP_ID_ROW - 1] if len(rows) >= L.MAP_ID_ROW else 0
    if here * 2 >= len(known) or not known:
        return None
    best = max(range(len(rows)), key=lambda i: rows[i], default=None)
    cell = f"{L.MAPPING}!A{L.MAP_ID_ROW}"
    if best is not None and rows[best] * 2 >= len(known):
        moved = best + 1
        return _problem(
            name,
            f"{L.MAPPING}!A{moved}",
            f"the row of statement and competency ids on the {L.MAPPING} sheet is on row "
            f"{moved} instead of row {L.MAP_ID_ROW}: a row above it was "
            f"{'deleted' if moved < L.MAP_ID_ROW else 'inserted'}, so every mark would be "
            "read in the wrong row",
            RESTORE.format(what="row"),
            code="workbook.heading-row-moved",
        )
    return _problem(
        name,
        cell,
        f"the row of statement and competency ids (row {L.MAP_ID_ROW} of the {L.MAPPING} "
        "sheet, above the module rows) is missing: it was deleted or its ids were overwritten",
        RESTORE.format(what="row"),
        code="workbook.heading-row-missing",
    )


def _problem(name: str, cell: str, message: str, fix: str, *, code: str) -> Problem:
    return Problem(file=name, cell=cell, message=message, fix=fix, code=code)
